/**
 * The tracker's issue form for a report that came outside GitHub (e-mail, GPG-encrypted e-mail, a forum...): GitHub
 * renders each field as `### <label>` followed by the answer (`_No response_` when left empty). What ack-report needs
 * is read here: when the report arrived (the clock starts then, not when the issue was filed), through which channel,
 * the affected repository and packages (the create-advisory endpoint needs an ecosystem per package) and how the
 * reporter wants to be credited. The report itself and the reporter's contact are left in the private issue. Pure.
 */
import { ConfigurationError } from './errors.js';
import type { IntakePackage, ReporterCredit } from './tracker-state.js';
import { ADVISORY_ECOSYSTEMS, normalizeEcosystem } from './ecosystems.js';

/** The labels of the shipped form (.github/workflow-templates/ISSUE_TEMPLATE/security-report.yml). */
export const INTAKE_FORM_LABELS = {
  receivedAt: 'Received at (UTC)',
  channel: 'Channel',
  repository: 'Affected repository',
  packages: 'Affected packages',
  credit: 'Credit',
} as const;

export interface IntakeForm {
  readonly receivedAt: Date;
  readonly channel: string;
  /** `owner/name`. */
  readonly repository: string;
  readonly packages: readonly IntakePackage[];
  /** Undefined when the form leaves it open: the acknowledgement asks the reporter. */
  readonly credit: ReporterCredit | undefined;
}

const NO_RESPONSE = '_No response_';

/** Each `### heading` of the body with the text under it, trimmed; an empty answer is ''. */
export function formAnswers(body: string): Map<string, string> {
  const answers = new Map<string, string>();
  const parts = body.replace(/\r\n/g, '\n').split(/^###[ \t]+(.+?)[ \t]*$/m);
  for (let index = 1; index + 1 < parts.length; index += 2) {
    const heading = (parts[index] ?? '').trim().toLowerCase();
    const answer = (parts[index + 1] ?? '').trim();
    if (!answers.has(heading)) answers.set(heading, answer === NO_RESPONSE ? '' : answer);
  }
  return answers;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?\s*(?:Z|UTC|\+00:?00)?$/i;

function formError(label: string, message: string): ConfigurationError {
  return new ConfigurationError(`Intake form field "${label}": ${message}`, 'intake form');
}

/**
 * "Received at" as UTC: `YYYY-MM-DD HH:MM` (or ISO 8601 with `T`, optional seconds and `Z`/`UTC`). It must not be
 * after `filedAt` (the issue cannot be filed before the report arrived) nor after `now`.
 */
export function parseReceivedAt(text: string, filedAt: Date, now: Date): Date {
  const label = INTAKE_FORM_LABELS.receivedAt;
  const match = DATE_TIME.exec(text.trim());
  const at = match ? new Date(`${match[1]}T${match[2] ?? '00:00'}Z`) : undefined;
  if (!at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== match?.[1]) {
    throw formError(
      label,
      `it is not a date and time: write when the report arrived, in UTC, as \`YYYY-MM-DD HH:MM\` (e.g. \`2026-01-05 09:30\`), then edit the issue.`,
    );
  }
  if (at.getTime() > now.getTime()) {
    throw formError(
      label,
      `${at.toISOString()} is in the future (it is ${now.toISOString()}): write when the report arrived, in UTC, then edit the issue.`,
    );
  }
  if (at.getTime() > filedAt.getTime()) {
    throw formError(
      label,
      `${at.toISOString()} is after the issue was filed (${filedAt.toISOString()}): write when the report arrived, in UTC, then edit the issue.`,
    );
  }
  return at;
}

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

function parseRepositoryAnswer(text: string): string {
  const name = text
    .trim()
    .replace(/^https:\/\/github\.com\//i, '')
    .replace(/\/+$/, '');
  if (!REPOSITORY.test(name)) {
    throw formError(
      INTAKE_FORM_LABELS.repository,
      'it is not a repository: write the affected repository as `owner/name`.',
    );
  }
  return name;
}

/** One package a line, `ecosystem: name` (GitHub's ecosystems, or pypi, cargo... as in the vulnerabilities list). */
export function parsePackages(text: string): IntakePackage[] {
  const label = INTAKE_FORM_LABELS.packages;
  const lines = text
    .split('\n')
    .map((line) => line.replace(/^\s*[-*]\s+/, '').trim())
    .filter((line) => line !== '');
  if (lines.length === 0) {
    throw formError(
      label,
      'name at least one package, one a line as `ecosystem: name` (e.g. `pip: numpy`; `other: <name>` for conda packages): GitHub needs it to open the advisory.',
    );
  }
  return lines.map((line, index) => {
    const match = /^([^:]+):\s*(\S.*)$/.exec(line);
    const ecosystem = match ? normalizeEcosystem(match[1] ?? '') : undefined;
    if (!match || !ecosystem) {
      throw formError(
        label,
        `line ${index + 1} is not \`ecosystem: name\` with one of GitHub's ecosystems (${ADVISORY_ECOSYSTEMS.join(', ')}; \`other\` for conda packages).`,
      );
    }
    return { ecosystem, name: (match[2] ?? '').trim() };
  });
}

const LOGIN = /^@?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$/;
const DECLINED = /^(?:none|declined?|no|anonymous|no credit)$/i;

/**
 * How the reporter wants to be credited: `@login` (credited on the advisory: GitHub's credits take logins only), a
 * name (credited in the announcement text), `none` (declined); blank: not said yet.
 */
export function parseCreditChoice(text: string): ReporterCredit | undefined {
  const value = text.trim().replace(/^"(.*)"$/, '$1');
  if (value === '') return undefined;
  if (DECLINED.test(value)) return { declined: true };
  const login = value.startsWith('@') ? LOGIN.exec(value)?.[1] : undefined;
  if (login) return { login, type: 'reporter' };
  if (value.startsWith('@') || value.length > 100 || /[<>\n]/.test(value)) {
    throw formError(
      INTAKE_FORM_LABELS.credit,
      'write `@login` (a GitHub account), the name to credit (up to 100 characters, no `<` or `>`), or `none`.',
    );
  }
  return { name: value, type: 'reporter' };
}

/** Whether the body was written with the intake form (it has the "Received at" field). */
export function isIntakeForm(body: string | null | undefined): boolean {
  return formAnswers(body ?? '').has(INTAKE_FORM_LABELS.receivedAt.toLowerCase());
}

function required(answers: Map<string, string>, label: string, what: string): string {
  const value = answers.get(label.toLowerCase()) ?? '';
  if (value === '') throw formError(label, `it is empty: ${what}, then edit the issue.`);
  return value;
}

/**
 * The form's answers, checked; undefined for an issue written without the form (its clock starts when it was filed).
 * Throws a ConfigurationError naming the field and how to fix it.
 */
export function readIntakeForm(body: string | null | undefined, filedAt: Date, now: Date): IntakeForm | undefined {
  if (!isIntakeForm(body)) return undefined;
  const answers = formAnswers(body ?? '');
  const labels = INTAKE_FORM_LABELS;
  return {
    receivedAt: parseReceivedAt(required(answers, labels.receivedAt, 'write when the report arrived'), filedAt, now),
    channel: required(answers, labels.channel, 'choose the channel the report came through').slice(0, 60),
    repository: parseRepositoryAnswer(required(answers, labels.repository, 'write the affected repository')),
    packages: parsePackages(answers.get(labels.packages.toLowerCase()) ?? ''),
    credit: parseCreditChoice(answers.get(labels.credit.toLowerCase()) ?? ''),
  };
}

/**
 * The advisory text the team writes on the form (or adds by editing the issue) before accepting the report: the
 * summary and description the draft advisory is opened with. Sanitized by the team: they become public on
 * publication, so the report itself (its own field) never goes there.
 */
export const ADVISORY_TEXT_LABELS = {
  summary: 'Advisory summary (sanitized: becomes public)',
  description: 'Advisory description (sanitized: becomes public)',
} as const;

export interface AdvisoryText {
  readonly summary: string;
  readonly description: string;
}

/** The sanitized summary and description from the issue body; a ConfigurationError naming what is missing. */
export function readAdvisoryText(body: string | null | undefined): AdvisoryText {
  const answers = formAnswers(body ?? '');
  const summary = answers.get(ADVISORY_TEXT_LABELS.summary.toLowerCase()) ?? '';
  const description = answers.get(ADVISORY_TEXT_LABELS.description.toLowerCase()) ?? '';
  const missing = [
    ...(summary === '' ? [ADVISORY_TEXT_LABELS.summary] : []),
    ...(description === '' ? [ADVISORY_TEXT_LABELS.description] : []),
  ];
  if (missing.length > 0) {
    throw new ConfigurationError(
      `Accepting a report filed by hand opens its advisory with the text the team writes, and this issue has no ${missing.map((label) => `"${label}"`).join(' or ')}: edit the issue to add ${missing.length > 1 ? 'them' : 'it'} (each under its own \`### \` heading, as the form writes it), then run the command again. Nothing was changed.`,
      'triage command',
    );
  }
  if (summary.length > 1024) {
    throw new ConfigurationError(
      `"${ADVISORY_TEXT_LABELS.summary}" is longer than GitHub's 1024 characters.`,
      'triage command',
    );
  }
  return { summary, description };
}
