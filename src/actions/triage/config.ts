import * as core from '@actions/core';
import type { TriageRequest } from '../../domain/chatops.js';
import { ConfigurationError } from '../../domain/errors.js';
import type { Policy } from '../../domain/policy/types.js';
import { triageCommandText } from '../../domain/triage-command.js';
import { REJECTION_FIELDS, REJECTION_TEMPLATE, REJECTION_TEMPLATE_NAME } from '../../templates/rejection.js';
import {
  getOptionalInput,
  getRepositoryInput,
  getRequiredInput,
  parseGhsaId,
  parseRepository,
  parseTeam,
  type RepositoryRef,
} from '../common/inputs.js';
import { loadPolicy } from '../common/policy.js';
import { readTemplateInput, type TemplateChoice } from '../common/templates.js';
import { readCommentEvent, type CommentEvent } from './event.js';

/** Triage of one advisory named by the inputs (workflow_dispatch, a reusable workflow...). */
export interface InputsMode {
  readonly kind: 'inputs';
  readonly repository: RepositoryRef;
  readonly ghsaId: string;
  readonly request: TriageRequest;
}

/** A `/triage` command in a tracker issue comment. */
export interface CommandMode {
  readonly kind: 'chatops';
  readonly event: CommentEvent;
  /** The tracker the comment is in (or the `tracker` input). */
  readonly tracker: RepositoryRef;
  readonly team: { readonly org: string; readonly slug: string };
  /** What the command asks for, or what is wrong with it: told to members only, so kept until then. */
  readonly command: { readonly request: TriageRequest } | { readonly error: ConfigurationError };
}

/** An event this action has nothing to do for (a comment without a command, an edit, a pull request). */
export interface IgnoredEvent {
  readonly kind: 'ignore';
  readonly why: string;
}

export interface TriageConfig {
  readonly token: string;
  readonly policy: Policy;
  readonly tracker: RepositoryRef | undefined;
  readonly rejectionTemplate: TemplateChoice;
  readonly mode: InputsMode | CommandMode | IgnoredEvent;
}

function readRejectionTemplate(): Promise<TemplateChoice> {
  return readTemplateInput('rejection-template', {
    name: REJECTION_TEMPLATE_NAME,
    source: REJECTION_TEMPLATE,
    fields: REJECTION_FIELDS,
  });
}

/** Parsing a request loads chatops.ts (and the CVSS calculator): only a run with a request to parse does. */
async function readInputsMode(): Promise<InputsMode> {
  const ghsa = getOptionalInput('ghsa-id');
  const repository = getRepositoryInput('repository');
  if (ghsa === undefined || repository === undefined) {
    throw new ConfigurationError(
      'Inputs "ghsa-id" and "repository" (owner/name of the affected repository) are required, except on issue_comment events (a /triage command in a tracker issue).',
      ghsa === undefined ? 'ghsa-id' : 'repository',
    );
  }
  const ghsaId = parseGhsaId('ghsa-id', ghsa);
  const { buildTriageRequest, TRIAGE_KEYS } = await import('../../domain/chatops.js');
  const raw = Object.fromEntries(TRIAGE_KEYS.map((key) => [key, getOptionalInput(key)]));
  return { kind: 'inputs', repository, ghsaId, request: buildTriageRequest(raw) };
}

function readTeam(tracker: RepositoryRef): { org: string; slug: string } {
  const value = getOptionalInput('team');
  if (value === undefined) {
    throw new ConfigurationError(
      'Input "team" is required for /triage commands: the slug of the response team whose members may run them (e.g. `security-team`).',
      'team',
    );
  }
  const team = parseTeam('team', value);
  return { org: team.org ?? tracker.owner, slug: team.slug };
}

async function readCommandMode(event: CommentEvent, tracker: RepositoryRef): Promise<CommandMode | IgnoredEvent> {
  if (event.isPullRequest) return { kind: 'ignore', why: 'the comment is on a pull request' };
  if (event.action !== 'created') return { kind: 'ignore', why: `the comment was ${event.action}, not created` };
  const noCommand: IgnoredEvent = { kind: 'ignore', why: 'the comment holds no /triage command' };
  if (triageCommandText(event.body) === undefined) return noCommand;
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
  return { kind: 'chatops', event, tracker, team: readTeam(tracker), command };
}

function commandTracker(event: CommentEvent, env: NodeJS.ProcessEnv): RepositoryRef {
  const given = getRepositoryInput('tracker');
  if (given) return given;
  const name = event.repository ?? env.GITHUB_REPOSITORY;
  if (!name) throw new ConfigurationError('Input "tracker" is required: the event names no repository.', 'tracker');
  return parseRepository('tracker', name);
}

/** Every input parsed and checked before the first request. */
export async function readConfig(env: NodeJS.ProcessEnv = process.env): Promise<TriageConfig> {
  const token = getRequiredInput('token');
  core.setSecret(token);
  const policy = await loadPolicy();
  const rejectionTemplate = await readRejectionTemplate();
  if (env.GITHUB_EVENT_NAME === 'issue_comment') {
    const event = readCommentEvent(env);
    const tracker = commandTracker(event, env);
    return { token, policy, tracker, rejectionTemplate, mode: await readCommandMode(event, tracker) };
  }
  const tracker = getRepositoryInput('tracker');
  return { token, policy, tracker, rejectionTemplate, mode: await readInputsMode() };
}
