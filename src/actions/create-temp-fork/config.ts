import { ConfigurationError } from '../../domain/errors.js';
import {
  MAX_WAIT_TIMEOUT_MS,
  parseFixTeam,
  parseWaitTimeout,
  WAIT_TIMEOUT_FORMS,
  type FixTeam,
} from '../../domain/fork.js';
import type { Policy } from '../../domain/policy/types.js';
import type { RepoRef } from '../../github/types.js';
import { FORK_GUIDANCE_TEMPLATE } from '../../templates/fork-guidance.js';
import {
  ActionInputs,
  parseGhsaId,
  parseOrganization,
  parseRepository,
  parseTeam,
  type TeamRef,
} from '../common/inputs.js';
import { readIssueCommentEvent, type IssueCommentEvent } from '../common/comment-event.js';
import { missingPayloadField } from '../common/event-payload.js';
import { loadPolicy } from '../common/policy.js';
import type { ActionDependencies, ActionEvent } from '../common/runner.js';
import { readTemplateInput, type TemplateChoice } from '../common/templates.js';
import { ACTION_INPUTS } from '../metadata.generated.js';

const ACTION = 'create-temp-fork';

interface CommonConfig {
  readonly token: string;
  readonly tracker: RepoRef | undefined;
  readonly policy: Policy;
}

export type CreateTarget =
  | { readonly kind: 'dispatch'; readonly ghsaId: string; readonly repository: RepoRef }
  | {
      readonly kind: 'comment';
      readonly event: IssueCommentEvent;
      /** `owner/name` of the tracker the comment was made in. */
      readonly repository: string;
      readonly team: TeamRef;
    };

export interface CreateConfig extends CommonConfig {
  readonly mode: 'create';
  readonly target: CreateTarget;
  /** From the `fix-team` input; undefined: the one recorded in the tracker state. */
  readonly fixTeam: FixTeam | undefined;
  readonly waitTimeoutMs: number;
  readonly guidance: TemplateChoice;
  readonly testCommand: string | null;
}

export type CleanupScope =
  | { readonly kind: 'organization'; readonly org: string }
  | { readonly kind: 'repositories'; readonly repositories: readonly RepoRef[] };

export interface CleanupConfig extends CommonConfig {
  readonly mode: 'cleanup';
  readonly scope: CleanupScope;
  readonly dryRun: boolean;
}

export type ForkConfig = CreateConfig | CleanupConfig;

/** Every input, checked before any request: a mistake exits 1 with nothing written. */
export async function readConfig(deps: Pick<ActionDependencies, 'io' | 'env' | 'event'>): Promise<ForkConfig> {
  const inputs = new ActionInputs(deps.io, ACTION_INPUTS[ACTION], ACTION);
  const token = inputs.required('token');
  const mode = inputs.choice('mode', ['create', 'cleanup'] as const);
  const tracker = inputs.repository('tracker');
  const common = { token, tracker, policy: await loadPolicy(inputs, deps.env) };
  if (mode === 'cleanup') return { ...common, mode, ...readCleanup(inputs) };
  const create = await readCreate(inputs, deps.env, deps.event);
  if (create.target.kind === 'comment') checkCommentTracker(common.tracker, create.target.repository);
  return { ...common, mode, ...create };
}

/** A `/fork` comment is read from, and answered in, the tracker it is made in. */
function checkCommentTracker(tracker: RepoRef | undefined, eventRepository: string): void {
  if (!tracker || `${tracker.owner}/${tracker.repo}`.toLowerCase() === eventRepository.toLowerCase()) return;
  throw new ConfigurationError(
    `Input "tracker" is ${tracker.owner}/${tracker.repo}, but the /fork comment was made in ${eventRepository}: ` +
      'run the workflow in the tracker repository, or leave "tracker" empty.',
    'tracker',
  );
}

async function readCreate(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  event: ActionEvent,
): Promise<Omit<CreateConfig, keyof CommonConfig | 'mode'>> {
  const fixTeamEntries = inputs.list('fix-team');
  const target = readTarget(inputs, event);
  const fixTeam = fixTeamEntries.length > 0 ? parseFixTeam(fixTeamEntries, 'fix-team') : undefined;
  const waitTimeoutMs = readWaitTimeout(inputs);
  return {
    target,
    fixTeam,
    waitTimeoutMs,
    guidance: await readGuidanceTemplate(inputs, env),
    testCommand: inputs.optional('test-command') ?? null,
  };
}

function readTarget(inputs: ActionInputs, event: ActionEvent): CreateTarget {
  const ghsaInput = inputs.optional('ghsa-id');
  if (event.name === 'issue_comment' && ghsaInput === undefined) {
    const comment = readIssueCommentEvent(event.payload);
    const repository = comment.repository;
    if (!repository) throw missingPayloadField('issue_comment', 'repository');
    return { kind: 'comment', event: comment, repository, team: readTeam(inputs, repository) };
  }
  const ghsaId = parseGhsaId('ghsa-id', inputs.required('ghsa-id'));
  return { kind: 'dispatch', ghsaId, repository: parseRepository('repository', inputs.required('repository')) };
}

/** The response team whose members may run `/fork`: `org/slug`, or a slug of the tracker's organization. */
function readTeam(inputs: ActionInputs, eventRepository: string): TeamRef {
  const value = inputs.optional('team');
  if (value === undefined) {
    throw new ConfigurationError(
      'Input "team" is required for the `/fork` command: only members of that team (`org/slug` or a slug of the ' +
        "tracker's organization) may create a fork from a comment.",
      'team',
    );
  }
  const team = parseTeam('team', value);
  return { org: team.org ?? parseOrganization('team', eventRepository.split('/')[0] ?? ''), slug: team.slug };
}

/** `wait-timeout`, its default from action.yml. */
function readWaitTimeout(inputs: ActionInputs): number {
  const value = inputs.required('wait-timeout');
  const ms = parseWaitTimeout(value);
  if (ms === undefined || ms > MAX_WAIT_TIMEOUT_MS) {
    throw new ConfigurationError(
      `Input "wait-timeout" is "${value.slice(0, 80)}", but it accepts a positive duration of at most 60 minutes ` +
        `such as ${WAIT_TIMEOUT_FORMS}.`,
      'wait-timeout',
    );
  }
  return ms;
}

function readGuidanceTemplate(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<TemplateChoice> {
  return readTemplateInput(inputs, env, 'guidance-template', FORK_GUIDANCE_TEMPLATE);
}

function readCleanup(inputs: ActionInputs): Omit<CleanupConfig, keyof CommonConfig | 'mode'> {
  return { scope: readScope(inputs), dryRun: inputs.boolean('dry-run') };
}

function readScope(inputs: ActionInputs): CleanupScope {
  const org = inputs.optional('organization');
  const listed = inputs.list('repositories').map((name) => parseRepository('repositories', name));
  const single = inputs.repository('repository');
  const repositories = single ? [...listed, single] : listed;
  if (org !== undefined && repositories.length > 0) {
    throw new ConfigurationError(
      'Inputs "organization" and "repositories" (or "repository") are both set; cleanup takes one scope: give one of them.',
      'organization',
    );
  }
  if (org !== undefined) return { kind: 'organization', org: parseOrganization('organization', org) };
  if (repositories.length === 0) {
    throw new ConfigurationError(
      'Cleanup needs a scope: set "organization" (every repository of the org) or "repositories" (`owner/name` list).',
      'repositories',
    );
  }
  return { kind: 'repositories', repositories };
}
