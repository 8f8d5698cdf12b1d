import * as core from '@actions/core';
import { ANNOUNCEMENT_FIELDS, type ReleaseText } from '../../domain/announcement.js';
import { ConfigurationError } from '../../domain/errors.js';
import type { Policy } from '../../domain/policy/types.js';
import { RETROSPECTIVE_FIELDS } from '../../domain/retrospective.js';
import { ANNOUNCEMENT_TEMPLATE, ANNOUNCEMENT_TEMPLATE_NAME } from '../../templates/announcement.js';
import {
  REPORTER_THANKS_FIELDS,
  REPORTER_THANKS_TEMPLATE,
  REPORTER_THANKS_TEMPLATE_NAME,
} from '../../templates/reporter-thanks.js';
import { RETROSPECTIVE_TEMPLATE, RETROSPECTIVE_TEMPLATE_NAME } from '../../templates/retrospective.js';
import {
  getBooleanInput,
  getGhsaListInput,
  getOptionalInput,
  getRepositoryInput,
  getRequiredInput,
  parseRepository,
  getWebhookInput,
  type RepositoryRef,
} from '../common/inputs.js';
import { loadPolicy } from '../common/policy.js';
import { readTemplateInput, type TemplateChoice } from '../common/templates.js';

export type AnnounceChannel = { readonly kind: 'discussion'; readonly category: string } | { readonly kind: 'issue' };

export interface Gate {
  /** release-gate's `open` output as given (undefined: not given). */
  readonly gateOpen: boolean | undefined;
  readonly confirmed: boolean;
}

export interface Templates {
  readonly announcement: TemplateChoice;
  readonly thanks: TemplateChoice;
  readonly retrospective: TemplateChoice;
}

export interface PublishConfig {
  readonly token: string;
  readonly repository: RepositoryRef;
  readonly ghsaIds: readonly string[];
  readonly gate: Gate;
  readonly text: ReleaseText;
  /** Step 2 on or off. */
  readonly publishAdvisories: boolean;
  /** Step 3: the tag of the release to append the Security section to; undefined when the step is off. */
  readonly releaseTag: string | undefined;
  /** Step 4; undefined when no announcement is posted. */
  readonly announce: AnnounceChannel | undefined;
  /** Step 5. */
  readonly webhook: URL | undefined;
  /** Step 6. */
  readonly thankReporter: boolean;
  /** Step 7; undefined when there is no tracker. */
  readonly tracker: RepositoryRef | undefined;
  readonly policy: Policy;
  readonly templates: Templates;
}

const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/;

function versionInput(name: string, required: true): string;
function versionInput(name: string, required: false): string | undefined;
function versionInput(name: string, required: boolean): string | undefined {
  const value = required ? getRequiredInput(name) : getOptionalInput(name);
  if (value !== undefined && !VERSION.test(value)) {
    throw new ConfigurationError(
      `Input "${name}" is "${value.slice(0, 80)}", but it accepts a version such as 1.4.2 (letters, digits and . + _ -).`,
      name,
    );
  }
  return value;
}

function readRepository(env: NodeJS.ProcessEnv): RepositoryRef {
  const given = getRepositoryInput('repository');
  if (given) return given;
  if (!env.GITHUB_REPOSITORY) {
    throw new ConfigurationError('Input "repository" (owner/name of the project) is required.', 'repository');
  }
  return parseRepository('repository', env.GITHUB_REPOSITORY);
}

function readGhsaIds(): string[] {
  const ids = [...new Set(getGhsaListInput('ghsa-ids'))];
  if (ids.length === 0) {
    throw new ConfigurationError(
      'Input required and not supplied: ghsa-ids. Name the advisories released together (comma separated GHSA ids).',
      'ghsa-ids',
    );
  }
  return ids;
}

function readGate(): Gate {
  const given = getOptionalInput('gate-open');
  return {
    gateOpen: given === undefined ? undefined : getBooleanInput('gate-open', false),
    confirmed: getBooleanInput('confirm', false),
  };
}

function readText(repository: RepositoryRef): ReleaseText {
  const version = versionInput('version', true);
  return {
    project: getOptionalInput('project') ?? repository.repo,
    version,
    previousVersion: versionInput('previous-version', false),
    upgradeCommand: getOptionalInput('upgrade-command'),
    versionCommand: getOptionalInput('version-command'),
    mitigation: getOptionalInput('mitigation'),
  };
}

function readReleaseTag(version: string): string | undefined {
  if (!getBooleanInput('release-notes', true)) return undefined;
  return getOptionalInput('release-tag') ?? (version.startsWith('v') ? version : `v${version}`);
}

function readAnnounce(): AnnounceChannel | undefined {
  const category = getOptionalInput('discussion-category');
  const asIssue = getBooleanInput('announce-issue', false);
  if (asIssue && category) {
    throw new ConfigurationError(
      'Inputs "announce-issue" and "discussion-category" are both set: announce in a Discussion (discussion-category) or in an issue (announce-issue: true), not both.',
      'announce-issue',
    );
  }
  if (asIssue) return { kind: 'issue' };
  return category ? { kind: 'discussion', category } : undefined;
}

async function readTemplates(): Promise<Templates> {
  const announcement = await readTemplateInput('template', {
    name: ANNOUNCEMENT_TEMPLATE_NAME,
    source: ANNOUNCEMENT_TEMPLATE,
    fields: ANNOUNCEMENT_FIELDS,
  });
  const thanks = await readTemplateInput('thanks-template', {
    name: REPORTER_THANKS_TEMPLATE_NAME,
    source: REPORTER_THANKS_TEMPLATE,
    fields: REPORTER_THANKS_FIELDS,
  });
  const retrospective = await readTemplateInput('retrospective-template', {
    name: RETROSPECTIVE_TEMPLATE_NAME,
    source: RETROSPECTIVE_TEMPLATE,
    fields: RETROSPECTIVE_FIELDS,
  });
  return { announcement, thanks, retrospective };
}

/** Every input parsed and checked (custom templates compiled, the webhook URL parsed) before the first request. */
export async function readConfig(env: NodeJS.ProcessEnv = process.env): Promise<PublishConfig> {
  const token = getRequiredInput('token');
  core.setSecret(token);
  const repository = readRepository(env);
  const text = readText(repository);
  const ghsaIds = readGhsaIds();
  const gate = readGate();
  const publishAdvisories = getBooleanInput('publish-advisories', true);
  const releaseTag = readReleaseTag(text.version);
  const announce = readAnnounce();
  const webhook = getWebhookInput();
  const thankReporter = getBooleanInput('thank-reporter', true);
  const tracker = getRepositoryInput('tracker');
  const policy = await loadPolicy();
  return {
    token,
    repository,
    ghsaIds,
    gate,
    text,
    publishAdvisories,
    releaseTag,
    announce,
    webhook,
    thankReporter,
    tracker,
    policy,
    templates: await readTemplates(),
  };
}
