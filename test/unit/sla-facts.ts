/** Builders of the facts src/domain/sla.ts assesses, shared by its unit tests. */
import type { AdvisoryFacts, ReportRecords } from '../../src/domain/sla.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';

export const RECEIVED = '2026-03-02T09:00:00.000Z'; // a Monday
export const rule = { withinMs: 24 * 3600_000, fraction: 0.2 };
export const at = (iso: string): Date => new Date(iso);

export function advisory(partial: Partial<AdvisoryFacts> = {}): AdvisoryFacts {
  return {
    phase: 'triage',
    createdAt: at(RECEIVED),
    severity: null,
    cvssScore: undefined,
    cveId: null,
    privateFork: null,
    publishedAt: undefined,
    maintainerDraft: false,
    ...partial,
  };
}

export function tracked(partial: Partial<TrackerState> = {}): TrackerState {
  return { ...newTrackerState('GHSA-aaaa-bbbb-cccc', 'org/repo', 'spec11', RECEIVED), ...partial };
}

export function facts(partial: Partial<ReportRecords> = {}): ReportRecords {
  return { key: 'GHSA-aaaa-bbbb-cccc', repository: 'org/repo', advisory: advisory(), ...partial };
}
