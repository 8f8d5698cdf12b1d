/**
 * Everything an acknowledgement writes, rendered before its first write: the tracker issue's report section (as
 * opened, and once acknowledged) and the message to the reporter.
 */
import { acknowledgementDates } from '../../domain/acknowledgement.js';
import { acknowledgementTiming } from '../../domain/intake.js';
import type { Policy } from '../../domain/policy/types.js';
import type { TrackerState } from '../../domain/tracker-state.js';
import type { Advisory } from '../../github/types.js';
import type { AcknowledgementData } from '../../templates/acknowledgement.js';
import type { ReportIntakeFacts, TrackerIssueData } from '../../templates/tracker-issue.js';
import { renderChosenTemplate } from '../common/template-render.js';
import type { TemplateChoice } from '../common/templates.js';

/** What the tracking issue says of the advisory; `intakeState` keeps the state it had when it was taken in. */
export function advisoryFacts(advisory: Advisory, repository: string, intakeState?: string): ReportIntakeFacts {
  const filedByReporter = advisory.submission !== null && advisory.submission !== undefined;
  return {
    ghsaId: advisory.ghsa_id,
    reportUrl: advisory.html_url,
    repository,
    source: filedByReporter ? 'private vulnerability report' : 'advisory opened by a maintainer',
    state: intakeState ?? advisory.state,
    severity: advisory.severity ?? null,
    reporter: advisory.author?.login ?? null,
    summary: advisory.summary,
    description: advisory.description ?? null,
  };
}

export interface Templates {
  readonly tracker: TemplateChoice;
  readonly acknowledgement: TemplateChoice;
}

export interface RenderedTexts {
  /** The report section before the acknowledgement is made. */
  readonly reportPending: string;
  /** The report section once acknowledged now. */
  readonly reportAcknowledged: string;
  /** The reporter's message. */
  readonly message: string;
  readonly late: boolean;
  readonly due: Date;
}

export interface TextInputs {
  readonly templates: Templates;
  readonly policy: Policy;
  readonly state: TrackerState;
  readonly facts: ReportIntakeFacts;
  readonly contact: string | null;
  readonly now: Date;
}

export function renderTexts(inputs: TextInputs): RenderedTexts {
  const { templates, policy, state, facts, now } = inputs;
  const timing = acknowledgementTiming(policy, state, now);
  const dates = acknowledgementDates(policy, state, now);
  const trackerData = (acknowledgedAt: string | null): TrackerIssueData => ({
    key: state.key,
    ...facts,
    receivedAt: dates.receivedAt,
    ackDeadline: dates.ackDeadline,
    acknowledgedAt,
    late: acknowledgedAt !== null && timing.late,
    policy: policy.name,
  });
  const message: AcknowledgementData = {
    ghsaId: facts.ghsaId,
    repository: facts.repository,
    ...dates,
    late: timing.late,
    policy: policy.name,
    contact: inputs.contact,
  };
  return {
    reportPending: renderChosenTemplate(templates.tracker, trackerData(null)),
    reportAcknowledged: renderChosenTemplate(templates.tracker, trackerData(dates.acknowledgedAt)),
    message: renderChosenTemplate(templates.acknowledgement, message),
    late: timing.late,
    due: timing.due,
  };
}
