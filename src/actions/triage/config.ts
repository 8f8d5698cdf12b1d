import type { TriageRequest } from '../../domain/chatops.js';
import { ackCommandMode, needsInfoMode, type AckCommandOf } from '../../domain/ack-command.js';
import { ConfigurationError } from '../../domain/errors.js';
import type { Policy } from '../../domain/policy/types.js';
import { parseReleaseCommand } from '../../domain/release-approval.js';
import { parseReleaseStepCommand, releaseStepOf, type ReleaseStep } from '../../domain/release-checklist.js';
import { triageCommandText } from '../../domain/triage-command.js';
import type { RepoRef } from '../../github/types.js';
import { REJECTION_TEMPLATE } from '../../templates/rejection.js';
import { ACTION_INPUTS } from '../metadata.generated.js';
import { readIssueCommentEvent, type IssueCommentEvent } from '../common/comment-event.js';
import { ActionInputs, parseGhsaId, parseRepository, parseTeam, type TeamRef } from '../common/inputs.js';
import { loadPolicy } from '../common/policy.js';
import type { ActionDependencies } from '../common/runner.js';
import { readTemplateInput, type TemplateChoice } from '../common/templates.js';

/** Triage of one advisory named by the inputs (workflow_dispatch, a reusable workflow...). */
export interface InputsMode {
  readonly kind: 'inputs';
  readonly repository: RepoRef;
  readonly ghsaId: string;
  readonly request: TriageRequest;
}

/** A `/triage` or `/release approve` command in a tracker issue comment. */
export interface CommandMode {
  readonly kind: 'chatops';
  readonly event: IssueCommentEvent;
  /** The tracker the comment is in (or the `tracker` input). */
  readonly tracker: RepoRef;
  readonly team: TeamRef;
  /**
   * What the command asks for (a triage, or `/release approve`: the publication approved by the commenter), or what
   * is wrong with it: told to members only, so kept until then.
   */
  readonly command:
    | { readonly request: TriageRequest }
    | { readonly approve: true }
    | { readonly error: ConfigurationError }
    | { readonly ack: AckCommandOf }
    | { readonly step: ReleaseStep };
}

/** An event this action has nothing to do for (a comment without a command, an edit, a pull request). */
export interface IgnoredEvent {
  readonly kind: 'ignore';
  readonly why: string;
}

export interface TriageConfig {
  readonly token: string;
  readonly policy: Policy;
  readonly tracker: RepoRef | undefined;
  readonly rejectionTemplate: TemplateChoice;
  readonly mode: InputsMode | CommandMode | IgnoredEvent;
}

function readRejectionTemplate(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<TemplateChoice> {
  return readTemplateInput(inputs, env, 'rejection-template', REJECTION_TEMPLATE);
}

/** Parsing a request loads chatops.ts (and the CVSS calculator): only a run with a request to parse does. */
async function readInputsMode(inputs: ActionInputs): Promise<InputsMode> {
  const ghsa = inputs.optional('ghsa-id');
  const repository = inputs.repository('repository');
  if (ghsa === undefined || repository === undefined) {
    throw new ConfigurationError(
      'Inputs "ghsa-id" and "repository" (owner/name of the affected repository) are required, except on issue_comment events (a /triage command in a tracker issue).',
      ghsa === undefined ? 'ghsa-id' : 'repository',
    );
  }
  const ghsaId = parseGhsaId('ghsa-id', ghsa);
  const { buildTriageRequest, TRIAGE_KEYS } = await import('../../domain/chatops.js');
  const raw = Object.fromEntries(TRIAGE_KEYS.map((key) => [key, inputs.optional(key)]));
  return { kind: 'inputs', repository, ghsaId, request: buildTriageRequest(raw) };
}

function readTeam(inputs: ActionInputs, tracker: RepoRef): TeamRef {
  const value = inputs.optional('team');
  if (value === undefined) {
    throw new ConfigurationError(
      'Input "team" is required for /triage commands: the slug of the response team whose members may run them (e.g. `security-team`).',
      'team',
    );
  }
  const team = parseTeam('team', value);
  return { org: team.org ?? tracker.owner, slug: team.slug };
}

async function readCommandMode(
  inputs: ActionInputs,
  event: IssueCommentEvent,
  tracker: RepoRef,
): Promise<CommandMode | IgnoredEvent> {
  if (event.isPullRequest) return { kind: 'ignore', why: 'the comment is on a pull request' };
  if (event.action !== 'created') return { kind: 'ignore', why: `the comment was ${event.action}, not created` };
  const noCommand: IgnoredEvent = { kind: 'ignore', why: 'the comment holds no /triage, /release or /ack command' };
  // `/triage sanitized`, `/release done|undo <item>` (release-steps.ts): confirmations recorded in the tracking issue.
  const step = parseReleaseStepCommand(event.body);
  if (step) return { kind: 'chatops', event, tracker, team: readTeam(inputs, tracker), command: releaseStepOf(step) };
  const release = parseReleaseCommand(event.body);
  const triage = triageCommandText(event.body) !== undefined;
  if (release.kind !== 'none') {
    const team = readTeam(inputs, tracker);
    if (triage) {
      const error = new ConfigurationError(
        'The comment holds both /triage and /release: post each command in a comment of its own.',
        'release command',
      );
      return { kind: 'chatops', event, tracker, team, command: { error } };
    }
    const command =
      release.kind === 'approve'
        ? ({ approve: true } as const)
        : { error: new ConfigurationError(release.problem, 'release command') };
    return { kind: 'chatops', event, tracker, team, command };
  }
  // `/ack sent`, `/ack credit ...`, `/triage needs-info` (ack-sent.ts): handled in the tracking issue like the others.
  const ack = triage ? needsInfoMode(event.body) : ackCommandMode(event.body);
  if (ack) return { kind: 'chatops', event, tracker, team: readTeam(inputs, tracker), command: ack };
  if (!triage) return noCommand;
  const { parseTriageCommand } = await import('../../domain/chatops.js');
  let command: CommandMode['command'];
  try {
    const request = parseTriageCommand(event.body);
    if (request === undefined) return noCommand;
    command = { request };
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    command = { error };
  }
  return { kind: 'chatops', event, tracker, team: readTeam(inputs, tracker), command };
}

function commandTracker(inputs: ActionInputs, event: IssueCommentEvent, env: NodeJS.ProcessEnv): RepoRef {
  const given = inputs.repository('tracker');
  if (given) return given;
  const name = event.repository ?? env.GITHUB_REPOSITORY;
  if (!name) throw new ConfigurationError('Input "tracker" is required: the event names no repository.', 'tracker');
  return parseRepository('tracker', name);
}

/** Every input parsed and checked before the first request. */
export async function readConfig(deps: Pick<ActionDependencies, 'io' | 'env' | 'event'>): Promise<TriageConfig> {
  const { io, env } = deps;
  const inputs = new ActionInputs(io, ACTION_INPUTS.triage, 'triage');
  const token = inputs.required('token');
  io.setSecret(token);
  const policy = await loadPolicy(inputs, env);
  const rejectionTemplate = await readRejectionTemplate(inputs, env);
  if (deps.event.name === 'issue_comment') {
    const event = readIssueCommentEvent(deps.event.payload);
    const tracker = commandTracker(inputs, event, env);
    return { token, policy, tracker, rejectionTemplate, mode: await readCommandMode(inputs, event, tracker) };
  }
  const tracker = inputs.repository('tracker');
  return { token, policy, tracker, rejectionTemplate, mode: await readInputsMode(inputs) };
}
