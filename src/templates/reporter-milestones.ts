/**
 * What the reporter is told at each milestone after the acknowledgement (domain/reporter-messages.ts): accepted or
 * not, the CVE assigned, the fix release date agreed or changed, the advisory published. One template with a branch
 * per milestone; a project replaces it with its own Handlebars file using the fields of MilestoneData.
 */
import { builtinTemplate } from './builtin.js';

export interface MilestoneData {
  /** `accepted`, `rejected`, `cve-assigned`, `release-date`, `published`. */
  readonly milestone: string;
  /** The GHSA id, or null for a report without an advisory yet. */
  readonly ghsaId: string | null;
  readonly repository: string | null;
  readonly cveId: string | null;
  /** The agreed fix release day, `YYYY-MM-DD` (UTC), as triage records it. */
  readonly releaseDate: string | null;
  readonly previousReleaseDate: string | null;
  /** The published advisory's page. */
  readonly advisoryUrl: string | null;
  readonly policy: string;
}

export const REPORTER_MILESTONE_TEMPLATE = builtinTemplate<MilestoneData>({
  name: 'reporter-milestones (built-in)',
  source: `{{#if (eq milestone "accepted")}}An update on your report{{#if ghsaId}} ({{ghsaId}}){{/if}}: we have triaged it and accepted it as a vulnerability{{#if repository}} in {{code repository}}{{/if}}. We are working on a fix and will tell you the release date once it is agreed.
{{/if}}{{#if (eq milestone "rejected")}}An update on your report{{#if ghsaId}} ({{ghsaId}}){{/if}}: after triage we have decided not to treat it as a vulnerability. If you disagree or have more information, reply to this message.
{{/if}}{{#if (eq milestone "cve-assigned")}}An update on your report{{#if ghsaId}} ({{ghsaId}}){{/if}}: it has been assigned {{cveId}}. Please keep it private until the advisory is published.
{{/if}}{{#if (eq milestone "release-date")}}An update on your report{{#if ghsaId}} ({{ghsaId}}){{/if}}: {{#if previousReleaseDate}}the fix release has moved from {{previousReleaseDate}} to {{releaseDate}}{{else}}the fix release is planned for {{releaseDate}}{{/if}} (UTC). The advisory is published with it; please keep the details private until then.
{{/if}}{{#if (eq milestone "published")}}The advisory for your report is now public{{#if advisoryUrl}}: {{advisoryUrl}}{{/if}}{{#if cveId}} ({{cveId}}){{/if}}. Thank you for reporting it and for keeping it private until the fix was out.
{{/if}}`,
  samples: [
    {
      milestone: 'release-date',
      ghsaId: 'GHSA-2222-3333-4444',
      repository: 'example-org/example',
      cveId: 'CVE-2026-0001',
      releaseDate: '2026-01-27',
      previousReleaseDate: '2026-01-20',
      advisoryUrl: 'https://github.com/example-org/example/security/advisories/GHSA-2222-3333-4444',
      policy: 'spec11',
    },
    {
      milestone: 'accepted',
      ghsaId: null,
      repository: null,
      cveId: null,
      releaseDate: null,
      previousReleaseDate: null,
      advisoryUrl: null,
      policy: 'conda-forge',
    },
  ],
});
