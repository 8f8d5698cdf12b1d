/** What each mode did, as report.ts turns it into outputs and a job summary. Types only. */
import type { ForkDeletion } from '../../domain/fork.js';
import type { CollaboratorsOutcome, ForkLinks } from './provision.js';

export interface CreateOutcome {
  readonly ghsaId: string;
  readonly repository: string;
  readonly fork: ForkLinks;
  readonly created: boolean;
  readonly ready: boolean;
  readonly collaborators: CollaboratorsOutcome;
  readonly tracked: boolean;
}

export interface CleanupRow {
  readonly ghsaId: string;
  readonly repository: string;
  readonly state: string;
  readonly fork: string;
  readonly action: string;
}

export interface CleanupOutcome {
  readonly dryRun: boolean;
  /** Forks deleted by this run. */
  readonly deleted: readonly string[];
  /** Forks due for deletion and still there (dry run, or the token may not delete them). */
  readonly pending: readonly string[];
  /** Forks a person must delete: the token is an integration, which GitHub keeps out of temporary private forks. */
  readonly forAPerson: readonly ForkDeletion[];
  readonly blindSpots: readonly string[];
  readonly rows: readonly CleanupRow[];
}
