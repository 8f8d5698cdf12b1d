import { readChatChannel, type ChatChannel } from '../common/chat.js';
import type { ReleaseText } from '../../domain/announcement.js';
import { requireMitigation } from '../../domain/mitigation.js';
import { ConfigurationError } from '../../domain/errors.js';
import { checkTags, newestFirst } from '../../domain/release-lines.js';
import { KNOWN_MANAGERS, knownManager } from '../../domain/upgrade-commands.js';
import type { Policy } from '../../domain/policy/types.js';
import type { RepoRef } from '../../github/types.js';
import { ANNOUNCEMENT_TEMPLATE } from '../../templates/announcement.js';
import { REPORTER_THANKS_TEMPLATE } from '../../templates/reporter-thanks.js';
import { RETROSPECTIVE_TEMPLATE } from '../../templates/retrospective.js';
import { ACTION_INPUTS } from '../metadata.generated.js';
import { ActionInputs, parseRepository, parseTeam, type TeamRef } from '../common/inputs.js';
import { loadPolicy } from '../common/policy.js';
import type { RunnerIO } from '../common/runner.js';
import { readMailSigningKey, type MailSigningKey } from './mail-signing.js';
import { readTemplateInput, type TemplateChoice } from '../common/templates.js';

export type AnnounceChannel = { readonly kind: 'discussion'; readonly category: string } | { readonly kind: 'issue' };

export interface Gate {
  /** release-gate's `open` output as given (undefined: not given). */
  readonly gateOpen: boolean | undefined;
  readonly confirmed: boolean;
}

export interface Templates {
  readonly announcement: TemplateChoice;
  readonly thanks: TemplateChoice;
  readonly retrospective: TemplateChoice;
}

export interface PublishConfig {
  readonly token: string;
  readonly repository: RepoRef;
  readonly ghsaIds: readonly string[];
  readonly gate: Gate;
  readonly text: ReleaseText;
  /** Step 2 on or off. */
  readonly publishAdvisories: boolean;
  /**
   * Step 3: the tag of each version's release (in the order of `text.versions`) to append the Security section to;
   * empty when the step is off or nothing is released (a disclosure without a fix).
   */
  readonly releaseTags: readonly string[];
  /** Step 4; undefined when no announcement is posted. */
  readonly announce: AnnounceChannel | undefined;
  /** Step 5. */
  readonly webhook: ChatChannel | undefined;
  /** Step 6. */
  readonly thankReporter: boolean;
  /** Step 7; undefined when there is no tracker. */
  readonly tracker: RepoRef | undefined;
  /** Step 8: the Discussion category the retrospective is shared in once written; undefined: not shared. */
  readonly retrospectiveCategory: string | undefined;
  /** Whose members' `/release approve` count (approvals.ts); needed when a draft is published. */
  readonly team: TeamRef | undefined;
  readonly policy: Policy;
  readonly templates: Templates;
  /** The private key (and passphrase) that clearsigns the mailing-list message; undefined: sent unsigned. */
  readonly mailSigning: MailSigningKey | undefined;
}

const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/;

function optionalVersion(inputs: ActionInputs, name: string): string | undefined {
  const value = inputs.optional(name);
  if (value !== undefined && !VERSION.test(value)) {
    throw new ConfigurationError(
      `Input "${name}" is "${value.slice(0, 80)}", but it accepts a version such as 1.4.2 (letters, digits and . + _ -).`,
      name,
    );
  }
  return value;
}

function readRepository(inputs: ActionInputs, env: NodeJS.ProcessEnv): RepoRef {
  const given = inputs.repository('repository');
  if (given) return given;
  if (!env.GITHUB_REPOSITORY) {
    throw new ConfigurationError('Input "repository" (owner/name of the project) is required.', 'repository');
  }
  return parseRepository('repository', env.GITHUB_REPOSITORY);
}

function readGhsaIds(inputs: ActionInputs): string[] {
  const ids = [...new Set(inputs.ghsaList('ghsa-ids'))];
  if (ids.length === 0) {
    throw new ConfigurationError(
      'Input required and not supplied: ghsa-ids. Name the advisories released together (comma separated GHSA ids).',
      'ghsa-ids',
    );
  }
  return ids;
}

/** The response team, its organization the tracker's (or the project's) when the input names only the slug. */
function readTeam(inputs: ActionInputs, owner: RepoRef): TeamRef | undefined {
  const value = inputs.optional('team');
  if (value === undefined) return undefined;
  const team = parseTeam('team', value);
  return { org: team.org ?? owner.owner, slug: team.slug };
}

function readGate(inputs: ActionInputs): Gate {
  return {
    gateOpen: inputs.optionalBoolean('gate-open'),
    confirmed: inputs.boolean('confirm'),
  };
}

function checkedVersion(name: string, value: string): string {
  if (!VERSION.test(value)) {
    throw new ConfigurationError(
      `Input "${name}" is "${value.slice(0, 80)}", but it accepts a version such as 1.4.2 (letters, digits and . + _ -), or several, one per release line (e.g. 2.3.1, 1.9.7).`,
      name,
    );
  }
  return value;
}

/**
 * The versions released, one per release line (`2.3.1, 1.9.7`), as given: the order pairs them with `release-tag`.
 * None for a disclosure without a fix, which then needs no version and refuses one.
 */
function readVersions(inputs: ActionInputs, noFixReason: string | undefined): string[] {
  const versions = [...new Set(inputs.list('version').map((value) => checkedVersion('version', value)))];
  if (noFixReason !== undefined && versions.length > 0) {
    throw new ConfigurationError(
      `Inputs "no-fix-reason" and "version" are both set: a disclosure without a fix releases no version. Leave "version" empty, or drop "no-fix-reason" to announce the release of ${versions.join(', ')}.`,
      'no-fix-reason',
    );
  }
  if (noFixReason === undefined && versions.length === 0) inputs.required('version');
  return versions;
}

function readNoFixReason(inputs: ActionInputs): string | undefined {
  const reason = inputs.optional('no-fix-reason');
  if (reason !== undefined && reason.length > 500) {
    throw new ConfigurationError(
      'Input "no-fix-reason" is longer than 500 characters: give the reason in a sentence or two (it is published in the announcement).',
      'no-fix-reason',
    );
  }
  return reason;
}

function readPackageManagers(inputs: ActionInputs): string[] {
  const managers = inputs.list('package-managers').map((name) => name.toLowerCase());
  const unknown = managers.find((name) => !knownManager(name));
  if (unknown !== undefined) {
    throw new ConfigurationError(
      `Input "package-managers" names "${unknown.slice(0, 40)}", which has no upgrade command here; use ${KNOWN_MANAGERS.join(', ')}, or give "upgrade-command".`,
      'package-managers',
    );
  }
  return managers;
}

const ADDRESS = /^(?:[^\r\n<>,"]*<[^\s<>@,]+@[^\s<>@,]+>|[^\s<>@,]+@[^\s<>@,]+)$/;

/** The announcement's `To:`: e-mail addresses (`list@example.org` or `Name <list@example.org>`), one header line. */
function readRecipients(inputs: ActionInputs): string | undefined {
  const addresses = inputs.list('recipients');
  const bad = addresses.find((address) => !ADDRESS.test(address));
  if (bad !== undefined) {
    throw new ConfigurationError(
      `Input "recipients" holds "${bad.slice(0, 80)}", which is not an e-mail address: give addresses such as security-announce@example.org or "Name <list@example.org>", comma or line separated.`,
      'recipients',
    );
  }
  return addresses.length > 0 ? addresses.join(', ') : undefined;
}

/** One line of text: it is the subject of sentences and the sign-off. */
function readTeamName(inputs: ActionInputs): string | undefined {
  const name = inputs.optional('team-name');
  if (name !== undefined && (/[\r\n]/.test(name) || name.length > 100)) {
    throw new ConfigurationError(
      'Input "team-name" must be one line of at most 100 characters, e.g. "Security Response Team".',
      'team-name',
    );
  }
  return name;
}

function versionLabel(versions: readonly string[]): string {
  if (versions.length === 0) return 'without a fix';
  return versions.length === 1
    ? (versions[0] ?? '')
    : `${versions.slice(0, -1).join(', ')} and ${versions.at(-1) ?? ''}`;
}

function readText(inputs: ActionInputs, repository: RepoRef): ReleaseText {
  const noFixReason = readNoFixReason(inputs);
  const versions = newestFirst(readVersions(inputs, noFixReason));
  const text: ReleaseText = {
    project: inputs.optional('project') ?? repository.repo,
    version: versionLabel(versions),
    versions,
    previousVersion: optionalVersion(inputs, 'previous-version'),
    upgradeCommand: inputs.optional('upgrade-command'),
    versionCommand: inputs.optional('version-command'),
    mitigation: inputs.optional('mitigation'),
    vulnerableConfiguration: inputs.optional('vulnerable-configuration'),
    recipients: readRecipients(inputs),
    teamName: readTeamName(inputs),
    packageManagers: readPackageManagers(inputs),
    noFixReason,
    unfixedLines: inputs.list('unfixed-lines').map((line) => checkedVersion('unfixed-lines', line)),
  };
  requireMitigation(text);
  return text;
}

/**
 * The tag of each version's release, as given (one per version, in the order of "version") or `v<version>`; each
 * must name its version. None when the step is off or nothing is released.
 */
function readReleaseTags(inputs: ActionInputs, given: readonly string[], versions: readonly string[]): string[] {
  const tags = inputs.list('release-tag');
  if (tags.length > 0 && tags.length !== given.length) {
    throw new ConfigurationError(
      `Input "release-tag" names ${tags.length} tag(s) for ${given.length} version(s): give one tag per version, in the order of "version" (${given.join(', ')}), or leave it empty for v<version>.`,
      'release-tag',
    );
  }
  checkTags(given, tags);
  if (!inputs.boolean('release-notes')) return [];
  return versions.map((version) => {
    const index = given.indexOf(version);
    return tags[index] ?? (version.startsWith('v') ? version : `v${version}`);
  });
}

function readAnnounce(inputs: ActionInputs): AnnounceChannel | undefined {
  const category = inputs.optional('discussion-category');
  const asIssue = inputs.boolean('announce-issue');
  if (asIssue && category) {
    throw new ConfigurationError(
      'Inputs "announce-issue" and "discussion-category" are both set: announce in a Discussion (discussion-category) or in an issue (announce-issue: true), not both.',
      'announce-issue',
    );
  }
  if (asIssue) return { kind: 'issue' };
  return category ? { kind: 'discussion', category } : undefined;
}

async function readTemplates(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<Templates> {
  const announcement = await readTemplateInput(inputs, env, 'template', ANNOUNCEMENT_TEMPLATE);
  const thanks = await readTemplateInput(inputs, env, 'thanks-template', REPORTER_THANKS_TEMPLATE);
  const retrospective = await readTemplateInput(inputs, env, 'retrospective-template', RETROSPECTIVE_TEMPLATE);
  return { announcement, thanks, retrospective };
}

/** Every input parsed and checked (custom templates compiled, the webhook URL parsed) before the first request. */
export async function readConfig(
  io: Pick<RunnerIO, 'getInput' | 'setSecret' | 'warning'>,
  env: NodeJS.ProcessEnv,
): Promise<PublishConfig> {
  const inputs = new ActionInputs(io, ACTION_INPUTS['publish-announcement'], 'publish-announcement');
  const token = inputs.required('token');
  io.setSecret(token);
  const mailSigning = readMailSigningKey(inputs, io);
  const repository = readRepository(inputs, env);
  const text = readText(inputs, repository);
  const ghsaIds = readGhsaIds(inputs);
  const gate = readGate(inputs);
  const publishAdvisories = inputs.boolean('publish-advisories');
  const releaseTags = readReleaseTags(inputs, inputs.list('version'), text.versions);
  const announce = readAnnounce(inputs);
  const webhook = readChatChannel(inputs, env, io);
  const thankReporter = inputs.boolean('thank-reporter');
  const tracker = inputs.repository('tracker');
  const retrospectiveCategory = inputs.optional('retrospective-category');
  if (retrospectiveCategory !== undefined && tracker === undefined) {
    throw new ConfigurationError(
      'Input "retrospective-category" shares the retrospective of the tracker, but "tracker" is not set: set "tracker", or leave "retrospective-category" empty.',
      'retrospective-category',
    );
  }
  const team = readTeam(inputs, tracker ?? repository);
  const policy = await loadPolicy(inputs, env);
  return {
    token,
    repository,
    ghsaIds,
    gate,
    text,
    publishAdvisories,
    releaseTags,
    announce,
    webhook,
    thankReporter,
    tracker,
    retrospectiveCategory,
    team,
    policy,
    templates: await readTemplates(inputs, env),
    mailSigning,
  };
}
