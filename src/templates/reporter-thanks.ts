/**
 * The thank-you posted on each published advisory for its reporter (conda-forge: "notify the reporter"), crediting
 * them as the advisory's credits say. A project supplies its own through `thanks-template` with REPORTER_THANKS_FIELDS.
 */
export const REPORTER_THANKS_TEMPLATE_NAME = 'reporter-thanks (built-in)';

export const REPORTER_THANKS_FIELDS = [
  'reporter',
  'ghsaId',
  'cveId',
  'id',
  'url',
  'project',
  'version',
  'releaseUrl',
  'announcementUrl',
  'creditTypes[]',
] as const;

export interface ReporterThanksData {
  /** The reporter's GitHub login. */
  readonly reporter: string;
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

export const REPORTER_THANKS_TEMPLATE = `Thank you, @{{reporter}}, for reporting this vulnerability to us privately and for working with us on
its coordinated disclosure.

The fix is released in {{project}} {{version}}{{#if releaseUrl}} ({{releaseUrl}}){{/if}}, and {{id}} is now published:
{{url}}{{#if announcementUrl}}. The announcement: {{announcementUrl}}{{/if}}

{{#if creditTypes}}
The advisory credits you as {{join creditTypes " and "}}.
{{else}}
The advisory does not credit you by name. If you would like to be credited, reply here and we will add you.
{{/if}}
`;
