/**
 * What the reporter is told when a report is rejected at triage, through the channel the acknowledgement used.
 * A project replaces it with the `rejection-template` input (a Handlebars file in the workspace).
 */

export const REJECTION_TEMPLATE_NAME = 'rejection (built-in)';

/** The fields a rejection template may use. */
export const REJECTION_FIELDS = ['ghsaId', 'repository', 'reason', 'rejectedAt', 'policy'] as const;

export interface RejectionData {
  readonly ghsaId: string;
  readonly repository: string;
  /** The maintainers' reason, as given: rendered through `md`. */
  readonly reason: string;
  readonly rejectedAt: string;
  readonly policy: string;
}

export const REJECTION_TEMPLATE = `Thank you for your report ({{ghsaId}} in {{code repository}}).

After triage we have decided not to treat it as a vulnerability, and the advisory has been closed.

Reason: {{md reason}}

If you disagree or have more information, reply to this message and we will look at it again.
(Decision recorded {{date rejectedAt}}, under our {{code policy}} disclosure policy.)
`;
