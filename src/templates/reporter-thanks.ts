/**
 * The thank-you posted on each published advisory for its reporter (conda-forge: "notify the reporter"), crediting
 * them as the advisory's credits say. A project supplies its own through `thanks-template`, using the fields of
 * ReporterThanksData.
 */
import { builtinTemplate } from './builtin.js';

export interface ReporterThanksData {
  /** The reporter's GitHub login; for a report that came outside GitHub, the name they chose (empty: none). */
  readonly reporter: string;
  /** Whether `reporter` is a GitHub login (mentioned with @). */
  readonly onGitHub: boolean;
  /** The name the announcement credits a reporter without a GitHub login by; null otherwise. */
  readonly creditedName: string | null;
  readonly ghsaId: string;
  readonly cveId: string | null;
  /** The CVE id, or the GHSA id when none is assigned. */
  readonly id: string;
  readonly url: string;
  readonly project: string;
  readonly version: string;
  readonly releaseUrl: string | null;
  readonly announcementUrl: string | null;
  /** How the advisory credits the reporter (`reporter`, `finder`...); empty when it does not. */
  readonly creditTypes: readonly string[];
}

export const REPORTER_THANKS_TEMPLATE = builtinTemplate<ReporterThanksData>({
  name: 'reporter-thanks (built-in)',
  source: `Thank you{{#if reporter}}, {{#if onGitHub}}@{{/if}}{{reporter}},{{/if}} for reporting this vulnerability to us privately and for working with us on
its coordinated disclosure.

The fix is released in {{project}} {{version}}{{#if releaseUrl}} ({{releaseUrl}}){{/if}}, and {{id}} is now published:
{{url}}{{#if announcementUrl}}. The announcement: {{announcementUrl}}{{/if}}

{{#if creditTypes}}
The advisory credits you as {{join creditTypes " and "}}.
{{else if creditedName}}
The announcement credits you as {{creditedName}}.
{{else}}
The advisory does not credit you by name. If you would like to be credited, reply here and we will add you.
{{/if}}
`,
  samples: [
    {
      reporter: 'octocat',
      onGitHub: true,
      creditedName: 'The Octocat',
      ghsaId: 'GHSA-2222-3333-4444',
      cveId: 'CVE-2026-12345',
      id: 'CVE-2026-12345',
      url: 'https://github.com/example-org/example/security/advisories/GHSA-2222-3333-4444',
      project: 'example',
      version: '1.4.2',
      releaseUrl: 'https://github.com/example-org/example/releases/tag/v1.4.2',
      announcementUrl: 'https://github.com/example-org/example/discussions/7',
      creditTypes: ['reporter'],
    },
    {
      reporter: 'Jane Doe',
      onGitHub: false,
      creditedName: 'Jane Doe',
      ghsaId: 'GHSA-2222-3333-4444',
      cveId: null,
      id: 'GHSA-2222-3333-4444',
      url: 'https://github.com/example-org/example/security/advisories/GHSA-2222-3333-4444',
      project: 'example',
      version: '1.4.2',
      releaseUrl: null,
      announcementUrl: null,
      creditTypes: [],
    },
  ],
});
