import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { buildTriageRequest, parseTriageCommand, TRIAGE_KEYS, type TriageRequest } from '../../domain/chatops.js';
import { ConfigurationError } from '../../domain/errors.js';
import type { Policy } from '../../domain/policy/types.js';
import { assertTemplateFields, compileTemplate, type CompiledTemplate } from '../../domain/templates.js';
import { REJECTION_FIELDS, REJECTION_TEMPLATE } from '../../templates/rejection.js';
import {
  getOptionalInput,
  getRepositoryInput,
  getRequiredInput,
  parseGhsaId,
  parseRepository,
  parseTeam,
  type RepositoryRef,
} from '../common/inputs.js';
import { loadPolicy, workspacePath } from '../common/policy.js';
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
  readonly rejectionTemplate: CompiledTemplate;
  readonly mode: InputsMode | CommandMode | IgnoredEvent;
}

function readRejectionTemplate(): CompiledTemplate {
  const path = getOptionalInput('rejection-template');
  if (path === undefined) return compileTemplate(REJECTION_TEMPLATE, 'rejection (built-in)');
  let source: string;
  try {
    source = readFileSync(workspacePath(path), 'utf8');
  } catch {
    throw new ConfigurationError(
      `Input "rejection-template" names ${path}, which cannot be read from the workspace (did the job check out the repository?).`,
      'rejection-template',
    );
  }
  assertTemplateFields(source, path, REJECTION_FIELDS);
  return compileTemplate(source, path);
}

function readInputsMode(): InputsMode {
  const ghsa = getOptionalInput('ghsa-id');
  const repository = getRepositoryInput('repository');
  if (ghsa === undefined || repository === undefined) {
    throw new ConfigurationError(
      'Inputs "ghsa-id" and "repository" (owner/name of the affected repository) are required, except on issue_comment events (a /triage command in a tracker issue).',
      ghsa === undefined ? 'ghsa-id' : 'repository',
    );
  }
  const raw = Object.fromEntries(TRIAGE_KEYS.map((key) => [key, getOptionalInput(key)]));
  return { kind: 'inputs', repository, ghsaId: parseGhsaId('ghsa-id', ghsa), request: buildTriageRequest(raw) };
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

function readCommandMode(event: CommentEvent, tracker: RepositoryRef): CommandMode | IgnoredEvent {
  if (event.isPullRequest) return { kind: 'ignore', why: 'the comment is on a pull request' };
  if (event.action !== 'created') return { kind: 'ignore', why: `the comment was ${event.action}, not created` };
  let command: CommandMode['command'];
  try {
    const request = parseTriageCommand(event.body);
    if (request === undefined) return { kind: 'ignore', why: 'the comment holds no /triage command' };
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
export function readConfig(env: NodeJS.ProcessEnv = process.env): TriageConfig {
  const token = getRequiredInput('token');
  core.setSecret(token);
  const policy = loadPolicy();
  const rejectionTemplate = readRejectionTemplate();
  if (env.GITHUB_EVENT_NAME === 'issue_comment') {
    const event = readCommentEvent(env);
    const tracker = commandTracker(event, env);
    return { token, policy, tracker, rejectionTemplate, mode: readCommandMode(event, tracker) };
  }
  return { token, policy, tracker: getRepositoryInput('tracker'), rejectionTemplate, mode: readInputsMode() };
}
