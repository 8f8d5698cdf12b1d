/**
 * What the reporter is told when a report is rejected at triage, through the channel the acknowledgement used: not a
 * vulnerability, or out of scope with the upstream project to report it to (`upstreamUrl`).
 * A project replaces it with the `rejection-template` input (a Handlebars file in the workspace) using the fields of
 * RejectionData.
 */
import { builtinTemplate } from './builtin.js';

export interface RejectionData {
  /** Null for a report filed by hand that has no advisory. */
  readonly ghsaId: string | null;
  readonly repository: string | null;
  /** The maintainers' reason, as given: rendered through `md`. */
  readonly reason: string;
  /**
   * Out of scope, report upstream: the upstream project's security page or `mailto:` contact (checked: no Markdown or
   * HTML in it, so it is printed as is); null for any other rejection.
   */
  readonly upstreamUrl: string | null;
  readonly rejectedAt: string;
  readonly policy: string;
}

export const REJECTION_TEMPLATE = builtinTemplate<RejectionData>({
  name: 'rejection (built-in)',
  source: `Thank you for your report{{#if ghsaId}} ({{ghsaId}} in {{code repository}}){{/if}}.

{{#if upstreamUrl}}After triage we have found that it concerns software we package or depend on but do not develop, so it is outside the scope of our disclosure process{{#if ghsaId}} and the advisory has been closed{{/if}}. Please report it to the upstream project, who can fix it: {{upstreamUrl}}
{{else}}After triage we have decided not to treat it as a vulnerability{{#if ghsaId}}, and the advisory has been closed{{/if}}.
{{/if}}

Reason: {{md reason}}

If you disagree or have more information, reply to this message and we will look at it again.
(Decision recorded {{date rejectedAt}}, under our {{code policy}} disclosure policy.)
`,
  samples: [
    {
      ghsaId: 'GHSA-2222-3333-4444',
      repository: 'example-org/example',
      reason: 'Works as documented: the option is meant to run commands.',
      upstreamUrl: 'https://github.com/upstream-org/upstream/security',
      rejectedAt: '2026-01-06T10:00:00.000Z',
      policy: 'spec11',
    },
    {
      ghsaId: null,
      repository: null,
      reason: 'Works as documented: the option is meant to run commands.',
      upstreamUrl: null,
      rejectedAt: '2026-01-06T10:00:00.000Z',
      policy: 'conda-forge',
    },
  ],
});
