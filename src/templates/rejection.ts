/**
 * What the reporter is told when a report is rejected at triage, through the channel the acknowledgement used.
 * A project replaces it with the `rejection-template` input (a Handlebars file in the workspace) using the fields of
 * RejectionData.
 */
import { builtinTemplate } from './builtin.js';

export interface RejectionData {
  readonly ghsaId: string;
  readonly repository: string;
  /** The maintainers' reason, as given: rendered through `md`. */
  readonly reason: string;
  readonly rejectedAt: string;
  readonly policy: string;
}

export const REJECTION_TEMPLATE = builtinTemplate<RejectionData>({
  name: 'rejection (built-in)',
  source: `Thank you for your report ({{ghsaId}} in {{code repository}}).

After triage we have decided not to treat it as a vulnerability, and the advisory has been closed.

Reason: {{md reason}}

If you disagree or have more information, reply to this message and we will look at it again.
(Decision recorded {{date rejectedAt}}, under our {{code policy}} disclosure policy.)
`,
  samples: [
    {
      ghsaId: 'GHSA-2222-3333-4444',
      repository: 'example-org/example',
      reason: 'Works as documented: the option is meant to run commands.',
      rejectedAt: '2026-01-06T10:00:00.000Z',
      policy: 'spec11',
    },
  ],
});
