import { computeDeadlines, STEP_TITLES, STEPS, type Deadlines, type Step } from './deadlines.js';
import type { Policy } from './policy/types.js';
import type { TrackerState } from './tracker-state.js';

const toDate = (iso: string | undefined): Date | undefined => (iso ? new Date(iso) : undefined);

/** When each step was done, from the tracker state (undefined: not yet). */
export function stepCompletion(state: TrackerState): Readonly<Record<Step, Date | undefined>> {
  return {
    acknowledge: toDate(state.acknowledgedAt),
    triage: toDate(state.triagedAt),
    'fix-team': toDate(state.fixTeamAt),
    'advisory-cve': toDate(state.cveRequestedAt),
    'fix-release': toDate(state.releasedAt),
    disclose: toDate(state.publishedAt),
    retrospective: toDate(state.retrospectiveDoneAt),
  };
}

/**
 * Every step's due date for the report, as everything that shows one computes it (checklist, live record, gantt,
 * retrospective, sla-check): one time per deadline. Recorded moves and an expedite count.
 */
export function deadlinesFor(policy: Policy, state: TrackerState): Deadlines {
  return computeDeadlines(policy, {
    receivedAt: new Date(state.receivedAt),
    cvssScore: state.cvss?.score,
    releasedAt: toDate(state.releasedAt ?? state.publishedAt),
    moves: state.deadlineMoves,
    expeditedAt: toDate(state.expedited?.at),
  });
}

export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function dueText(step: Step, due: Date | undefined, state: TrackerState): string {
  if (due) return `due ${formatUtc(due)}`;
  const released = state.releasedAt ?? state.publishedAt;
  return step === 'retrospective' && !released ? 'due after the release' : 'no deadline';
}

function checklistLine(step: Step, due: Date | undefined, doneAt: Date | undefined, state: TrackerState): string {
  const box = doneAt ? '[x]' : '[ ]';
  const doneText = doneAt ? `; done ${formatUtc(doneAt)}${due && doneAt > due ? ' (late)' : ''}` : '';
  return `- ${box} ${STEP_TITLES[step]} (${dueText(step, due, state)}${doneText})`;
}

/** The checklist of every step with its due date, checked off from the state. Rewritten by every action. */
export function renderChecklist(policy: Policy, state: TrackerState): string {
  const deadlines = deadlinesFor(policy, state);
  const done = stepCompletion(state);
  const lines = STEPS.map((step) => checklistLine(step, deadlines[step], done[step], state));
  const forkLine = state.forkDeletedAt
    ? `- [x] Temporary private fork deleted (${formatUtc(new Date(state.forkDeletedAt))})`
    : `- ${state.fork ? '[x]' : '[ ]'} Temporary private fork for the fix${state.fork ? `: ${state.fork.fullName}` : ''}`;
  lines.splice(4, 0, forkLine);
  return [`### Checklist (policy: ${policy.name})`, '', ...lines].join('\n');
}
