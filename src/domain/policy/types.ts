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
  /** The fix-release and disclosure targets are multiplied by this factor (capped by `disclose-within`). */
  readonly factor: number;
}

/** Every deadline of the process, each counted from the report's `created_at` unless said otherwise. */
export interface PolicyDeadlines {
  readonly acknowledgeWithin: Duration;
  readonly triageWithin: Duration;
  readonly fixTeamWithin: Duration;
  readonly advisoryAndCveWithin: Duration;
  readonly fixReleaseWithin: Duration;
  /** The hard limit: disclosure happens by then whether or not a fix exists. */
  readonly discloseWithin: Duration;
  /** Counted from the release (publication), not from the report. */
  readonly retrospectiveWithin: Duration;
}

export interface Policy extends PolicyDeadlines {
  readonly name: string;
  readonly releaseWindow: ReleaseWindowPolicy;
  readonly lowSeveritySlowDown: LowSeveritySlowDown;
  /** When true every `days` duration of the policy is counted in business days (Mon-Fri, holidays skipped). */
  readonly businessDays: boolean;
  /** Label on tracker issues that marks a report filed by hand (e-mail, issue form). */
  readonly intakeLabel: string;
  /**
   * How many different members of the response team must approve a publication (`/release approve` in the tracking
   * issue) before publish-announcement publishes it or release-gate is forced open. A project option.
   */
  readonly releaseApprovals: number;
}
