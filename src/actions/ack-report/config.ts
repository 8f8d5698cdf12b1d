import { readChatChannel, type ChatChannel } from '../common/chat.js';
import { ConfigurationError } from '../../domain/errors.js';
import type { Policy } from '../../domain/policy/types.js';
import { fullName, type RepoRef } from '../../github/types.js';
import { inScope, type SweepScope } from '../common/advisory-sweep.js';
import { ACKNOWLEDGEMENT_TEMPLATE } from '../../templates/acknowledgement.js';
import { REPORTER_MILESTONE_TEMPLATE } from '../../templates/reporter-milestones.js';
import { TRACKER_ISSUE_TEMPLATE } from '../../templates/tracker-issue.js';
import { ActionInputs, parseGhsaId, parseRepository, parseTeam, type TeamSlug } from '../common/inputs.js';
import { loadPolicy } from '../common/policy.js';
import type { ActionDependencies, ActionEvent } from '../common/runner.js';
import { readTemplateInput, type TemplateChoice } from '../common/templates.js';
import { ACTION_INPUTS } from '../metadata.generated.js';
import { readIntakeEvent } from './event.js';
import type { AdvisoryMode, IntakeMode } from './modes.js';

export interface ResponseTeam {
  /** Logins added to each advisory's collaborators. */
  readonly users: readonly string[];
  /** Team slugs; `org/slug` entries apply only to advisories of that org's repositories. */
  readonly teams: readonly TeamSlug[];
}

export interface AckConfig {
  readonly token: string;
  readonly tracker: RepoRef;
  readonly policy: Policy;
  readonly mode: IntakeMode;
  /** The configured `organization`/`repositories`, when given: a report of another repository is refused. */
  readonly scope: SweepScope | undefined;
  /** Sweep the advisories maintainers opened by hand (`draft`) as well as reports (`triage`). */
  readonly includeDrafts: boolean;
  readonly team: ResponseTeam;
  readonly accept: boolean;
  readonly webhook: ChatChannel | undefined;
  readonly contact: string | null;
  readonly trackerTemplate: TemplateChoice;
  readonly ackTemplate: TemplateChoice;
  /** The reporter's milestone updates (accepted, CVE, release date): `milestone-template` or the built-in. */
  readonly milestoneTemplate: TemplateChoice;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

function readUsers(inputs: ActionInputs): string[] {
  return inputs.list('users').map((entry) => {
    const login = entry.replace(/^@/, '');
    if (!LOGIN.test(login)) {
      throw new ConfigurationError(
        `Input "users" has "${entry.slice(0, 80)}", but it accepts GitHub logins such as \`octocat\` (comma or line separated).`,
        'users',
      );
    }
    return login;
  });
}

function readTeams(inputs: ActionInputs): ResponseTeam['teams'] {
  return inputs.list('team').map((entry) => parseTeam('team', entry));
}

function readAdvisoryInputs(inputs: ActionInputs, ghsa: string): AdvisoryMode {
  const ghsaId = parseGhsaId('ghsa-id', ghsa);
  const repository = inputs.repository('repository');
  if (!repository) {
    throw new ConfigurationError(
      `Input "repository" is required with "ghsa-id" (${ghsaId}): it accepts the advisory's repository as \`owner/name\`.`,
      'repository',
    );
  }
  return { kind: 'advisory', ghsaId, repository, origin: 'inputs' };
}

function configuredScope(inputs: ActionInputs): SweepScope | undefined {
  const organization = inputs.organization('organization');
  const repositories = inputs.list('repositories').map((name) => parseRepository('repositories', name));
  return organization === undefined && repositories.length === 0 ? undefined : { organization, repositories };
}

/** The scope in words, for an error: what is configured and how to widen it. */
export function scopeText(scope: SweepScope): string {
  const parts = [
    ...(scope.organization ? [`organization: ${scope.organization}`] : []),
    ...(scope.repositories.length > 0 ? [`repositories: ${scope.repositories.map(fullName).join(', ')}`] : []),
  ];
  return parts.join('; ');
}

/** A named advisory of a repository outside the configured scope is refused before anything is read or written. */
function checkScope(mode: IntakeMode, scope: SweepScope | undefined): void {
  if (mode.kind !== 'advisory' || !scope || inScope(scope, fullName(mode.repository))) return;
  const where = fullName(mode.repository);
  const field = mode.origin === 'inputs' ? 'repository' : 'client_payload.repository.full_name';
  throw new ConfigurationError(
    `${mode.origin === 'inputs' ? 'Input "repository"' : 'The repository_dispatch event'} names ${mode.ghsaId} in ${where}, outside the configured scope (${scopeText(scope)}): nothing was acknowledged or written. If ${where} is one of yours, add it to "repositories" (and to the App token's repositories); otherwise check what relays the event.`,
    field,
  );
}

function readMode(inputs: ActionInputs, event: ActionEvent, tracker: RepoRef, policy: Policy): IntakeMode {
  const ghsa = inputs.optional('ghsa-id');
  if (ghsa !== undefined) return readAdvisoryInputs(inputs, ghsa);
  const named = readIntakeEvent(event, tracker, policy.intakeLabel);
  if (named) return named;
  return { kind: 'sweep', scope: inputs.sweepScope(', or "ghsa-id" with "repository" to acknowledge one report') };
}

/** Every input, template and event field, checked before the first request: a mistake exits 1 with nothing written. */
export async function readConfig(deps: Pick<ActionDependencies, 'io' | 'env' | 'event'>): Promise<AckConfig> {
  const { io, env, event } = deps;
  const inputs = new ActionInputs(io, ACTION_INPUTS['ack-report'], 'ack-report');
  const token = inputs.required('token');
  io.setSecret(token);
  const tracker = parseRepository('tracker', inputs.required('tracker'));
  const policy = await loadPolicy(inputs, env);
  const webhook = readChatChannel(inputs, deps.env, deps.io);
  // A project's template is checked with sample data (it may break on some values only); ours is checked by tests.
  const trackerTemplate = await readTemplateInput(
    inputs,
    env,
    'tracker-template',
    TRACKER_ISSUE_TEMPLATE,
    TRACKER_ISSUE_TEMPLATE.samples,
  );
  const ackTemplate = await readTemplateInput(
    inputs,
    env,
    'ack-template',
    ACKNOWLEDGEMENT_TEMPLATE,
    ACKNOWLEDGEMENT_TEMPLATE.samples,
  );
  const milestoneTemplate = await readTemplateInput(
    inputs,
    env,
    'milestone-template',
    REPORTER_MILESTONE_TEMPLATE,
    REPORTER_MILESTONE_TEMPLATE.samples,
  );
  const mode = readMode(inputs, event, tracker, policy);
  const scope = mode.kind === 'sweep' ? mode.scope : configuredScope(inputs);
  checkScope(mode, scope);
  return {
    token,
    tracker,
    policy,
    mode,
    scope,
    includeDrafts: inputs.boolean('include-drafts'),
    team: { users: readUsers(inputs), teams: readTeams(inputs) },
    accept: inputs.boolean('accept'),
    webhook,
    contact: inputs.optional('contact') ?? null,
    trackerTemplate,
    ackTemplate,
    milestoneTemplate,
  };
}
