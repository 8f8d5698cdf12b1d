/**
 * What the reporter is told when the report is acknowledged (SPEC 11 step 1: "respond to any report", "updating the
 * reporter on the disclosure timeline"): thanks, what happens next and the policy's dates, in UTC. A project
 * replaces it with the `ack-template` input (a Handlebars file in the workspace) using the fields of
 * AcknowledgementData.
 */
import { builtinTemplate } from './builtin.js';

/** The data of an acknowledgement template; nullable fields are `null` when unknown. */
export interface AcknowledgementData {
  /** Null for a report filed by hand (an issue in the tracker). */
  readonly ghsaId: string | null;
  readonly repository: string | null;
  /** ISO 8601 UTC. */
  readonly receivedAt: string;
  readonly acknowledgedAt: string;
  readonly ackDeadline: string;
  readonly triageDue: string;
  readonly fixReleaseTarget: string;
  /** Null when the policy has no disclosure deadline (SPEC 11, Stacklok): nothing is promised then. */
  readonly disclosureDeadline: string | null;
  /** Where each date comes from, in words: `as SPEC 11 states`, `a target we set: …`, `our policy`. */
  readonly ackBasis: string;
  readonly triageBasis: string;
  readonly fixReleaseBasis: string;
  readonly disclosureBasis: string | null;
  /** The acknowledgement comes after the policy's deadline. */
  readonly late: boolean;
  readonly policy: string;
  /** How to reach the team (the `contact` input), rendered through `md`; null: reply to the message. */
  readonly contact: string | null;
}

export const ACKNOWLEDGEMENT_TEMPLATE = builtinTemplate<AcknowledgementData>({
  name: 'acknowledgement (built-in)',
  source: `Thank you for your report{{#if ghsaId}} ({{ghsaId}}{{#if repository}} in {{code repository}}{{/if}}){{/if}}. We received it on {{date receivedAt}} and the security response team is on it.
{{#if late}}

We are sorry for the late answer: our policy is to acknowledge every report by {{date ackDeadline}} ({{ackBasis}}).
{{/if}}

What happens next, under our {{code policy}} disclosure policy (times in UTC):

- **Triage** by {{date triageDue}} ({{triageBasis}}): we try to reproduce the issue, rate its severity (CVSS) and tell you whether we accept it.
- **Fix release** targeted for {{date fixReleaseTarget}} ({{fixReleaseBasis}}), coordinated with you; we will tell you if the timeline changes and why.
{{#if disclosureDeadline}}
- **Disclosure** by {{date disclosureDeadline}} at the latest ({{disclosureBasis}}): the advisory is published then, whether or not a fix exists.
{{else}}
- **Disclosure**: the advisory is published with the fix release, on a day we agree with you.
{{/if}}

We will keep you updated as the timeline firms up, and we would like to credit you in the advisory: tell us the name to use, or that you prefer not to be credited.
Please keep the details private until the advisory is published.

{{#if contact}}You can reach the team at {{md contact}}.{{else}}Reply to this message to reach the team.{{/if}}
`,
  // A late acknowledgement of an advisory with a contact, and a timely one of a report filed by hand without.
  samples: [
    {
      ghsaId: 'GHSA-2222-3333-4444',
      repository: 'example-org/example',
      receivedAt: '2026-01-05T09:00:00.000Z',
      acknowledgedAt: '2026-01-08T09:00:00.000Z',
      ackDeadline: '2026-01-07T09:00:00.000Z',
      triageDue: '2026-01-12T09:00:00.000Z',
      fixReleaseTarget: '2026-01-26T09:00:00.000Z',
      disclosureDeadline: '2026-04-05T09:00:00.000Z',
      ackBasis: "as conda-forge's security policy states",
      triageBasis: 'a target we set: our process document gives no number for it',
      fixReleaseBasis: 'a target we set: our process document gives no number for it',
      disclosureBasis: "as conda-forge's security policy states",
      late: true,
      policy: 'conda-forge',
      contact: 'security@example.org',
    },
    {
      ghsaId: null,
      repository: null,
      receivedAt: '2026-01-05T09:00:00.000Z',
      acknowledgedAt: '2026-01-05T10:00:00.000Z',
      ackDeadline: '2026-01-07T09:00:00.000Z',
      triageDue: '2026-01-12T09:00:00.000Z',
      fixReleaseTarget: '2026-01-26T09:00:00.000Z',
      disclosureDeadline: null,
      ackBasis: 'as SPEC 11 states',
      triageBasis: 'a target we set: our process document gives no number for it',
      fixReleaseBasis: 'a target we set: our process document gives no number for it',
      disclosureBasis: null,
      late: false,
      policy: 'spec11',
      contact: null,
    },
  ],
});
