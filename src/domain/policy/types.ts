import type { Step } from '../steps.js';

/** A span of time as a policy states it: calendar hours/days, or business days. */
export interface Duration {
  readonly amount: number;
  readonly unit: 'minutes' | 'hours' | 'days' | 'business-days';
}

/** ISO weekday numbers as date-fns `getISODay` returns them: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A closed range of calendar dates (UTC), both ends included, as `YYYY-MM-DD`. */
export interface DateRange {
  readonly start: string;
  readonly end: string;
}

export interface ReleaseWindowPolicy {
  /** Opening time of day in UTC, `HH:MM`. */
  readonly time: string;
  /** How long the window stays open after `time`, in minutes (may cross midnight). */
  readonly durationMinutes: number;
  /** Weekdays on which a window may open (the day it opens on). */
  readonly weekdays: readonly IsoWeekday[];
  /** Dates (UTC, `YYYY-MM-DD`) on which no window opens. */
  readonly holidays: readonly string[];
  /** Ranges of dates during which no window opens. */
  readonly freezes: readonly DateRange[];
}

export interface LowSeveritySlowDown {
  /** A CVSS base score strictly below this counts as low severity. */
  readonly cvssBelow: number;
  /** With `automatic`, the fix-release span of a low-severity report is multiplied by this (capped by `disclose-within`). */
  readonly factor: number;
  /**
   * Stretch the fix release of a low-severity report by itself. Off in every preset: the documents let a person
   * decide ("can be extended", "can decide"), which `/triage extend=… reason=…` records.
   */
  readonly automatic: boolean;
}

/**
 * Where a number of a policy comes from: a sentence of its process document (quoted), a choice of this project
 * (and why), or the project's own policy file.
 */
export type Provenance =
  | {
      readonly source: 'seed';
      readonly document: string;
      /** The document's own words, nothing added. */
      readonly quote: string;
      /** How the number is read from them, when the words give no exact one (e.g. "a few days" as 3). */
      readonly note?: string;
    }
  | { readonly source: 'project-default'; readonly why: string }
  | { readonly source: 'policy-file'; readonly file: string };

/**
 * What a missed deadline of a step does: `escalate` (a breach, the team is mentioned once), `remind` (one nudge,
 * never a breach) or `off` (not tracked).
 */
export type Enforcement = 'escalate' | 'remind' | 'off';
export const ENFORCEMENTS: readonly Enforcement[] = ['escalate', 'remind', 'off'];

/** The numbers of a policy that carry a provenance: each step's deadline, the expedite span, the release window. */
export type ProvenanceKey = Step | 'expedite' | 'release-window' | 'low-severity';

/** Every deadline of the process, each counted from the report's `created_at` unless said otherwise. */
export interface PolicyDeadlines {
  readonly acknowledgeWithin: Duration;
  readonly triageWithin: Duration;
  readonly fixTeamWithin: Duration;
  readonly advisoryAndCveWithin: Duration;
  readonly fixReleaseWithin: Duration;
  /**
   * A hard limit, where the process document states one (conda-forge: 90 days) or the policy file sets one:
   * disclosure happens by then whether or not a fix exists. Absent: no disclosure deadline, and no text promises one.
   */
  readonly discloseWithin?: Duration | undefined;
  /** Counted from the release (publication), not from the report. */
  readonly retrospectiveWithin: Duration;
}

export interface Policy extends PolicyDeadlines {
  readonly name: string;
  readonly releaseWindow: ReleaseWindowPolicy;
  readonly lowSeveritySlowDown: LowSeveritySlowDown;
  /** Each step's deadline when a report is expedited (public disclosure, exploitation): "all timelines become ASAP". */
  readonly expediteWithin: Duration;
  /** What a missed deadline of each step does. */
  readonly enforcement: Readonly<Record<Step, Enforcement>>;
  /** Where each number comes from: shown in the README's policy table and in what a reporter reads. */
  readonly provenance: Readonly<Record<ProvenanceKey, Provenance>>;
  /** When true every `days` duration of the policy is counted in business days (Mon-Fri, holidays skipped). */
  readonly businessDays: boolean;
  /** Label on tracker issues that marks a report filed by hand (e-mail, issue form). */
  readonly intakeLabel: string;
  /**
   * How many different members of the response team must approve a publication (`/release approve` in the tracking
   * issue) before publish-announcement publishes it or release-gate is forced open. A project option.
   */
  readonly releaseApprovals: number;
  /** The response team's name as the process document calls it, used in the announcement's text and sign-off. */
  readonly teamName: string;
  /** `require-release-checklist`: release-gate requires every release-day step confirmed (release-checklist.ts). */
  readonly requireReleaseChecklist?: boolean;
  /** Workspace path of the project's public OpenPGP key (`signing-key`): release-gate verifies release assets with it. */
  readonly signingKey?: string;
}
