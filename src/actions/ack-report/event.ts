/**
 * The events that name one report: `repository_dispatch` relayed by a GitHub App from the `repository_advisory`
 * webhook, and `issues` in the tracker. Only identifiers are read from a payload: the advisory itself is fetched
 * through the API, so no embargoed text is taken from (or trusted in) what the relay sent.
 */
import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../../domain/errors.js';
import { parseGhsaId, parseRepository, type RepositoryRef } from '../common/inputs.js';
import type { AdvisoryMode, IgnoredEvent, IssueMode } from './config.js';

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function readPayload(env: NodeJS.ProcessEnv): Json {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return record(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    throw new ConfigurationError(`The event payload at ${path} cannot be read as JSON.`, 'GITHUB_EVENT_PATH');
  }
}

/**
 * `client_payload` holds the relayed webhook payload (`repository_advisory.ghsa_id`, `repository.full_name`) or,
 * from a simpler relay, `ghsa_id` and `repository` as strings.
 */
export function dispatchTarget(payload: Json): AdvisoryMode {
  const client = record(payload.client_payload);
  const advisory = record(client.repository_advisory);
  const ghsa = text(advisory.ghsa_id) ?? text(client.ghsa_id);
  const repository = text(record(client.repository).full_name) ?? text(client.repository);
  if (ghsa === undefined || repository === undefined) {
    throw new ConfigurationError(
      'The repository_dispatch event has no advisory id or repository: send the `repository_advisory` webhook payload as `client_payload` (its `repository_advisory.ghsa_id` and `repository.full_name` are read), or `client_payload: { ghsa_id, repository }`.',
      'client_payload',
    );
  }
  return {
    kind: 'advisory',
    ghsaId: parseGhsaId('client_payload.repository_advisory.ghsa_id', ghsa),
    repository: parseRepository('client_payload.repository.full_name', repository),
    origin: 'repository_dispatch',
  };
}

function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((label) => (typeof label === 'string' ? label : (text(record(label).name) ?? '')));
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** An `issues` event in the tracker that brings in a report: opened (or reopened) with, or given, the intake label. */
export function issueTarget(payload: Json, tracker: RepositoryRef, intakeLabel: string): IssueMode | IgnoredEvent {
  const issue = record(payload.issue);
  const action = text(payload.action) ?? '';
  const repository = text(record(payload.repository).full_name);
  if (typeof issue.number !== 'number') {
    throw new ConfigurationError('The issues event payload has no issue number.', 'GITHUB_EVENT_PATH');
  }
  if (repository === undefined || !same(repository, `${tracker.owner}/${tracker.repo}`)) {
    return { kind: 'ignore', why: `the issue is in ${repository ?? 'another repository'}, not in the tracker` };
  }
  if (issue.pull_request !== undefined && issue.pull_request !== null) {
    return { kind: 'ignore', why: 'the event is about a pull request' };
  }
  const labelled =
    action === 'labeled'
      ? same(text(record(payload.label).name) ?? '', intakeLabel)
      : ['opened', 'reopened'].includes(action) && labelNames(issue.labels).some((name) => same(name, intakeLabel));
  if (!labelled) {
    return { kind: 'ignore', why: `the issue was ${action || 'changed'} without the intake label "${intakeLabel}"` };
  }
  return { kind: 'issue', issueNumber: issue.number };
}

/** The report an event names, or undefined when the event calls for a sweep (schedule, workflow_dispatch, ...). */
export function readIntakeEvent(
  env: NodeJS.ProcessEnv,
  tracker: RepositoryRef,
  intakeLabel: string,
): AdvisoryMode | IssueMode | IgnoredEvent | undefined {
  if (env.GITHUB_EVENT_NAME === 'repository_dispatch') return dispatchTarget(readPayload(env));
  if (env.GITHUB_EVENT_NAME === 'issues') return issueTarget(readPayload(env), tracker, intakeLabel);
  return undefined;
}
