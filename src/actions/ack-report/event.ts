/**
 * The events that name one report: `repository_dispatch` relayed by a GitHub App from the `repository_advisory`
 * webhook, and `issues` in the tracker. Only identifiers are read from a payload: the advisory itself is fetched
 * through the API, so no embargoed text is taken from (or trusted in) what the relay sent.
 */
import { ConfigurationError } from '../../domain/errors.js';
import type { RepoRef } from '../../github/types.js';
import { EventPayload, jsonObject, type Json } from '../common/event-payload.js';
import { parseGhsaId, parseRepository } from '../common/inputs.js';
import type { ActionEvent } from '../common/runner.js';
import type { AdvisoryMode, IgnoredEvent, IssueMode } from './modes.js';

/** An identifier as a relay or GitHub sent it, trimmed; undefined when absent, blank or not text. */
function identifier(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * `client_payload` holds the relayed webhook payload (`repository_advisory.ghsa_id`, `repository.full_name`) or,
 * from a simpler relay, `ghsa_id` and `repository` as strings.
 */
export function dispatchTarget(payload: Json): AdvisoryMode {
  const fields = new EventPayload('repository_dispatch', payload);
  const ghsa =
    identifier(fields.text('client_payload.repository_advisory.ghsa_id')) ??
    identifier(fields.text('client_payload.ghsa_id'));
  const repository =
    identifier(fields.text('client_payload.repository.full_name')) ??
    identifier(fields.text('client_payload.repository'));
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
  return value.map((label) => {
    if (typeof label === 'string') return label;
    const name = jsonObject(label).name;
    return identifier(typeof name === 'string' ? name : undefined) ?? '';
  });
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** An `issues` event in the tracker that brings in a report: opened (or reopened) with, or given, the intake label. */
export function issueTarget(payload: Json, tracker: RepoRef, intakeLabel: string): IssueMode | IgnoredEvent {
  const fields = new EventPayload('issues', payload);
  const issueNumber = fields.requiredNumber('issue.number', 'issue number');
  const action = identifier(fields.text('action')) ?? '';
  const repository = identifier(fields.text('repository.full_name'));
  if (repository === undefined || !same(repository, `${tracker.owner}/${tracker.repo}`)) {
    return { kind: 'ignore', why: `the issue is in ${repository ?? 'another repository'}, not in the tracker` };
  }
  const pullRequest = fields.value('issue.pull_request');
  if (pullRequest !== undefined && pullRequest !== null) {
    return { kind: 'ignore', why: 'the event is about a pull request' };
  }
  const labelled =
    action === 'labeled'
      ? same(identifier(fields.text('label.name')) ?? '', intakeLabel)
      : ['opened', 'reopened'].includes(action) &&
        labelNames(fields.value('issue.labels')).some((name) => same(name, intakeLabel));
  if (!labelled) {
    return { kind: 'ignore', why: `the issue was ${action || 'changed'} without the intake label "${intakeLabel}"` };
  }
  return { kind: 'issue', issueNumber };
}

/**
 * The report an event names, or undefined when the event calls for a sweep (schedule, workflow_dispatch, ...). The
 * payload is the one the runner wrote to `GITHUB_EVENT_PATH`, read once for the run (core-runner.ts `readEvent`).
 */
export function readIntakeEvent(
  event: ActionEvent,
  tracker: RepoRef,
  intakeLabel: string,
): AdvisoryMode | IssueMode | IgnoredEvent | undefined {
  if (event.name === 'repository_dispatch') return dispatchTarget(event.payload);
  if (event.name === 'issues') return issueTarget(event.payload, tracker, intakeLabel);
  return undefined;
}
