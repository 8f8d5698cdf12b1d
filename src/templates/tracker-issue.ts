/**
 * The `report` section of a tracking issue in the private tracker: what came in, from where, and when it must be
 * acknowledged. It is the one place the advisory's summary and description are copied to (rendered inert through
 * `md`). It is written once, at intake: where the report stands now (severity, CVSS, CVE, TLP, fix team...) is the
 * live record section every action re-renders from the state (src/domain/tracker-record.ts). ack-report adds the
 * acknowledgement, record and checklist sections and the state block around it. A project
 * replaces it with the `tracker-template` input (a Handlebars file in the workspace) using the fields of
 * TrackerIssueData.
 */
import { builtinTemplate } from './builtin.js';

/**
 * What the tracker template says about the report itself, as it came in: where from, its identifiers and its text.
 * The dates around it come from the tracker state and the policy.
 */
export interface ReportIntakeFacts {
  readonly ghsaId: string | null;
  /** The advisory's page; null for a report filed as an issue (the issue is the report). */
  readonly reportUrl: string | null;
  readonly repository: string | null;
  /** Where the report came from, in words. */
  readonly source: string;
  /** The advisory's state when it was taken in (`triage`, `draft`), or `filed by hand`. */
  readonly state: string;
  readonly severity: string | null;
  /** The reporter's login; the tracker is private, so it may be shown here and nowhere else. */
  readonly reporter: string | null;
  /** Untrusted, embargoed: render through `md`. */
  readonly summary: string | null;
  /** Untrusted, embargoed: render through `md`. */
  readonly description: string | null;
}

/** The data of a tracker issue template; nullable fields are `null` when unknown. */
export interface TrackerIssueData extends ReportIntakeFacts {
  /** The GHSA id, or `issue-<n>` for a report filed by hand in the tracker. */
  readonly key: string;
  readonly receivedAt: string;
  readonly ackDeadline: string;
  /** Null until the acknowledgement is made. */
  readonly acknowledgedAt: string | null;
  readonly late: boolean;
  readonly policy: string;
}

/** A report that came by other means (e-mail) and was filed by hand as an issue in the tracker: no advisory. */
export const ISSUE_REPORT_FACTS: ReportIntakeFacts = {
  ghsaId: null,
  reportUrl: null,
  repository: null,
  source: 'issue filed in the tracker',
  state: 'filed by hand',
  severity: null,
  reporter: null,
  summary: null,
  description: null,
};

export const TRACKER_ISSUE_TEMPLATE = builtinTemplate<TrackerIssueData>({
  name: 'tracker-issue (built-in)',
  source: `## Security report {{key}}

| | |
|---|---|
| Report | {{#if reportUrl}}[{{key}}]({{reportUrl}}){{else}}{{key}}{{/if}} |
| Repository | {{#if repository}}{{code repository}}{{else}}not known yet{{/if}} |
| Source | {{source}} |
| State at intake | {{state}} |
| Severity as reported | {{default severity "none given"}} |
| Reporter | {{#if reporter}}{{code reporter}}{{else}}see the report{{/if}} |
| Received | {{date receivedAt}} |
| Acknowledge by | {{date ackDeadline}} |
| Acknowledged | {{#if acknowledgedAt}}{{date acknowledgedAt}}{{#if late}} (late){{/if}}{{else}}not yet{{/if}} |
| Policy | {{code policy}} |
{{#if summary}}

### Summary (embargoed)

{{md summary}}
{{/if}}
{{#if description}}

### Description as reported (embargoed)

{{md description}}
{{/if}}
`,
  // Both kinds of report, so a project's template is also rendered without an advisory before anything is written.
  samples: [
    {
      key: 'GHSA-2222-3333-4444',
      ghsaId: 'GHSA-2222-3333-4444',
      reportUrl: 'https://github.com/example-org/example/security/advisories/GHSA-2222-3333-4444',
      repository: 'example-org/example',
      source: 'private vulnerability report',
      state: 'triage',
      severity: 'high',
      reporter: 'octocat',
      summary: 'Sample summary',
      description: 'Sample description',
      receivedAt: '2026-01-05T09:00:00.000Z',
      ackDeadline: '2026-01-07T09:00:00.000Z',
      acknowledgedAt: '2026-01-08T09:00:00.000Z',
      late: true,
      policy: 'spec11',
    },
    {
      key: 'issue-7',
      ...ISSUE_REPORT_FACTS,
      receivedAt: '2026-01-05T09:00:00.000Z',
      ackDeadline: '2026-01-07T09:00:00.000Z',
      acknowledgedAt: null,
      late: false,
      policy: 'spec11',
    },
  ],
});
