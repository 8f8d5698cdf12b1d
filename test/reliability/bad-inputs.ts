/**
 * The bad-input corpus: each row is one thing wrong with an action's otherwise valid main scenario (scenarios.ts).
 * Every row must exit 1 with one failure annotation that names what to fix (the input, the file and key, or the
 * permission) and write nothing, not even when the mistake can only be seen after a first request (a /triage
 * command's values, told to team members only). `{dir}` in an input stands for the run's workspace
 * (GITHUB_WORKSPACE), a temporary directory holding the row's files.
 *
 * A row is one run; a distinct case is one configuration (the inputs, the files and the event), whichever action
 * runs it: a policy file is read by every action, so each bad policy file is six rows and one distinct case.
 * `corpusFigures` counts both, per kind.
 */
import { formBody } from '../actions/intake-form.world.js';
import { ACTIONS, PROJECT, TRACKER, V31, type ActionName, type Stage } from './scenarios.js';

/** What is wrong, by where the mistake is. */
export type BadInputKind =
  /** An input whose value does not have the form the input takes (an id, a boolean, a URL, a date, a vector...). */
  | 'malformed value'
  /** A number or a duration outside what the input or key accepts (1 minute to 10 years for every duration). */
  | 'out of bounds'
  /** A required input left out, or inputs that contradict each other. */
  | 'missing or conflicting'
  /** A policy file wrong in one way: run by every action, since every action reads the policy. */
  | 'policy file'
  /** A template that does not parse, names a field that does not exist, or keeps a placeholder. */
  | 'template'
  /** A file input (policy, template, calendar) naming a file that does not exist or lies outside the workspace. */
  | 'file'
  /** What only GitHub can tell: an unknown advisory, a public or missing tracker, a missing release or category. */
  | 'GitHub state'
  /** A token GitHub rejects, or one without a permission the run needs. */
  | 'token'
  /** The event that started the run: a relayed dispatch without its id, a /triage command with a bad value. */
  | 'event';

export const BAD_INPUT_KINDS: readonly BadInputKind[] = [
  'malformed value',
  'out of bounds',
  'missing or conflicting',
  'policy file',
  'template',
  'file',
  'GitHub state',
  'token',
  'event',
];

export interface BadInput {
  readonly action: ActionName;
  readonly kind: BadInputKind;
  readonly what: string;
  /** Merged over the scenario's inputs; '' removes an input. */
  readonly inputs: Readonly<Record<string, string>>;
  /** Files written to `{dir}` first: policy files, templates, calendars. */
  readonly files?: Readonly<Record<string, string>>;
  readonly event?: { readonly name: string; readonly payload: unknown };
  /** The stage of the scenario's advisory, when not the action's main one. */
  readonly stage?: Stage;
  /** Each must appear in the annotation. */
  readonly names: readonly string[];
  /**
   * Writes the run may make, by route (writes.ts): only a /triage command's answer to the member who typed it, on the
   * commanding issue, saying that nothing was changed.
   */
  readonly allowedWrites?: readonly string[];
  /** An issue filed in the tracker before the run (a report filed by hand with the intake form), as #1. */
  readonly trackerIssue?: { readonly title: string; readonly body: string; readonly labels: readonly string[] };
}

const GHSA_UNKNOWN = 'GHSA-2222-3333-4444';
const MALFORMED_GHSA_IDS = ['GHSA-1234', 'ghsa-2222-3333-4444', 'GHSA-aaaa-bbbb-cccc', 'GHSA-2222-3333-4444-5555'];
const MALFORMED_REPOSITORIES = ['not a repo', 'sample-org/', 'sample-org/sample-project/extra'];
const MALFORMED_WEBHOOKS = ['http://chat.example.org/hook', 'not a url', 'ftp://chat.example.org/hook'];

/** Policy files that are wrong in one way each, with the key the annotation must name. */
const POLICY_FILES: readonly { what: string; yaml: string; key: string; kind?: BadInputKind }[] = [
  { what: 'not YAML', yaml: 'acknowledge-within: [2d\n', key: 'not valid YAML' },
  { what: 'an unknown setting', yaml: 'acknowledge-whenever: 2d\n', key: 'acknowledge-whenever' },
  { what: 'a duration in words', yaml: 'acknowledge-within: soon\n', key: 'acknowledge-within' },
  { what: 'business-days not a boolean', yaml: 'business-days: maybe\n', key: 'business-days' },
  { what: 'a release time of 25:00', yaml: "release-window:\n  time: '25:00'\n", key: 'release-window.time' },
  {
    what: 'a weekday that is not one',
    yaml: 'release-window:\n  weekdays: [funday]\n',
    key: 'release-window.weekdays',
  },
  { what: 'no weekday at all', yaml: 'release-window:\n  weekdays: []\n', key: 'release-window.weekdays' },
  {
    what: 'a holiday on month 13',
    yaml: 'release-window:\n  holidays: [2026-13-01]\n',
    key: 'release-window.holidays[0]',
  },
  {
    what: 'a freeze that ends before it starts',
    yaml: 'release-window:\n  freezes:\n    - start: 2026-12-24\n      end: 2026-12-20\n',
    key: 'release-window.freezes[0]',
  },
  {
    what: 'a zero-length release window',
    yaml: 'release-window:\n  duration: 0m\n',
    key: 'release-window.duration',
    kind: 'out of bounds',
  },
  { what: 'a negative slow-down factor', yaml: 'low-severity:\n  factor: -1\n', key: 'low-severity.factor' },
  {
    what: 'a fix release due after the disclosure',
    yaml: 'fix-release-within: 120d\ndisclose-within: 90d\n',
    key: 'fix-release-within',
  },
  // loadPolicy puts `preset:` above a file that has none, so a top-level list no longer parses as YAML.
  { what: 'a list instead of a mapping', yaml: '- acknowledge-within: 2d\n', key: 'must be a mapping' },
  {
    what: 'a holiday on 30 February',
    yaml: 'release-window:\n  holidays: [2026-02-30]\n',
    key: 'release-window.holidays[0]',
  },
  { what: 'an unknown preset', yaml: 'preset: fastest\n', key: 'preset' },
  // Durations out of bounds: once accepted and then crashed triage after it had written (an invalid date).
  {
    what: 'a disclosure 300000000 days away',
    yaml: 'disclose-within: 300000000d\n',
    key: 'disclose-within',
    kind: 'out of bounds',
  },
  {
    what: 'an acknowledgement within 0.0001 minutes',
    yaml: 'acknowledge-within: 0.0001m\n',
    key: 'acknowledge-within',
    kind: 'out of bounds',
  },
  {
    what: 'a triage window just over 10 years',
    yaml: 'triage-within: 3654d\n',
    key: 'triage-within',
    kind: 'out of bounds',
  },
  {
    what: 'a zero-minute fix release',
    yaml: 'fix-release-within: 0m\n',
    key: 'fix-release-within',
    kind: 'out of bounds',
  },
];

/** Each policy file on every action: each reads the policy, so each must refuse a bad one before its first write. */
const POLICY_ROWS: BadInput[] = POLICY_FILES.flatMap((file) =>
  ACTIONS.map((action): BadInput => ({
    action,
    kind: file.kind ?? 'policy file',
    what: `a policy file with ${file.what}`,
    inputs: { 'policy-file': '{dir}/policy.yml' },
    files: { 'policy.yml': file.yaml },
    names: ['policy.yml', file.key],
  })),
);

/** Rows every action shares: the preset, the policy file path, the token. */
const COMMON_ROWS: BadInput[] = ACTIONS.flatMap((action): BadInput[] => [
  {
    action,
    kind: 'malformed value',
    what: 'an unknown policy preset',
    inputs: { policy: 'fast' },
    names: ['"policy"', 'fast'],
  },
  {
    action,
    kind: 'file',
    what: 'a policy file that does not exist',
    inputs: { 'policy-file': '{dir}/missing.yml' },
    names: ['"policy-file"'],
  },
  {
    action,
    kind: 'file',
    what: 'a policy file outside the workspace',
    inputs: { 'policy-file': '../../../etc/hostname' },
    names: ['"policy-file"', 'outside the workspace'],
  },
  {
    action,
    kind: 'token',
    what: 'a token GitHub rejects (revoked or mistyped)',
    inputs: { token: 'ghs_revokedOrMistypedToken0000000000' },
    names: ['"token"'],
  },
]);

const TEMPLATE_WITH_UNKNOWN_FIELD = 'Hello {{reporterEmail}}\n';
const TEMPLATE_THAT_DOES_NOT_PARSE = '{{#if key}}unclosed\n';

const ACK_REPORT_ROWS: BadInput[] = [
  ...MALFORMED_GHSA_IDS.map((id) => ({
    action: 'ack-report' as const,
    kind: 'malformed value' as const,
    what: `a malformed GHSA id ${id}`,
    inputs: { 'ghsa-id': id, repository: PROJECT },
    names: ['"ghsa-id"', id],
  })),
  {
    action: 'ack-report',
    kind: 'GitHub state',
    what: 'an unknown GHSA id',
    inputs: { 'ghsa-id': GHSA_UNKNOWN, repository: PROJECT },
    names: ['"ghsa-id"', GHSA_UNKNOWN],
  },
  {
    action: 'ack-report',
    kind: 'missing or conflicting',
    what: 'a GHSA id without its repository',
    inputs: { 'ghsa-id': GHSA_UNKNOWN, repository: '' },
    names: ['"repository"'],
  },
  ...MALFORMED_REPOSITORIES.map((repository) => ({
    action: 'ack-report' as const,
    kind: 'malformed value' as const,
    what: `a malformed repository "${repository}"`,
    inputs: { 'ghsa-id': GHSA_UNKNOWN, repository },
    names: ['"repository"'],
  })),
  {
    action: 'ack-report',
    kind: 'malformed value',
    what: 'a malformed tracker',
    inputs: { tracker: 'security-tracker' },
    names: ['"tracker"'],
  },
  {
    action: 'ack-report',
    kind: 'GitHub state',
    what: 'a public tracker',
    inputs: { tracker: 'sample-org/docs-site' },
    names: ['tracker', 'is public'],
  },
  {
    action: 'ack-report',
    kind: 'GitHub state',
    what: 'a tracker that does not exist',
    inputs: { tracker: 'sample-org/no-such-tracker' },
    names: ['tracker', 'does not exist'],
  },
  {
    action: 'ack-report',
    kind: 'malformed value',
    what: 'a malformed organization',
    inputs: { organization: 'sample org!' },
    names: ['"organization"'],
  },
  {
    action: 'ack-report',
    kind: 'malformed value',
    what: 'a malformed repositories entry',
    inputs: { organization: '', repositories: `${PROJECT}, nope` },
    names: ['"repositories"'],
  },
  {
    action: 'ack-report',
    kind: 'missing or conflicting',
    what: 'no scope at all',
    inputs: { organization: '' },
    names: ['"organization"'],
  },
  {
    action: 'ack-report',
    kind: 'malformed value',
    what: 'a malformed team',
    inputs: { team: 'not a team!' },
    names: ['"team"'],
  },
  {
    action: 'ack-report',
    kind: 'malformed value',
    what: 'a malformed user',
    inputs: { users: 'al ice' },
    names: ['"users"'],
  },
  {
    action: 'ack-report',
    kind: 'malformed value',
    what: 'include-drafts not a boolean',
    inputs: { 'include-drafts': 'maybe' },
    names: ['"include-drafts"'],
  },
  {
    action: 'ack-report',
    kind: 'malformed value',
    what: 'accept not a boolean',
    inputs: { accept: 'sometimes' },
    names: ['"accept"'],
  },
  ...MALFORMED_WEBHOOKS.map((url) => ({
    action: 'ack-report' as const,
    kind: 'malformed value' as const,
    what: `a webhook URL ${url}`,
    inputs: { 'notify-webhook': url },
    names: ['"notify-webhook"'],
  })),
  {
    action: 'ack-report',
    kind: 'file',
    what: 'a tracker template that does not exist',
    inputs: { 'tracker-template': '{dir}/missing.hbs' },
    names: ['"tracker-template"'],
  },
  {
    action: 'ack-report',
    kind: 'template',
    what: 'an acknowledgement template with a field that does not exist',
    inputs: { 'ack-template': '{dir}/ack.hbs' },
    files: { 'ack.hbs': TEMPLATE_WITH_UNKNOWN_FIELD },
    names: ['ack.hbs', 'reporterEmail'],
  },
  {
    action: 'ack-report',
    kind: 'template',
    what: 'a tracker template that does not parse',
    inputs: { 'tracker-template': '{dir}/tracker.hbs' },
    files: { 'tracker.hbs': TEMPLATE_THAT_DOES_NOT_PARSE },
    names: ['tracker.hbs'],
  },
  {
    action: 'ack-report',
    kind: 'event',
    what: 'a relayed repository_dispatch without an advisory id',
    inputs: {},
    event: { name: 'repository_dispatch', payload: { action: 'advisory-reported', client_payload: {} } },
    names: ['repository_dispatch', 'advisory id'],
  },
  {
    action: 'ack-report',
    kind: 'event',
    what: 'an intake form whose "Received at" is in the future',
    inputs: {},
    trackerIssue: {
      title: 'Security report: e-mail from a researcher',
      body: formBody({ receivedAt: '2026-02-01 10:00', repository: PROJECT }),
      labels: ['security-report'],
    },
    event: {
      name: 'issues',
      payload: {
        action: 'opened',
        issue: { number: 1, labels: [{ name: 'security-report' }] },
        repository: { full_name: TRACKER },
      },
    },
    names: ['"Received at (UTC)"', 'in the future'],
  },
  {
    action: 'ack-report',
    kind: 'token',
    what: 'a token that cannot read unpublished advisories (a blind sweep)',
    inputs: { token: 'token-no-advisories' },
    names: ['Repository security advisories: read'],
  },
];

const SLA_CHECK_ROWS: BadInput[] = [
  {
    action: 'sla-check',
    kind: 'malformed value',
    what: 'a malformed tracker',
    inputs: { tracker: 'security-tracker' },
    names: ['"tracker"'],
  },
  {
    action: 'sla-check',
    kind: 'GitHub state',
    what: 'a public tracker',
    inputs: { tracker: 'sample-org/docs-site' },
    names: ['tracker', 'is public'],
  },
  {
    action: 'sla-check',
    kind: 'token',
    what: 'a tracker the token cannot see',
    inputs: { token: 'token-reporter' },
    names: ['tracker', 'cannot see it'],
  },
  ...(
    [
      ['soonish', 'malformed value'],
      ['0h', 'out of bounds'],
      ['-1d', 'malformed value'],
      ['3 fortnights', 'malformed value'],
      ['300000000d', 'out of bounds'],
      ['0.0001m', 'out of bounds'],
    ] as const
  ).map(([value, kind]) => ({
    action: 'sla-check' as const,
    kind,
    what: `a due-soon of "${value}"`,
    inputs: { 'due-soon': value },
    names: ['"due-soon"'],
  })),
  ...(
    [
      ['2', 'out of bounds'],
      ['abc', 'malformed value'],
      ['100%', 'malformed value'],
      ['-0.1', 'out of bounds'],
    ] as const
  ).map(([value, kind]) => ({
    action: 'sla-check' as const,
    kind,
    what: `a due-soon-fraction of "${value}"`,
    inputs: { 'due-soon-fraction': value },
    names: ['"due-soon-fraction"'],
  })),
  ...MALFORMED_WEBHOOKS.map((url) => ({
    action: 'sla-check' as const,
    kind: 'malformed value' as const,
    what: `a webhook URL ${url}`,
    inputs: { 'notify-webhook': url },
    names: ['"notify-webhook"'],
  })),
  {
    action: 'sla-check',
    kind: 'malformed value',
    what: 'a malformed repositories entry',
    inputs: { organization: '', repositories: 'sample-org/ok, not a repo' },
    names: ['"repositories"'],
  },
  {
    action: 'sla-check',
    kind: 'missing or conflicting',
    what: 'no scope at all',
    inputs: { organization: '' },
    names: ['"organization"'],
  },
  {
    action: 'sla-check',
    kind: 'malformed value',
    what: 'a malformed organization',
    inputs: { organization: '-org' },
    names: ['"organization"'],
  },
  {
    action: 'sla-check',
    kind: 'malformed value',
    what: 'a malformed team',
    inputs: { team: 'not a team!' },
    names: ['"team"'],
  },
  ...(
    [
      ['500', 'out of bounds'],
      ['0', 'out of bounds'],
      ['ten', 'malformed value'],
    ] as const
  ).map(([value, kind]) => ({
    action: 'sla-check' as const,
    kind,
    what: `an inventory-batch of "${value}"`,
    inputs: { 'inventory-batch': value },
    names: ['"inventory-batch"'],
  })),
  {
    action: 'sla-check',
    kind: 'out of bounds',
    what: 'a concurrency of 0',
    inputs: { concurrency: '0' },
    names: ['"concurrency"'],
  },
  {
    action: 'sla-check',
    kind: 'malformed value',
    what: 'fail-on-breach not a boolean',
    inputs: { 'fail-on-breach': 'sure' },
    names: ['"fail-on-breach"'],
  },
  {
    action: 'sla-check',
    kind: 'malformed value',
    what: 'dry-run not a boolean',
    inputs: { 'dry-run': 'maybe' },
    names: ['"dry-run"'],
  },
];

const TRIAGE_ROWS: BadInput[] = [
  ...MALFORMED_GHSA_IDS.slice(0, 2).map((id) => ({
    action: 'triage' as const,
    kind: 'malformed value' as const,
    what: `a malformed GHSA id ${id}`,
    inputs: { 'ghsa-id': id },
    names: ['"ghsa-id"', id],
  })),
  {
    action: 'triage',
    kind: 'GitHub state',
    what: 'an unknown GHSA id',
    inputs: { 'ghsa-id': GHSA_UNKNOWN },
    names: [GHSA_UNKNOWN, 'Repository security advisories: read'],
  },
  {
    action: 'triage',
    kind: 'malformed value',
    what: 'a malformed repository',
    inputs: { repository: 'not a repo' },
    names: ['"repository"'],
  },
  {
    action: 'triage',
    kind: 'missing or conflicting',
    what: 'no repository',
    inputs: { repository: '' },
    names: ['"repository"'],
  },
  ...[
    ['a missing base metric', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'missing base metric'],
    ['a duplicate metric', `${V31}/AV:L`, 'AV'],
    ['an unknown value', 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'AV'],
    ['the wrong prefix', 'CVSS3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'CVSS:3.1/'],
    ['CVSS 3.0', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.0'],
    ['a trailing slash', `${V31}/`, 'trailing'],
    ['trailing garbage', `${V31} extra`, 'METRIC:VALUE'],
    ['a 4.0 vector with a threat metric', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A', 'E:A'],
  ].map(([what, vector, detail]) => ({
    action: 'triage' as const,
    kind: 'malformed value' as const,
    what: `a CVSS vector with ${what}`,
    inputs: { 'cvss-vector': vector ?? '' },
    names: ['cvss-vector', detail ?? ''],
  })),
  {
    action: 'triage',
    kind: 'malformed value',
    what: 'an unknown severity',
    inputs: { 'cvss-vector': '', severity: 'urgent' },
    names: ['"severity"'],
  },
  { action: 'triage', kind: 'malformed value', what: 'an unknown TLP', inputs: { tlp: 'purple' }, names: ['"tlp"'] },
  {
    action: 'triage',
    kind: 'malformed value',
    what: 'TLP 1.0 WHITE',
    inputs: { tlp: 'white' },
    names: ['"tlp"', 'CLEAR'],
  },
  {
    action: 'triage',
    kind: 'malformed value',
    what: 'an unknown decision',
    inputs: { decision: 'maybe' },
    names: ['"decision"'],
  },
  {
    action: 'triage',
    kind: 'missing or conflicting',
    what: 'a rejection without a reason',
    inputs: { decision: 'reject', 'request-cve': '' },
    names: ['reason'],
  },
  {
    action: 'triage',
    kind: 'malformed value',
    what: 'a malformed CWE id',
    inputs: { 'cwe-ids': 'CWE-abc' },
    names: ['"cwe-ids"'],
  },
  {
    action: 'triage',
    kind: 'malformed value',
    what: 'request-cve not a boolean',
    inputs: { 'request-cve': 'perhaps' },
    names: ['"request-cve"'],
  },
  {
    action: 'triage',
    kind: 'malformed value',
    what: 'a malformed fix team',
    inputs: { 'fix-team': 'a/b/c' },
    names: ['"fix-team"'],
  },
  {
    action: 'triage',
    kind: 'malformed value',
    what: 'an unknown ecosystem',
    inputs: { vulnerabilities: '- ecosystem: cobol\n  package: x' },
    names: ['vulnerabilities', 'cobol'],
  },
  {
    action: 'triage',
    kind: 'malformed value',
    what: 'vulnerabilities that are not YAML',
    inputs: { vulnerabilities: '- ecosystem: [pip' },
    names: ['vulnerabilities'],
  },
  {
    action: 'triage',
    kind: 'malformed value',
    what: 'a release date that does not exist',
    inputs: { 'release-date': '2026-02-30' },
    names: ['release-date'],
  },
  {
    action: 'triage',
    kind: 'out of bounds',
    what: 'a release date on a Friday',
    inputs: { 'release-date': '2026-01-23' },
    names: ['release-date', 'Friday'],
  },
  {
    action: 'triage',
    kind: 'malformed value',
    what: 'an upstream link that is not https or mailto',
    inputs: { upstream: 'http://upstream.example.org/security', 'request-cve': '' },
    names: ['"upstream"', 'https://'],
  },
  {
    action: 'triage',
    kind: 'missing or conflicting',
    what: 'an upstream link with an accept decision',
    inputs: { decision: 'accept', upstream: 'https://upstream.example.org/security' },
    names: ['"upstream"', 'accept'],
  },
  {
    action: 'triage',
    kind: 'file',
    what: 'a rejection template that does not exist',
    inputs: { 'rejection-template': '{dir}/missing.hbs' },
    names: ['"rejection-template"'],
  },
  {
    action: 'triage',
    kind: 'template',
    what: 'a rejection template with a field that does not exist',
    inputs: { 'rejection-template': '{dir}/rejection.hbs' },
    files: { 'rejection.hbs': TEMPLATE_WITH_UNKNOWN_FIELD },
    names: ['rejection.hbs', 'reporterEmail'],
  },
  {
    action: 'triage',
    kind: 'GitHub state',
    what: 'a public tracker',
    inputs: { tracker: 'sample-org/docs-site' },
    names: ['tracker', 'is public'],
  },
  {
    action: 'triage',
    kind: 'token',
    what: 'a token that cannot read advisories',
    inputs: { token: 'token-no-advisories' },
    names: ['Repository security advisories: read'],
  },
];

/** The inputs of a /triage run: the team whose members may command; the advisory comes from the tracking issue. */
const CHATOPS_INPUTS = { team: 'security-team', 'ghsa-id': '', repository: '' };

/** A team member's `/triage` comment in the target's tracking issue (#1 of the tracker). */
function triageComment(body: string): NonNullable<BadInput['event']> {
  return {
    name: 'issue_comment',
    payload: {
      action: 'created',
      issue: { number: 1 },
      comment: { id: 4242, body, user: { login: 'sirt-member' } },
      repository: { full_name: TRACKER },
    },
  };
}

/**
 * /triage commands with a bad value: told only to team members, so seen only after the membership check (a
 * request). The answer on the commanding issue, saying nothing was changed, is the one write allowed.
 */
const TRIAGE_COMMAND_ROWS: BadInput[] = (
  [
    ['an unknown TLP', '/triage tlp=purple', ['tlp', 'purple']],
    [
      'a CVSS vector with an unknown value',
      '/triage cvss=CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      ['cvss-vector'],
    ],
    ['a release date that does not exist', '/triage release-date=2026-02-30', ['release-date']],
    ['a release date on a Friday', '/triage release-date=2026-01-23', ['release-date', 'Friday']],
    ['a malformed fix team', '/triage fix-team=a/b/c', ['fix-team']],
    ['a rejection without a reason', '/triage reject', ['reason']],
    ['an upstream link that is no link', '/triage reject upstream=javascript:alert(1)', ['upstream', 'https://']],
  ] as const
).map(([what, body, names]) => ({
  action: 'triage' as const,
  kind: 'event' as const,
  what: `a /triage command with ${what}`,
  inputs: CHATOPS_INPUTS,
  event: triageComment(body),
  names,
  allowedWrites: ['POST /repos/{tracker}/issues/1/comments'],
}));

const CREATE_TEMP_FORK_ROWS: BadInput[] = [
  {
    action: 'create-temp-fork',
    kind: 'malformed value',
    what: 'an unknown mode',
    inputs: { mode: 'destroy' },
    names: ['"mode"'],
  },
  {
    action: 'create-temp-fork',
    kind: 'malformed value',
    what: 'a malformed GHSA id',
    inputs: { 'ghsa-id': 'GHSA-nope' },
    names: ['"ghsa-id"'],
  },
  {
    action: 'create-temp-fork',
    kind: 'missing or conflicting',
    what: 'no GHSA id',
    inputs: { 'ghsa-id': '' },
    names: ['ghsa-id'],
  },
  {
    action: 'create-temp-fork',
    kind: 'malformed value',
    what: 'a malformed repository',
    inputs: { repository: 'not a repo' },
    names: ['"repository"'],
  },
  ...(
    [
      ['forever', 'malformed value'],
      ['2h', 'out of bounds'],
      ['0s', 'out of bounds'],
      ['-5m', 'malformed value'],
      ['300000000d', 'out of bounds'],
    ] as const
  ).map(([value, kind]) => ({
    action: 'create-temp-fork' as const,
    kind,
    what: `a wait-timeout of "${value}"`,
    inputs: { 'wait-timeout': value },
    names: ['"wait-timeout"'],
  })),
  {
    action: 'create-temp-fork',
    kind: 'malformed value',
    what: 'a malformed fix team',
    inputs: { 'fix-team': 'a/b/c' },
    names: ['"fix-team"'],
  },
  {
    action: 'create-temp-fork',
    kind: 'malformed value',
    what: 'a team of another organization',
    inputs: { 'fix-team': 'other-org/devs' },
    names: ['other-org/devs', 'sample-org'],
  },
  {
    action: 'create-temp-fork',
    kind: 'GitHub state',
    what: 'a fix team GitHub does not know',
    inputs: { 'fix-team': 'sample-org/everyone' },
    names: ['everyone'],
  },
  {
    action: 'create-temp-fork',
    kind: 'missing or conflicting',
    what: 'cleanup without a scope',
    inputs: { mode: 'cleanup', 'ghsa-id': '', repository: '' },
    names: ['repositories'],
  },
  {
    action: 'create-temp-fork',
    kind: 'missing or conflicting',
    what: 'cleanup with two scopes',
    inputs: { mode: 'cleanup', organization: 'sample-org', repositories: PROJECT, 'ghsa-id': '', repository: '' },
    names: ['"organization"'],
  },
  {
    action: 'create-temp-fork',
    kind: 'malformed value',
    what: 'cleanup with dry-run not a boolean',
    inputs: { mode: 'cleanup', organization: 'sample-org', 'dry-run': 'maybe', 'ghsa-id': '', repository: '' },
    names: ['"dry-run"'],
  },
  {
    action: 'create-temp-fork',
    kind: 'file',
    what: 'a guidance template that does not exist',
    inputs: { 'guidance-template': '{dir}/missing.hbs' },
    names: ['"guidance-template"'],
  },
  {
    action: 'create-temp-fork',
    kind: 'template',
    what: 'a guidance template with a field that does not exist',
    inputs: { 'guidance-template': '{dir}/guidance.hbs' },
    files: { 'guidance.hbs': TEMPLATE_WITH_UNKNOWN_FIELD },
    names: ['guidance.hbs', 'reporterEmail'],
  },
  {
    action: 'create-temp-fork',
    kind: 'GitHub state',
    what: 'a public tracker',
    inputs: { tracker: 'sample-org/docs-site' },
    names: ['tracker', 'is public'],
  },
  {
    action: 'create-temp-fork',
    kind: 'token',
    what: 'a token that cannot read advisories',
    inputs: { token: 'token-no-advisories' },
    names: ['Repository security advisories: read'],
  },
  {
    action: 'create-temp-fork',
    kind: 'token',
    what: 'a token without Administration',
    inputs: { token: 'token-no-admin' },
    names: ['Administration: write'],
  },
  // No row for cleanup without Administration: an App's token never reaches a temporary fork (GitHub refuses
  // integrations there), so cleanup with one lists what a person must delete and succeeds; a person's token without
  // Administration is refused in create-temp-fork.test.ts.
];

const RELEASE_GATE_ROWS: BadInput[] = [
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'a time of 25:00',
    inputs: { time: '25:00' },
    names: ['"time"'],
  },
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'a time without minutes',
    inputs: { time: '16' },
    names: ['"time"'],
  },
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'a weekday that is not one',
    inputs: { weekdays: 'funday' },
    names: ['"weekdays"'],
  },
  ...(
    [
      ['0m', 'out of bounds'],
      ['-1h', 'malformed value'],
      ['25h', 'out of bounds'],
      ['long', 'malformed value'],
      ['300000000d', 'out of bounds'],
      ['0.0001m', 'out of bounds'],
    ] as const
  ).map(([value, kind]) => ({
    action: 'release-gate' as const,
    kind,
    what: `a window duration of "${value}"`,
    inputs: { duration: value },
    names: ['"duration"'],
  })),
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'an unknown mode',
    inputs: { mode: 'sometimes' },
    names: ['"mode"'],
  },
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'a holiday in words',
    inputs: { holidays: 'christmas' },
    names: ['"holidays"'],
  },
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'a holiday on February 30',
    inputs: { holidays: '2026-02-30' },
    names: ['"holidays"'],
  },
  {
    action: 'release-gate',
    kind: 'file',
    what: 'a holidays calendar that does not exist',
    inputs: { holidays: '{dir}/missing.ics' },
    names: ['"holidays"'],
  },
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'a holidays calendar that is not iCalendar',
    inputs: { holidays: '{dir}/bad.ics' },
    files: { 'bad.ics': 'BEGIN:VEVENT\nDTSTART;VALUE=DATE:2026\n' },
    names: ['"holidays"', 'bad.ics'],
  },
  {
    action: 'release-gate',
    kind: 'out of bounds',
    what: 'a max-wait over GitHub job limit',
    inputs: { mode: 'wait', 'max-wait': '7h' },
    names: ['"max-wait"'],
  },
  {
    action: 'release-gate',
    kind: 'out of bounds',
    what: 'a max-wait in days',
    inputs: { mode: 'wait', 'max-wait': '1d' },
    names: ['"max-wait"'],
  },
  {
    action: 'release-gate',
    kind: 'out of bounds',
    what: 'a max-wait of 300000000 days',
    inputs: { mode: 'wait', 'max-wait': '300000000d' },
    names: ['"max-wait"'],
  },
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'a freeze that ends before it starts',
    inputs: { freezes: '2027-01-04..2026-12-20' },
    names: ['"freezes"'],
  },
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'a freeze with a bad date',
    inputs: { freezes: '2026-12-20..2026-13-04' },
    names: ['"freezes"'],
  },
  {
    action: 'release-gate',
    kind: 'missing or conflicting',
    what: 'force without a reason',
    inputs: { 'force-reason': '' },
    names: ['force-reason'],
  },
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'force not a boolean',
    inputs: { force: 'yes please' },
    names: ['"force"'],
  },
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'a malformed GHSA id',
    inputs: { 'ghsa-ids': 'GHSA-f8m6-h2c7' },
    names: ['"ghsa-ids"'],
  },
  {
    action: 'release-gate',
    kind: 'missing or conflicting',
    what: 'GHSA ids without a repository',
    inputs: { 'ghsa-ids': GHSA_UNKNOWN, repository: '', tracker: '' },
    names: ['repository'],
  },
  {
    action: 'release-gate',
    kind: 'out of bounds',
    what: 'a count of 0',
    inputs: { mode: 'next', count: '0' },
    names: ['"count"'],
  },
  {
    action: 'release-gate',
    kind: 'out of bounds',
    what: 'a countdown of 0 s',
    inputs: { 'countdown-seconds': '0' },
    names: ['"countdown-seconds"'],
  },
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'an unknown on-closed',
    inputs: { 'on-closed': 'maybe' },
    names: ['"on-closed"'],
  },
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'require-cve not a boolean',
    inputs: { 'require-cve': 'perhaps' },
    names: ['"require-cve"'],
  },
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'a version with spaces among the versions',
    inputs: { versions: '2.3.1, 1.9 final' },
    names: ['"versions"', '1.9 final'],
  },
  {
    action: 'release-gate',
    kind: 'malformed value',
    what: 'a malformed repository',
    inputs: { repository: 'not a repo' },
    names: ['"repository"'],
  },
  {
    action: 'release-gate',
    kind: 'GitHub state',
    what: 'a public tracker',
    inputs: { tracker: 'sample-org/docs-site' },
    names: ['tracker', 'is public'],
  },
  {
    action: 'release-gate',
    kind: 'token',
    what: 'a tracker the token cannot see',
    inputs: { token: 'token-reporter' },
    names: ['tracker', 'cannot see it'],
  },
];

const PUBLISH_ROWS: BadInput[] = [
  {
    action: 'publish-announcement',
    kind: 'malformed value',
    what: 'a malformed GHSA id',
    inputs: { 'ghsa-ids': 'GHSA-nope' },
    names: ['"ghsa-ids"'],
  },
  {
    action: 'publish-announcement',
    kind: 'missing or conflicting',
    what: 'no GHSA id',
    inputs: { 'ghsa-ids': '' },
    names: ['ghsa-ids'],
  },
  {
    action: 'publish-announcement',
    kind: 'GitHub state',
    what: 'an unknown GHSA id',
    inputs: { 'ghsa-ids': GHSA_UNKNOWN },
    names: ['"ghsa-ids"', GHSA_UNKNOWN],
  },
  {
    action: 'publish-announcement',
    kind: 'missing or conflicting',
    what: 'no version',
    inputs: { version: '' },
    names: ['version'],
  },
  {
    action: 'publish-announcement',
    kind: 'malformed value',
    what: 'a version with spaces',
    inputs: { version: '1.4 final' },
    names: ['"version"'],
  },
  {
    action: 'publish-announcement',
    kind: 'malformed value',
    what: 'a malformed previous version',
    inputs: { 'previous-version': '<1.4' },
    names: ['"previous-version"'],
  },
  {
    action: 'publish-announcement',
    kind: 'GitHub state',
    what: 'a version without a release',
    inputs: { version: '1.5.0' },
    names: ['release-tag', 'v1.5.0'],
  },
  {
    action: 'publish-announcement',
    kind: 'missing or conflicting',
    what: 'no gate and no confirm',
    inputs: { 'gate-open': '' },
    names: ['gate-open', 'confirm'],
  },
  {
    action: 'publish-announcement',
    kind: 'missing or conflicting',
    what: 'a closed gate',
    inputs: { 'gate-open': 'false' },
    names: ['gate-open'],
  },
  {
    action: 'publish-announcement',
    kind: 'malformed value',
    what: 'gate-open not a boolean',
    inputs: { 'gate-open': 'open' },
    names: ['"gate-open"'],
  },
  {
    action: 'publish-announcement',
    kind: 'malformed value',
    what: 'confirm not a boolean',
    inputs: { 'gate-open': '', confirm: 'perhaps' },
    names: ['"confirm"'],
  },
  {
    action: 'publish-announcement',
    kind: 'file',
    what: 'a template that does not exist',
    inputs: { template: '{dir}/missing.hbs' },
    names: ['"template"'],
  },
  {
    action: 'publish-announcement',
    kind: 'template',
    what: 'a template with a field that does not exist',
    inputs: { template: '{dir}/announcement.hbs' },
    files: { 'announcement.hbs': 'Subject: {{project}}\n\n{{#each advisories}}{{cvss.scroe}}{{/each}}\n' },
    names: ['announcement.hbs', 'cvss.scroe'],
  },
  {
    action: 'publish-announcement',
    kind: 'template',
    what: 'a template that does not parse',
    inputs: { template: '{dir}/announcement.hbs' },
    files: { 'announcement.hbs': `Subject: {{project}}\n\n${TEMPLATE_THAT_DOES_NOT_PARSE}` },
    names: ['announcement.hbs'],
  },
  {
    action: 'publish-announcement',
    kind: 'template',
    what: "a template that keeps SPEC 11's placeholder",
    inputs: { template: '{dir}/announcement.hbs' },
    files: { 'announcement.hbs': 'Subject: Security release of {{project}}\n\n* CVE-YEAR-ABCDEF\n' },
    names: ['CVE-YEAR-ABCDEF'],
  },
  {
    action: 'publish-announcement',
    kind: 'template',
    what: 'a thanks template with a field that does not exist',
    inputs: { 'thanks-template': '{dir}/thanks.hbs' },
    files: { 'thanks.hbs': TEMPLATE_WITH_UNKNOWN_FIELD },
    names: ['thanks.hbs', 'reporterEmail'],
  },
  {
    action: 'publish-announcement',
    kind: 'file',
    what: 'a retrospective template that does not exist',
    inputs: { 'retrospective-template': '{dir}/missing.hbs' },
    names: ['"retrospective-template"'],
  },
  ...MALFORMED_WEBHOOKS.map((url) => ({
    action: 'publish-announcement' as const,
    kind: 'malformed value' as const,
    what: `a webhook URL ${url}`,
    inputs: { 'notify-webhook': url },
    names: ['"notify-webhook"'],
  })),
  {
    action: 'publish-announcement',
    kind: 'GitHub state',
    what: 'a discussion category the repository lacks',
    inputs: { 'discussion-category': 'Security news' },
    names: ['"discussion-category"'],
  },
  {
    action: 'publish-announcement',
    kind: 'missing or conflicting',
    what: 'a Discussion and an issue at once',
    inputs: { 'announce-issue': 'true' },
    names: ['announce-issue', 'discussion-category'],
  },
  {
    action: 'publish-announcement',
    kind: 'GitHub state',
    what: 'a draft with publish-advisories off',
    inputs: { 'publish-advisories': 'false' },
    names: ['"publish-advisories"'],
  },
  {
    action: 'publish-announcement',
    kind: 'malformed value',
    what: 'recipients that are not e-mail addresses',
    inputs: { recipients: 'security-announce@example.org, the mailing list' },
    names: ['"recipients"', 'the mailing list'],
  },
  {
    action: 'publish-announcement',
    kind: 'malformed value',
    what: 'a mail-signing-key given as a path',
    inputs: { 'mail-signing-key': 'keys/project-signing.asc' },
    names: ['"mail-signing-key"', 'never a path'],
  },
  {
    action: 'publish-announcement',
    kind: 'malformed value',
    what: 'a mail-signing-key that is a public key',
    inputs: {
      'mail-signing-key':
        '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBGZ0cGkBCAC7\n-----END PGP PUBLIC KEY BLOCK-----',
    },
    names: ['"mail-signing-key"', 'public key'],
  },
  {
    action: 'publish-announcement',
    kind: 'missing or conflicting',
    what: 'a disclosure without a fix for an advisory that names patched versions',
    inputs: {
      version: '',
      'no-fix-reason': 'Upstream will not fix it',
      mitigation: 'Disable the archive plugin until upstream ships a fix.',
    },
    names: ['"no-fix-reason"', 'patched versions'],
  },
  {
    action: 'publish-announcement',
    kind: 'malformed value',
    what: 'a malformed repository',
    inputs: { repository: 'not a repo' },
    names: ['"repository"'],
  },
  {
    action: 'publish-announcement',
    kind: 'GitHub state',
    what: 'a public tracker',
    inputs: { tracker: 'sample-org/docs-site' },
    names: ['tracker', 'is public'],
  },
  {
    action: 'publish-announcement',
    kind: 'token',
    what: 'a token that cannot read advisories',
    inputs: { token: 'token-no-advisories' },
    names: ['ghsa-ids', 'Repository security advisories: read'],
  },
];

export const BAD_INPUTS: readonly BadInput[] = [
  ...ACK_REPORT_ROWS,
  ...SLA_CHECK_ROWS,
  ...TRIAGE_ROWS,
  ...TRIAGE_COMMAND_ROWS,
  ...CREATE_TEMP_FORK_ROWS,
  ...RELEASE_GATE_ROWS,
  ...PUBLISH_ROWS,
  ...COMMON_ROWS,
  ...POLICY_ROWS,
];

/** A row's configuration: its inputs, files and event, whichever action runs it. */
export function configurationOf(row: BadInput): string {
  const sorted = (record: Readonly<Record<string, unknown>> = {}): [string, unknown][] =>
    Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([sorted(row.inputs), sorted(row.files), row.event ?? null]);
}

/** Rows that repeat another: the same action, stage and configuration. */
export function duplicateRows(rows: readonly BadInput[]): string[] {
  const seen = new Map<string, string>();
  const found: string[] = [];
  for (const row of rows) {
    const id = `${row.action} ${row.stage ?? ''} ${configurationOf(row)}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) found.push(`${row.action}: "${row.what}" repeats "${earlier}"`);
    else seen.set(id, row.what);
  }
  return found;
}

export interface KindFigures {
  readonly kind: BadInputKind;
  readonly rows: number;
  readonly distinct: number;
  readonly actions: number;
  /** The inputs (and policy keys) its rows get wrong. */
  readonly covers: readonly string[];
}

/** How many rows and distinct cases the corpus holds, in all and per kind, and what each kind covers. */
export function corpusFigures(rows: readonly BadInput[] = BAD_INPUTS): {
  rows: number;
  distinct: number;
  kinds: KindFigures[];
} {
  const kinds = BAD_INPUT_KINDS.map((kind): KindFigures => {
    const ofKind = rows.filter((row) => row.kind === kind);
    const covers = new Set<string>();
    for (const row of ofKind) {
      for (const [name, value] of Object.entries(row.inputs)) {
        if (value !== '' && name !== 'policy-file') covers.add(name);
      }
      if (row.files?.['policy.yml'] !== undefined || row.inputs['policy-file'] !== undefined) {
        covers.add(`policy-file${row.files?.['policy.yml'] ? ` (${row.names[1] ?? ''})` : ''}`);
      }
      if (row.event) covers.add(`${row.event.name} event`);
    }
    return {
      kind,
      rows: ofKind.length,
      distinct: new Set(ofKind.map(configurationOf)).size,
      actions: new Set(ofKind.map((row) => row.action)).size,
      covers: [...covers].sort(),
    };
  });
  return { rows: rows.length, distinct: new Set(rows.map(configurationOf)).size, kinds };
}
