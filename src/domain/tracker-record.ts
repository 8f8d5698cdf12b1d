/**
 * The tracking issue's live record: where the report stands, as the state block says, in words a person reads.
 * Every action that writes the issue re-renders it from the state it writes (next to the checklist, which holds each
 * step's due and done times), so the visible body never lags behind the state. Text of the state only, no clock:
 * an unchanged state renders the same bytes, and an issue holding it is not rewritten. Pure.
 */
import { formatUtc } from './checklist.js';
import { inertText } from './sanitize.js';
import { STEP_NAMES, type ReportStatus } from './sla.js';
import { STATUS_TEXT } from './sla-text.js';
import { compareText } from './text-order.js';
import type { TrackerState } from './tracker-state.js';

/** The issue section the record is kept in (`<!-- section:record -->`), placed before the checklist. */
export const RECORD_SECTION = 'record';

type Row = readonly [label: string, value: string];

/** A time of the state block; one edited by hand into something that is no time is left out, like a missing one. */
function when(iso: string | undefined): string {
  const date = iso ? new Date(iso) : undefined;
  return date && !Number.isNaN(date.getTime()) ? formatUtc(date) : '';
}
/** Free text (reasons, names from a reporter): inert Markdown on one line. */
const text = (value: string): string => inertText(value.replace(/\s+/g, ' ').trim(), 300);
const login = (name: string): string => `\`${name.replace(/`/g, '')}\``;
/** A link GitHub gave us; anything but an https URL is shown as inert text. */
const link = (label: string, url: string | undefined): string =>
  url && /^https:\/\/[^\s()<>]+$/.test(url) ? `[${text(label)}](${url})` : text(label);

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** A release or discussion page by what it is (`v1.4.2`, `discussion #7`), any other page by its address. */
function pageLink(url: string): string {
  const tag = /\/releases\/tag\/([^/?#]+)$/.exec(url)?.[1];
  const discussion = /\/discussions\/(\d+)$/.exec(url)?.[1];
  const label = tag ? decoded(tag) : discussion ? `discussion #${discussion}` : url.replace(/^https:\/\//, '');
  return link(label, url);
}

const slaText = (status: string): string =>
  Object.hasOwn(STATUS_TEXT, status) ? STATUS_TEXT[status as ReportStatus] : text(status);

function severityRow(state: TrackerState): Row {
  return ['Severity', state.severity ? text(state.severity) : 'not rated yet'];
}

function cvssRow(state: TrackerState): Row {
  const cvss = state.cvss;
  return ['CVSS', cvss ? `${cvss.score} (CVSS ${text(cvss.version)}) ${login(cvss.vector)}` : 'not scored yet'];
}

function cveRow(state: TrackerState): Row {
  if (state.cveId) return ['CVE', `${text(state.cveId)}${state.cveSeenAt ? ` (seen ${when(state.cveSeenAt)})` : ''}`];
  if (state.cveRequestedAt) return ['CVE', `requested ${when(state.cveRequestedAt)}, not assigned yet`];
  return ['CVE', 'not requested yet'];
}

function decisionRow(state: TrackerState): Row {
  const at = state.triagedAt ? ` (triaged ${when(state.triagedAt)})` : '';
  if (state.decision === 'accept') return ['Decision', `accepted${at}`];
  if (state.decision === 'reject') return ['Decision', `rejected${at}`];
  return ['Decision', 'not decided yet'];
}

function fixTeamRow(state: TrackerState): Row {
  const team = state.fixTeam;
  const names = [...(team?.teams ?? []).map((slug) => `team ${login(slug)}`), ...(team?.users ?? []).map(login)];
  if (names.length === 0) return ['Fix team', team ? 'nobody named' : 'not assigned yet'];
  return ['Fix team', `${names.join(', ')}${state.fixTeamAt ? ` (added ${when(state.fixTeamAt)})` : ''}`];
}

function forkRow(state: TrackerState): Row {
  const fork = state.fork;
  if (!fork) return ['Temporary private fork', 'none yet'];
  const name = link(fork.fullName, fork.url);
  if (state.forkDeletedAt)
    return ['Temporary private fork', `${text(fork.fullName)}, deleted ${when(state.forkDeletedAt)}`];
  return ['Temporary private fork', `${name}${state.forkCreatedAt ? ` (created ${when(state.forkCreatedAt)})` : ''}`];
}

function releaseDayRow(state: TrackerState): Row {
  if (!state.agreedReleaseDate) return ['Agreed release day', 'not agreed yet'];
  const version = state.agreedVersion ? ` (version ${text(state.agreedVersion)})` : '';
  return ['Agreed release day', `${text(state.agreedReleaseDate)}${version}`];
}

function retrospectiveRow(state: TrackerState): Row {
  if (state.retrospectiveIssue === undefined) return ['Retrospective', 'not opened yet'];
  const held = state.retrospectiveDoneAt ? `held ${when(state.retrospectiveDoneAt)}` : 'open';
  return ['Retrospective', `#${state.retrospectiveIssue} (${held})`];
}

/** Out of scope, sent upstream: a checked https URL (linked) or mailto: address (upstream.ts). */
function upstreamRow(state: TrackerState): Row[] {
  const upstream = state.upstream;
  if (!upstream) return [];
  const by = upstream.by ? ` by ${login(upstream.by)}` : '';
  const where = upstream.url.startsWith('https://') ? pageLink(upstream.url) : text(upstream.url);
  return [['Out of scope, sent upstream', `${where} (${when(upstream.at)}${by})`]];
}

function creditRow(state: TrackerState): Row[] {
  const credit = state.credit;
  if (!credit) return [];
  if (credit.declined) return [['Credit', 'declined by the reporter']];
  const who = [credit.login ? login(credit.login) : '', credit.name ? text(credit.name) : '']
    .filter(Boolean)
    .join(', ');
  return [['Credit', `${who || 'the reporter'} as ${text(credit.type ?? 'reporter')}`]];
}

/** The rows of facts recorded only once they happened (or by optional features), each when present. */
function optionalRows(state: TrackerState): Row[] {
  const rows: Row[] = [];
  if (state.intakeChannel) rows.push(['Came in by', text(state.intakeChannel)]);
  if (state.ackSent)
    rows.push(['Acknowledgement', `sent, confirmed by ${login(state.ackSent.login)} ${when(state.ackSent.at)}`]);
  else if (state.ackToSend)
    rows.push(['Acknowledgement', `prepared ${when(state.ackToSend.at)}, to send by ${text(state.ackToSend.via)}`]);
  if (state.expedited) {
    const by = state.expedited.by ? ` by ${login(state.expedited.by)}` : '';
    rows.push(['Expedited', `${when(state.expedited.at)}${by}: ${text(state.expedited.reason)}`]);
  }
  for (const move of state.deadlineMoves ?? []) {
    const from = move.from ? ` from ${when(move.from)}` : '';
    const by = move.by ? ` by ${login(move.by)}` : '';
    rows.push([`${STEP_NAMES[move.step]} deadline moved`, `to ${when(move.to)}${from}${by}: ${text(move.reason)}`]);
  }
  if (state.packages?.length) {
    rows.push(['Affected packages', state.packages.map((p) => `${text(p.ecosystem)} ${text(p.name)}`).join(', ')]);
  }
  if (state.sanitized) {
    rows.push(['Public text reviewed', `by ${login(state.sanitized.login)} ${when(state.sanitized.at)}`]);
  }
  const confirmed = Object.entries(state.checklist ?? {}).sort(([a], [b]) => compareText(a, b));
  if (confirmed.length > 0) {
    const items = confirmed.map(([item, by]) => `${text(item)} (${login(by.login)} ${when(by.at)})`);
    rows.push(['Release steps confirmed', items.join(', ')]);
  }
  if (state.approvals?.length) {
    rows.push(['Release approved by', state.approvals.map((a) => `${login(a.login)} ${when(a.at)}`).join(', ')]);
  }
  rows.push(...upstreamRow(state), ...creditRow(state));
  return rows;
}

function outcomeRows(state: TrackerState): Row[] {
  const rows: Row[] = [];
  if (state.releasedAt) rows.push(['Fix released', when(state.releasedAt)]);
  if (state.publishedAt) rows.push(['Advisory published', when(state.publishedAt)]);
  if (state.releaseUrl) rows.push(['Release', pageLink(state.releaseUrl)]);
  rows.push(['Announcement', state.announcementUrl ? pageLink(state.announcementUrl) : 'not posted yet']);
  rows.push(retrospectiveRow(state));
  if (state.disclosedWithoutFix) {
    const { at, reason } = state.disclosedWithoutFix;
    rows.push(['Disclosed without a fix', `${when(at)}: ${text(reason)}`]);
  } else if (state.noFixDecision) {
    const { at, by, reason } = state.noFixDecision;
    rows.push(['Decided to disclose without a fix', `${when(at)}${by ? ` by ${login(by)}` : ''}: ${text(reason)}`]);
  }
  if (state.closedAt) rows.push(['Closed without publication', when(state.closedAt)]);
  if (state.sla) rows.push(['Deadlines at the last sweep', slaText(state.sla.status)]);
  return rows;
}

/** The content of the record section. */
export function renderTrackerRecord(state: TrackerState): string {
  const rows: Row[] = [
    severityRow(state),
    cvssRow(state),
    cveRow(state),
    ['TLP', state.tlp ? `TLP:${text(state.tlp)}` : 'not decided yet'],
    decisionRow(state),
    fixTeamRow(state),
    forkRow(state),
    releaseDayRow(state),
    ...optionalRows(state),
    ...outcomeRows(state),
  ];
  return [
    '### Where the report stands',
    '',
    'Kept up to date by every action from the state below; the checklist has each step’s due and done times.',
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([label, value]) => `| ${label} | ${value} |`),
  ].join('\n');
}

const REPORT_START = '<!-- section:report -->';
const REPORT_END = '<!-- /section:report -->';
const ACKNOWLEDGED_ROW = /^\| Acknowledged \| [^\n]* \|$/m;

/**
 * The body with the "Acknowledged" row of its report section (the built-in tracker template's, written once at
 * intake, when an acknowledgement to send still said "not yet") saying when it was made, as the state now records
 * it (`/ack sent`). A report section without that row (a project's own template) is left as is; applied twice, it
 * changes nothing.
 */
export function withAcknowledgedRow(body: string, acknowledgedAt: string, late: boolean): string {
  const start = body.indexOf(REPORT_START);
  const end = body.indexOf(REPORT_END);
  if (start === -1 || end < start) return body;
  const row = `| Acknowledged | ${when(acknowledgedAt)}${late ? ' (late)' : ''} |`;
  const section = body.slice(start, end).replace(ACKNOWLEDGED_ROW, () => row);
  return body.slice(0, start) + section + body.slice(end);
}
