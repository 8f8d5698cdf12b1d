import { ConfigurationError } from '../../domain/errors.js';
import {
  DEFAULT_WAIT_TIMEOUT,
  MAX_WAIT_TIMEOUT_MS,
  parseFixTeam,
  parseWaitTimeout,
  WAIT_TIMEOUT_FORMS,
  type FixTeam,
} from '../../domain/fork.js';
import type { Policy } from '../../domain/policy/types.js';
import {
  FORK_GUIDANCE_FIELDS,
  FORK_GUIDANCE_TEMPLATE,
  FORK_GUIDANCE_TEMPLATE_NAME,
} from '../../templates/fork-guidance.js';
import {
  getBooleanInput,
  getChoiceInput,
  getListInput,
  getOptionalInput,
  getRequiredInput,
  getRepositoryInput,
  parseGhsaId,
  parseOrganization,
  parseRepository,
  parseTeam,
  type RepositoryRef,
} from '../common/inputs.js';
import { loadPolicy } from '../common/policy.js';
import { readTemplateInput, type TemplateChoice } from '../common/templates.js';
import { commentEventOf, readEventPayload, type CommentEvent } from './event.js';

export interface TeamRef {
  readonly org: string;
  readonly slug: string;
}

interface CommonConfig {
  readonly token: string;
  readonly tracker: RepositoryRef | undefined;
  readonly policy: Policy;
}

export type CreateTarget =
  | { readonly kind: 'dispatch'; readonly ghsaId: string; readonly repository: RepositoryRef }
  | { readonly kind: 'comment'; readonly event: CommentEvent; readonly team: TeamRef };

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
  | { readonly kind: 'repositories'; readonly repositories: readonly RepositoryRef[] };

export interface CleanupConfig extends CommonConfig {
  readonly mode: 'cleanup';
  readonly scope: CleanupScope;
  readonly dryRun: boolean;
}

export type ForkConfig = CreateConfig | CleanupConfig;

/** Every input, checked before any request: a mistake exits 1 with nothing written. */
export async function readConfig(env: NodeJS.ProcessEnv = process.env): Promise<ForkConfig> {
  const token = getRequiredInput('token');
  const mode = getChoiceInput('mode', ['create', 'cleanup'] as const, 'create');
  const tracker = getRepositoryInput('tracker');
  const common = { token, tracker, policy: await loadPolicy() };
  if (mode === 'cleanup') return { ...common, mode, ...readCleanup() };
  const create = await readCreate(env);
  if (create.target.kind === 'comment') checkCommentTracker(common.tracker, create.target.event.repository);
  return { ...common, mode, ...create };
}

/** A `/fork` comment is read from, and answered in, the tracker it is made in. */
function checkCommentTracker(tracker: RepositoryRef | undefined, eventRepository: string): void {
  if (!tracker || `${tracker.owner}/${tracker.repo}`.toLowerCase() === eventRepository.toLowerCase()) return;
  throw new ConfigurationError(
    `Input "tracker" is ${tracker.owner}/${tracker.repo}, but the /fork comment was made in ${eventRepository}: ` +
      'run the workflow in the tracker repository, or leave "tracker" empty.',
    'tracker',
  );
}

async function readCreate(env: NodeJS.ProcessEnv): Promise<Omit<CreateConfig, keyof CommonConfig | 'mode'>> {
  const fixTeamEntries = getListInput('fix-team');
  const target = readTarget(env);
  const fixTeam = fixTeamEntries.length > 0 ? parseFixTeam(fixTeamEntries, 'fix-team') : undefined;
  const waitTimeoutMs = readWaitTimeout();
  return {
    target,
    fixTeam,
    waitTimeoutMs,
    guidance: await readGuidanceTemplate(),
    testCommand: getOptionalInput('test-command') ?? null,
  };
}

function readTarget(env: NodeJS.ProcessEnv): CreateTarget {
  const ghsaInput = getOptionalInput('ghsa-id');
  if (env.GITHUB_EVENT_NAME === 'issue_comment' && ghsaInput === undefined) {
    const event = commentEventOf(readEventPayload(env));
    return { kind: 'comment', event, team: readTeam(event.repository) };
  }
  const ghsaId = parseGhsaId('ghsa-id', getRequiredInput('ghsa-id'));
  return { kind: 'dispatch', ghsaId, repository: parseRepository('repository', getRequiredInput('repository')) };
}

/** The response team whose members may run `/fork`: `org/slug`, or a slug of the tracker's organization. */
function readTeam(eventRepository: string): TeamRef {
  const value = getOptionalInput('team');
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

function readWaitTimeout(): number {
  const value = getOptionalInput('wait-timeout') ?? DEFAULT_WAIT_TIMEOUT;
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

function readGuidanceTemplate(): Promise<TemplateChoice> {
  return readTemplateInput('guidance-template', {
    name: FORK_GUIDANCE_TEMPLATE_NAME,
    source: FORK_GUIDANCE_TEMPLATE,
    fields: FORK_GUIDANCE_FIELDS,
  });
}

function readCleanup(): Omit<CleanupConfig, keyof CommonConfig | 'mode'> {
  return { scope: readScope(), dryRun: getBooleanInput('dry-run', false) };
}

function readScope(): CleanupScope {
  const org = getOptionalInput('organization');
  const listed = getListInput('repositories').map((name) => parseRepository('repositories', name));
  const single = getRepositoryInput('repository');
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
