/**
 * Step 6: thank each reporter in a comment on their (now published) advisory. The comments API is a preview for
 * public repositories only; where it is not there the message is left in the tracking issue for a human to send.
 */
import { announcedAdvisory } from '../../domain/announcement.js';
import { reportersOf } from '../../domain/reporter.js';
import { neutraliseMentions } from '../../domain/sanitize.js';
import { ensureAdvisoryComment } from '../../github/advisory-comments.js';
import type { GitHubClient } from '../../github/client.js';
import { postOnce } from '../../github/issues.js';
import { fullName, type Advisory } from '../../github/types.js';
import type { ReporterThanksData } from '../../templates/reporter-thanks.js';
import type { RunnerLog } from '../common/runner.js';
import { renderChosenTemplate } from '../common/template-render.js';
import type { PublishConfig } from './config.js';
import type { StepStatus } from './progress.js';
import type { Links, Plan } from './types.js';

export interface Thanks {
  readonly ghsaId: string;
  readonly reporter: string;
  readonly message: string;
}

type Addressee = Pick<ReporterThanksData, 'reporter' | 'onGitHub' | 'creditedName' | 'creditTypes'>;

/** The template's data: whom it thanks, and the published advisory and release it thanks them for. */
function thanksData(config: PublishConfig, advisory: Advisory, links: Links, to: Addressee): ReporterThanksData {
  const announced = announcedAdvisory(advisory);
  return {
    ...to,
    ghsaId: announced.ghsaId,
    cveId: announced.cveId,
    id: announced.id,
    url: announced.url,
    project: config.text.project,
    version: config.text.version,
    ...links,
  };
}

export function renderThanks(config: PublishConfig, advisory: Advisory, links: Links): Thanks[] {
  return reportersOf(advisory).map((reporter) => {
    const data = thanksData(config, advisory, links, {
      reporter: reporter.login,
      onGitHub: true,
      creditedName: null,
      creditTypes: reporter.creditTypes,
    });
    return {
      ghsaId: advisory.ghsa_id,
      reporter: reporter.login,
      message: renderChosenTemplate(config.templates.thanks, data),
    };
  });
}

/**
 * The thank-you for a reporter who wrote outside GitHub (a report filed by hand: e-mail, a forum), for a person to
 * send through the same channel; addressed by the name they chose to be credited by, if any. Undefined when the
 * report did not come that way.
 */
function renderOutsideThanks(
  config: PublishConfig,
  advisory: Advisory,
  links: Links,
  plan: Plan,
): (Thanks & { channel: string }) | undefined {
  const state = plan.reports.get(advisory.ghsa_id)?.state;
  if (state?.ackChannel !== 'manual' || state.credit?.login) return undefined;
  const name = state.credit?.declined ? '' : (state.credit?.name ?? '');
  const data = thanksData(config, advisory, links, {
    reporter: name,
    onGitHub: false,
    creditedName: name || null,
    creditTypes: [],
  });
  return {
    ghsaId: advisory.ghsa_id,
    reporter: 'outside-github',
    message: renderChosenTemplate(config.templates.thanks, data),
    channel: state.intakeChannel ?? 'a channel outside GitHub',
  };
}

const marker = (thanks: Thanks): string =>
  `<!-- disclosure-actions:reporter-thanks ${thanks.ghsaId} ${thanks.reporter.toLowerCase()} -->`;

type Outcome = 'created' | 'exists' | 'manual-created' | 'manual-exists' | 'manual-not-recorded';

export interface ThanksResult {
  readonly status: StepStatus;
  readonly detail: string;
}

export async function thankReporters(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  links: Links,
  log: Pick<RunnerLog, 'warning'>,
): Promise<ThanksResult> {
  const outcomes: { ghsaId: string; outcome: Outcome }[] = [];
  const unknown: string[] = [];
  for (const advisory of plan.advisories.values()) {
    const all = renderThanks(config, advisory, links);
    const outside = all.length === 0 ? renderOutsideThanks(config, advisory, links, plan) : undefined;
    if (outside) {
      const reason = `the report came through ${outside.channel}, outside GitHub`;
      outcomes.push({
        ghsaId: advisory.ghsa_id,
        outcome: await leaveForHuman(client, config, plan, outside, reason, log),
      });
    } else if (all.length === 0) unknown.push(advisory.ghsa_id);
    for (const thanks of all)
      outcomes.push({ ghsaId: thanks.ghsaId, outcome: await thank(client, config, plan, thanks, log) });
  }
  return summarise(outcomes, unknown);
}

async function thank(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  thanks: Thanks,
  log: Pick<RunnerLog, 'warning'>,
): Promise<Outcome> {
  let reason = `${fullName(config.repository)} is private (advisory comments are for public repositories)`;
  if (plan.repositoryIsPublic) {
    const result = await ensureAdvisoryComment(
      client,
      config.repository,
      thanks.ghsaId,
      marker(thanks),
      thanks.message,
    );
    if (result.available) return result.value;
    reason = `the advisory comments API answered ${result.status}`;
  }
  return leaveForHuman(client, config, plan, thanks, reason, log);
}

async function leaveForHuman(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  thanks: Thanks,
  reason: string,
  log: Pick<RunnerLog, 'warning'>,
): Promise<Outcome> {
  const report = plan.reports.get(thanks.ghsaId);
  if (!config.tracker || !report) {
    log.warning(
      `The reporter of ${thanks.ghsaId} could not be thanked automatically (${reason}) and there is no tracking issue to leave the message in: thank them yourself.`,
    );
    return 'manual-not-recorded';
  }
  const quoted = neutraliseMentions(thanks.message)
    .trimEnd()
    .split('\n')
    .map((line) => `> ${line}`);
  const body = [
    `**Manual step: thank the reporter of ${thanks.ghsaId}.** It could not be done automatically: ${reason}.`,
    'Send them this message through the channel you used to acknowledge the report:',
    '',
    ...quoted,
  ].join('\n');
  const posted = await postOnce(client, config.tracker, report.issue.number, marker(thanks), body);
  return posted === 'created' ? 'manual-created' : 'manual-exists';
}

function summarise(
  outcomes: readonly { ghsaId: string; outcome: Outcome }[],
  unknown: readonly string[],
): ThanksResult {
  const list = (wanted: Outcome[]): string[] => [
    ...new Set(outcomes.filter((o) => wanted.includes(o.outcome)).map((o) => o.ghsaId)),
  ];
  const parts = [
    ...section('thanked in an advisory comment', list(['created'])),
    ...section('already thanked', list(['exists'])),
    ...section('message left in the tracking issue for a human to send', list(['manual-created', 'manual-exists'])),
    ...section('NOT thanked (no channel, no tracking issue): thank them yourself', list(['manual-not-recorded'])),
    ...section('no reporter known', unknown),
  ];
  const detail = parts.join('; ') || 'nothing to do';
  if (outcomes.some((o) => o.outcome.startsWith('manual'))) return { status: 'manual', detail };
  if (outcomes.some((o) => o.outcome === 'created')) return { status: 'done', detail };
  return { status: outcomes.length > 0 ? 'already done' : 'skipped', detail };
}

function section(label: string, ids: readonly string[]): string[] {
  return ids.length > 0 ? [`${label}: ${ids.join(', ')}`] : [];
}
