import * as core from '@actions/core';
import { ConfigurationError } from '../../domain/errors.js';
import type { Policy } from '../../domain/policy/types.js';
import {
  ACKNOWLEDGEMENT_FIELDS,
  ACKNOWLEDGEMENT_SAMPLES,
  ACKNOWLEDGEMENT_TEMPLATE,
  ACKNOWLEDGEMENT_TEMPLATE_NAME,
} from '../../templates/acknowledgement.js';
import {
  TRACKER_ISSUE_FIELDS,
  TRACKER_ISSUE_SAMPLES,
  TRACKER_ISSUE_TEMPLATE,
  TRACKER_ISSUE_TEMPLATE_NAME,
} from '../../templates/tracker-issue.js';
import type { SweepScope } from '../common/advisory-sweep.js';
import {
  getBooleanInput,
  getListInput,
  getOptionalInput,
  getRepositoryInput,
  getRequiredInput,
  getSweepScopeInput,
  getWebhookInput,
  parseGhsaId,
  parseRepository,
  parseTeam,
  type RepositoryRef,
} from '../common/inputs.js';
import { loadPolicy } from '../common/policy.js';
import { readTemplateInput, type TemplateChoice } from '../common/templates.js';
import { readIntakeEvent } from './event.js';

/** One advisory named by inputs (workflow_dispatch) or relayed by an App (repository_dispatch). */
export interface AdvisoryMode {
  readonly kind: 'advisory';
  readonly ghsaId: string;
  readonly repository: RepositoryRef;
  /** Where the id came from, for messages: the `ghsa-id` input or the dispatch payload. */
  readonly origin: 'inputs' | 'repository_dispatch';
}

/** A report filed by hand as an issue in the tracker, carrying the policy's intake label. */
export interface IssueMode {
  readonly kind: 'issue';
  readonly issueNumber: number;
}

export interface SweepMode {
  readonly kind: 'sweep';
  readonly scope: SweepScope;
}

export interface IgnoredEvent {
  readonly kind: 'ignore';
  readonly why: string;
}

export type IntakeMode = AdvisoryMode | IssueMode | SweepMode | IgnoredEvent;

export interface ResponseTeam {
  /** Logins added to each advisory's collaborators. */
  readonly users: readonly string[];
  /** Team slugs; `org/slug` entries apply only to advisories of that org's repositories. */
  readonly teams: readonly { readonly org: string | undefined; readonly slug: string }[];
}

export interface AckConfig {
  readonly token: string;
  readonly tracker: RepositoryRef;
  readonly policy: Policy;
  readonly mode: IntakeMode;
  /** Sweep the advisories maintainers opened by hand (`draft`) as well as reports (`triage`). */
  readonly includeDrafts: boolean;
  readonly team: ResponseTeam;
  readonly accept: boolean;
  readonly webhook: URL | undefined;
  readonly contact: string | null;
  readonly trackerTemplate: TemplateChoice;
  readonly ackTemplate: TemplateChoice;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

function readUsers(): string[] {
  return getListInput('users').map((entry) => {
    const login = entry.replace(/^@/, '');
    if (!LOGIN.test(login)) {
      throw new ConfigurationError(
        `Input "users" has "${entry.slice(0, 80)}", but it accepts GitHub logins such as \`octocat\` (comma or line separated).`,
        'users',
      );
    }
    return login;
  });
}

function readTeams(): ResponseTeam['teams'] {
  return getListInput('team').map((entry) => parseTeam('team', entry));
}

function readAdvisoryInputs(ghsa: string): AdvisoryMode {
  const ghsaId = parseGhsaId('ghsa-id', ghsa);
  const repository = getRepositoryInput('repository');
  if (!repository) {
    throw new ConfigurationError(
      `Input "repository" is required with "ghsa-id" (${ghsaId}): it accepts the advisory's repository as \`owner/name\`.`,
      'repository',
    );
  }
  return { kind: 'advisory', ghsaId, repository, origin: 'inputs' };
}

function readMode(tracker: RepositoryRef, policy: Policy, env: NodeJS.ProcessEnv): IntakeMode {
  const ghsa = getOptionalInput('ghsa-id');
  if (ghsa !== undefined) return readAdvisoryInputs(ghsa);
  const event = readIntakeEvent(env, tracker, policy.intakeLabel);
  if (event) return event;
  return { kind: 'sweep', scope: getSweepScopeInput(', or "ghsa-id" with "repository" to acknowledge one report') };
}

/** Every input, template and event field, checked before the first request: a mistake exits 1 with nothing written. */
export async function readConfig(env: NodeJS.ProcessEnv = process.env): Promise<AckConfig> {
  const token = getRequiredInput('token');
  core.setSecret(token);
  const tracker = parseRepository('tracker', getRequiredInput('tracker'));
  const policy = await loadPolicy();
  const webhook = getWebhookInput();
  // A project's template is checked with sample data (it may break on some values only); ours is checked by tests.
  const trackerTemplate = await readTemplateInput(
    'tracker-template',
    { source: TRACKER_ISSUE_TEMPLATE, name: TRACKER_ISSUE_TEMPLATE_NAME, fields: TRACKER_ISSUE_FIELDS },
    TRACKER_ISSUE_SAMPLES,
  );
  const ackTemplate = await readTemplateInput(
    'ack-template',
    { source: ACKNOWLEDGEMENT_TEMPLATE, name: ACKNOWLEDGEMENT_TEMPLATE_NAME, fields: ACKNOWLEDGEMENT_FIELDS },
    ACKNOWLEDGEMENT_SAMPLES,
  );
  return {
    token,
    tracker,
    policy,
    mode: readMode(tracker, policy, env),
    includeDrafts: getBooleanInput('include-drafts', false),
    team: { users: readUsers(), teams: readTeams() },
    accept: getBooleanInput('accept', false),
    webhook,
    contact: getOptionalInput('contact') ?? null,
    trackerTemplate,
    ackTemplate,
  };
}
