import { readChatChannel, type ChatChannel } from '../common/chat.js';
import type { ReleaseText } from '../../domain/announcement.js';
import { ConfigurationError } from '../../domain/errors.js';
import type { Policy } from '../../domain/policy/types.js';
import type { RepoRef } from '../../github/types.js';
import { ANNOUNCEMENT_TEMPLATE } from '../../templates/announcement.js';
import { REPORTER_THANKS_TEMPLATE } from '../../templates/reporter-thanks.js';
import { RETROSPECTIVE_TEMPLATE } from '../../templates/retrospective.js';
import { ACTION_INPUTS } from '../metadata.generated.js';
import { ActionInputs, parseRepository, parseTeam, type TeamRef } from '../common/inputs.js';
import { loadPolicy } from '../common/policy.js';
import type { RunnerIO } from '../common/runner.js';
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
  readonly repository: RepoRef;
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
  readonly webhook: ChatChannel | undefined;
  /** Step 6. */
  readonly thankReporter: boolean;
  /** Step 7; undefined when there is no tracker. */
  readonly tracker: RepoRef | undefined;
  /** Whose members' `/release approve` count (approvals.ts); needed when a draft is published. */
  readonly team: TeamRef | undefined;
  readonly policy: Policy;
  readonly templates: Templates;
}

const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/;

function versionInput(inputs: ActionInputs, name: string, required: true): string;
function versionInput(inputs: ActionInputs, name: string, required: false): string | undefined;
function versionInput(inputs: ActionInputs, name: string, required: boolean): string | undefined {
  const value = required ? inputs.required(name) : inputs.optional(name);
  if (value !== undefined && !VERSION.test(value)) {
    throw new ConfigurationError(
      `Input "${name}" is "${value.slice(0, 80)}", but it accepts a version such as 1.4.2 (letters, digits and . + _ -).`,
      name,
    );
  }
  return value;
}

function readRepository(inputs: ActionInputs, env: NodeJS.ProcessEnv): RepoRef {
  const given = inputs.repository('repository');
  if (given) return given;
  if (!env.GITHUB_REPOSITORY) {
    throw new ConfigurationError('Input "repository" (owner/name of the project) is required.', 'repository');
  }
  return parseRepository('repository', env.GITHUB_REPOSITORY);
}

function readGhsaIds(inputs: ActionInputs): string[] {
  const ids = [...new Set(inputs.ghsaList('ghsa-ids'))];
  if (ids.length === 0) {
    throw new ConfigurationError(
      'Input required and not supplied: ghsa-ids. Name the advisories released together (comma separated GHSA ids).',
      'ghsa-ids',
    );
  }
  return ids;
}

/** The response team, its organization the tracker's (or the project's) when the input names only the slug. */
function readTeam(inputs: ActionInputs, owner: RepoRef): TeamRef | undefined {
  const value = inputs.optional('team');
  if (value === undefined) return undefined;
  const team = parseTeam('team', value);
  return { org: team.org ?? owner.owner, slug: team.slug };
}

function readGate(inputs: ActionInputs): Gate {
  return {
    gateOpen: inputs.optionalBoolean('gate-open'),
    confirmed: inputs.boolean('confirm'),
  };
}

function readText(inputs: ActionInputs, repository: RepoRef): ReleaseText {
  const version = versionInput(inputs, 'version', true);
  return {
    project: inputs.optional('project') ?? repository.repo,
    version,
    previousVersion: versionInput(inputs, 'previous-version', false),
    upgradeCommand: inputs.optional('upgrade-command'),
    versionCommand: inputs.optional('version-command'),
    mitigation: inputs.optional('mitigation'),
  };
}

function readReleaseTag(inputs: ActionInputs, version: string): string | undefined {
  if (!inputs.boolean('release-notes')) return undefined;
  return inputs.optional('release-tag') ?? (version.startsWith('v') ? version : `v${version}`);
}

function readAnnounce(inputs: ActionInputs): AnnounceChannel | undefined {
  const category = inputs.optional('discussion-category');
  const asIssue = inputs.boolean('announce-issue');
  if (asIssue && category) {
    throw new ConfigurationError(
      'Inputs "announce-issue" and "discussion-category" are both set: announce in a Discussion (discussion-category) or in an issue (announce-issue: true), not both.',
      'announce-issue',
    );
  }
  if (asIssue) return { kind: 'issue' };
  return category ? { kind: 'discussion', category } : undefined;
}

async function readTemplates(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<Templates> {
  const announcement = await readTemplateInput(inputs, env, 'template', ANNOUNCEMENT_TEMPLATE);
  const thanks = await readTemplateInput(inputs, env, 'thanks-template', REPORTER_THANKS_TEMPLATE);
  const retrospective = await readTemplateInput(inputs, env, 'retrospective-template', RETROSPECTIVE_TEMPLATE);
  return { announcement, thanks, retrospective };
}

/** Every input parsed and checked (custom templates compiled, the webhook URL parsed) before the first request. */
export async function readConfig(
  io: Pick<RunnerIO, 'getInput' | 'setSecret' | 'warning'>,
  env: NodeJS.ProcessEnv,
): Promise<PublishConfig> {
  const inputs = new ActionInputs(io, ACTION_INPUTS['publish-announcement'], 'publish-announcement');
  const token = inputs.required('token');
  io.setSecret(token);
  const repository = readRepository(inputs, env);
  const text = readText(inputs, repository);
  const ghsaIds = readGhsaIds(inputs);
  const gate = readGate(inputs);
  const publishAdvisories = inputs.boolean('publish-advisories');
  const releaseTag = readReleaseTag(inputs, text.version);
  const announce = readAnnounce(inputs);
  const webhook = readChatChannel(inputs, env, io);
  const thankReporter = inputs.boolean('thank-reporter');
  const tracker = inputs.repository('tracker');
  const team = readTeam(inputs, tracker ?? repository);
  const policy = await loadPolicy(inputs, env);
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
    team,
    policy,
    templates: await readTemplates(inputs, env),
  };
}
