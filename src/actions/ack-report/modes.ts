/**
 * What one ack-report run works on: an advisory named by the inputs or a relayed event, an issue filed by hand in
 * the tracker, a sweep, or nothing (an event it ignores). config.ts chooses it; event.ts reads it from an event.
 */
import type { RepoRef } from '../../github/types.js';
import type { SweepScope } from '../common/advisory-sweep.js';

/** One advisory named by inputs (workflow_dispatch) or relayed by an App (repository_dispatch). */
export interface AdvisoryMode {
  readonly kind: 'advisory';
  readonly ghsaId: string;
  readonly repository: RepoRef;
  /** Where the id came from, for messages: the `ghsa-id` input or the dispatch payload. */
  readonly origin: 'inputs' | 'repository_dispatch';
}

/** A report filed by hand as an issue in the tracker, carrying the policy's intake label. */
export interface IssueMode {
  readonly kind: 'issue';
  readonly issueNumber: number;
}

export interface SweepMode {
  readonly kind: 'sweep';
  readonly scope: SweepScope;
}

export interface IgnoredEvent {
  readonly kind: 'ignore';
  readonly why: string;
}

export type IntakeMode = AdvisoryMode | IssueMode | SweepMode | IgnoredEvent;
