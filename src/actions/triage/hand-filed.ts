/**
 * `/triage decision=accept ...` on a report filed by hand in the tracker (e-mail, forums: the intake form). Accepting it
 * opens the draft advisory in the affected repository with the packages from the form and the summary and
 * description the team wrote on the issue (never the report itself), credits the reporter's login if one was
 * recorded, and makes the issue that advisory's tracking issue (its state block keyed by the GHSA id, `filedAs`
 * keeping the issue key). The triage then runs as for any advisory: from here on the chain (fork, gate, publish,
 * retrospective) is the same as for a private vulnerability report. A re-run finds the advisory it opened (same
 * summary and description) instead of opening a second one.
 */
import type { TriageRequest } from '../../domain/chatops.js';
import { ConfigurationError } from '../../domain/errors.js';
import { readAdvisoryText } from '../../domain/intake-form.js';
import { readTrackerState, reportMarker, type TrackerState } from '../../domain/tracker-state.js';
import { createDraftAdvisory } from '../../github/advisories.js';
import { isHttpError } from '../../github/errors.js';
import { fullName, splitFullName, type Issue } from '../../github/types.js';
import { isGhsaId } from '../common/inputs.js';
import { policyForState, updateTracker } from '../common/tracker.js';
import type { CommandMode } from './config.js';
import { runTriage, type TriageContext, type TriageResult } from './run.js';

/** The state of a report filed by hand that has no advisory yet, or undefined for any other issue. */
export function handFiledReport(body: string | null | undefined): TrackerState | undefined {
  const state = readTrackerState(body);
  return state && !isGhsaId(state.key) ? state : undefined;
}

function fieldsOf(state: TrackerState, request: TriageRequest) {
  if (request.decision !== 'accept') {
    throw new ConfigurationError(
      `${state.key} has no advisory yet: \`/triage decision=accept ...\` opens one; \`/triage reject reason="..."\` (or \`/triage reject upstream=<url>\`, out of scope) rejects it.`,
      'triage command',
    );
  }
  if (!state.repository || (state.packages ?? []).length === 0) {
    throw new ConfigurationError(
      `${state.key} names no affected repository or package (it was not filed with the intake form): GitHub needs both to open an advisory. Open the draft advisory by hand, then run ack-report with its ghsa-id.`,
      'triage command',
    );
  }
  return { repository: state.repository, packages: state.packages ?? [] };
}

function refusal(repository: string, error: unknown): ConfigurationError {
  const status = isHttpError(error) ? error.status : 'an error';
  return new ConfigurationError(
    `GitHub refused to open an advisory in ${repository} (it answered ${status}): repository security advisories need a repository that can hold them (GitHub's documentation: public repositories, admin or security manager rights). Keep the report's whole lifecycle in this tracker, or correct "Affected repository" and run the command again. Nothing was changed.`,
    'triage command',
  );
}

/** Opens the advisory of an accepted report filed by hand, re-keys its tracking issue, then triages it. */
export async function triageHandFiled(
  context: TriageContext,
  mode: CommandMode,
  issue: Issue,
  state: TrackerState,
  request: TriageRequest,
): Promise<TriageResult> {
  const { client, log } = context;
  const { repository, packages } = fieldsOf(state, request);
  const text = readAdvisoryText(issue.body);
  const ref = splitFullName(repository);
  const credit = state.credit?.login && !state.credit.declined ? state.credit : undefined;
  let advisory;
  try {
    advisory = await createDraftAdvisory(client, ref, {
      ...text,
      vulnerabilities: packages.map((pkg) => ({ package: { ecosystem: pkg.ecosystem, name: pkg.name } })),
      ...(credit?.login ? { credits: [{ login: credit.login, type: credit.type ?? 'reporter' }] } : {}),
    });
  } catch (error) {
    if (isHttpError(error) && [403, 404, 422].includes(error.status)) throw refusal(repository, error);
    throw error;
  }
  const ghsaId = advisory.ghsa_id;
  log.info(`/triage on ${fullName(mode.tracker)}#${issue.number}: ${state.key} opened as ${ghsaId} in ${repository}.`);
  const rekeyed: TrackerState = { ...state, key: ghsaId, filedAs: state.key };
  const marker = reportMarker(ghsaId);
  const saved = await updateTracker(
    client,
    mode.tracker,
    { issue, state },
    {
      state: rekeyed,
      policy: policyForState(context.policy, state),
      ensure: (body) => (body.includes(marker) ? body : `${body.trimEnd()}\n\n${marker}`),
    },
    log,
  );
  return runTriage(context, { repository: ref, ghsaId, tracker: mode.tracker, report: saved }, request);
}
