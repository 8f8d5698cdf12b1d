/**
 * What each scenario of the embargo matrix must do. A success scenario exits 0 and makes exactly the writes listed
 * here (routes as writes.ts spells them, in any order: reports are handled a few at a time); a refusal scenario (an
 * advisory still in triage given to publish-announcement) exits 1 and writes nothing. Each scenario's failure path
 * has GitHub refuse one named request (FAILURE_AT): the run must fail, must have made that request, and must make
 * none of the requests that depend on it afterwards.
 *
 * A change in what an action writes changes this table: that is the point. Regenerate a list by running the
 * scenario and reading `writeRoutes(world)`, then check each route against what the action is for.
 */
import type { ActionName, Stage, Visibility, World } from './scenarios.js';

export type ScenarioKey = `${ActionName} ${Visibility} ${Stage}`;

/** The writes of each scenario's run, sorted. An empty list: the scenario writes nothing. */
export const EXPECTED_WRITES: Readonly<Record<ScenarioKey, readonly string[]>> = {
  'ack-report public triage': [
    'PATCH /repos/{repo}/security-advisories/{bystander}',
    'PATCH /repos/{repo}/security-advisories/{target}',
    'PATCH /repos/{repo}/security-advisories/{target}',
    'PATCH /repos/{tracker}/issues/{new}',
    'PATCH /repos/{tracker}/issues/{new}',
    'POST /repos/{repo}/security-advisories/{bystander}/comments',
    'POST /repos/{repo}/security-advisories/{target}/comments',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues',
    'POST {webhook}',
    'POST {webhook}',
  ],
  // The draft target has a CVE id: its reporter is told in the same run (issue 17: reporter updates).
  'ack-report public draft': [
    'PATCH /repos/{repo}/security-advisories/{bystander}',
    'PATCH /repos/{repo}/security-advisories/{target}',
    'PATCH /repos/{tracker}/issues/{new}',
    'PATCH /repos/{tracker}/issues/{new}',
    'PATCH /repos/{tracker}/issues/{new}',
    'POST /repos/{repo}/security-advisories/{bystander}/comments',
    'POST /repos/{repo}/security-advisories/{target}/comments',
    'POST /repos/{repo}/security-advisories/{target}/comments',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues',
    'POST {webhook}',
    'POST {webhook}',
  ],
  'ack-report public published': [
    'PATCH /repos/{repo}/security-advisories/{bystander}',
    'PATCH /repos/{tracker}/issues/{new}',
    'POST /repos/{repo}/security-advisories/{bystander}/comments',
    'POST /repos/{tracker}/issues',
    'POST {webhook}',
  ],
  'ack-report private triage': [
    'PATCH /repos/{repo}/security-advisories/{bystander}',
    'PATCH /repos/{repo}/security-advisories/{target}',
    'PATCH /repos/{repo}/security-advisories/{target}',
    'PATCH /repos/{tracker}/issues/{new}',
    'PATCH /repos/{tracker}/issues/{new}',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues',
    'POST {webhook}',
    'POST {webhook}',
  ],
  'ack-report private draft': [
    'PATCH /repos/{repo}/security-advisories/{bystander}',
    'PATCH /repos/{repo}/security-advisories/{target}',
    'PATCH /repos/{tracker}/issues/{new}',
    'PATCH /repos/{tracker}/issues/{new}',
    'PATCH /repos/{tracker}/issues/{new}',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues/{new}/comments',
    'POST {webhook}',
    'POST {webhook}',
  ],
  'ack-report private published': [
    'PATCH /repos/{repo}/security-advisories/{bystander}',
    'PATCH /repos/{tracker}/issues/{new}',
    'POST /repos/{tracker}/issues',
    'POST {webhook}',
  ],
  'create-temp-fork public triage': [
    'PATCH /repos/{repo}/security-advisories/{target}',
    'PATCH /repos/{tracker}/issues/1',
    'POST /repos/{repo}/security-advisories/{target}/forks',
  ],
  'create-temp-fork public draft': [
    'PATCH /repos/{repo}/security-advisories/{target}',
    'PATCH /repos/{tracker}/issues/1',
    'POST /repos/{repo}/security-advisories/{target}/forks',
  ],
  'create-temp-fork public published': ['PATCH /repos/{tracker}/issues/1'],
  'create-temp-fork private triage': [
    'PATCH /repos/{repo}/security-advisories/{target}',
    'PATCH /repos/{tracker}/issues/1',
    'POST /repos/{repo}/security-advisories/{target}/forks',
  ],
  'create-temp-fork private draft': [
    'PATCH /repos/{repo}/security-advisories/{target}',
    'PATCH /repos/{tracker}/issues/1',
    'POST /repos/{repo}/security-advisories/{target}/forks',
  ],
  'create-temp-fork private published': ['PATCH /repos/{tracker}/issues/1'],
  'publish-announcement public triage': [],
  'publish-announcement public draft': [
    'PATCH /repos/{repo}/releases/{id}',
    'PATCH /repos/{repo}/security-advisories/{target}',
    'PATCH /repos/{tracker}/issues/1',
    'PATCH /repos/{tracker}/issues/1',
    'POST /graphql createDiscussion',
    'POST /repos/{repo}/security-advisories/{target}/comments',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues/1/comments',
    'POST {webhook}',
  ],
  'publish-announcement public published': [
    'PATCH /repos/{repo}/releases/{id}',
    'PATCH /repos/{tracker}/issues/1',
    'PATCH /repos/{tracker}/issues/1',
    'POST /graphql createDiscussion',
    'POST /repos/{repo}/security-advisories/{target}/comments',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues/1/comments',
    'POST {webhook}',
  ],
  'publish-announcement private triage': [],
  'publish-announcement private draft': [
    'PATCH /repos/{repo}/security-advisories/{target}',
    'PATCH /repos/{tracker}/issues/1',
    'PATCH /repos/{tracker}/issues/1',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/1/comments',
    'POST {webhook}',
  ],
  'publish-announcement private published': [
    'PATCH /repos/{tracker}/issues/1',
    'PATCH /repos/{tracker}/issues/1',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/1/comments',
    'POST {webhook}',
  ],
  'release-gate public triage': [],
  'release-gate public draft': ['POST /repos/{tracker}/issues/1/comments'],
  'release-gate public published': ['POST /repos/{tracker}/issues/1/comments'],
  'release-gate private triage': [],
  'release-gate private draft': ['POST /repos/{tracker}/issues/1/comments'],
  'release-gate private published': ['POST /repos/{tracker}/issues/1/comments'],
  'sla-check public triage': [
    'PATCH /repos/{tracker}/issues/1',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/{new}',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/{new}/comments',
    'POST /repos/{tracker}/issues/{new}/comments',
    'POST {webhook}',
    'POST {webhook}',
    'POST {webhook}',
    'POST {webhook}',
    'POST {webhook}',
  ],
  'sla-check public draft': [
    'PATCH /repos/{tracker}/issues/1',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/{new}',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/{new}/comments',
    'POST /repos/{tracker}/issues/{new}/comments',
    'POST {webhook}',
    'POST {webhook}',
  ],
  'sla-check public published': [
    'PATCH /repos/{tracker}/issues/1',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/{new}',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/{new}/comments',
    'POST /repos/{tracker}/issues/{new}/comments',
    'POST {webhook}',
    'POST {webhook}',
    'POST {webhook}',
  ],
  'sla-check private triage': [
    'PATCH /repos/{tracker}/issues/1',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/{new}',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/{new}/comments',
    'POST /repos/{tracker}/issues/{new}/comments',
    'POST {webhook}',
    'POST {webhook}',
    'POST {webhook}',
    'POST {webhook}',
    'POST {webhook}',
  ],
  'sla-check private draft': [
    'PATCH /repos/{tracker}/issues/1',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/{new}',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/{new}/comments',
    'POST /repos/{tracker}/issues/{new}/comments',
    'POST {webhook}',
    'POST {webhook}',
  ],
  'sla-check private published': [
    'PATCH /repos/{tracker}/issues/1',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/comments/{id}',
    'PATCH /repos/{tracker}/issues/{new}',
    'POST /repos/{tracker}/issues',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/1/comments',
    'POST /repos/{tracker}/issues/{new}/comments',
    'POST /repos/{tracker}/issues/{new}/comments',
    'POST {webhook}',
    'POST {webhook}',
    'POST {webhook}',
  ],
  'triage public triage': [
    'PATCH /repos/{repo}/security-advisories/{target}',
    'PATCH /repos/{tracker}/issues/1',
    'POST /repos/{repo}/security-advisories/{target}/cve',
  ],
  'triage public draft': ['PATCH /repos/{repo}/security-advisories/{target}', 'PATCH /repos/{tracker}/issues/1'],
  'triage public published': ['PATCH /repos/{repo}/security-advisories/{target}', 'PATCH /repos/{tracker}/issues/1'],
  'triage private triage': ['PATCH /repos/{repo}/security-advisories/{target}', 'PATCH /repos/{tracker}/issues/1'],
  'triage private draft': ['PATCH /repos/{repo}/security-advisories/{target}', 'PATCH /repos/{tracker}/issues/1'],
  'triage private published': ['PATCH /repos/{repo}/security-advisories/{target}', 'PATCH /repos/{tracker}/issues/1'],
};

/**
 * Scenarios whose run must refuse (exit 1, nothing written): publish-announcement cannot publish a report still in
 * triage, and release-gate will not force a gate that lets no advisory through (nothing is agreed for today while the
 * report is in triage, so there is no approved release to force).
 */
export const REFUSALS: ReadonlySet<ScenarioKey> = new Set<ScenarioKey>([
  'publish-announcement public triage',
  'publish-announcement private triage',
  'release-gate public triage',
  'release-gate private triage',
]);

/** A request picked out by its route and, when the route is not enough, by a text its body holds. */
export interface RequestPattern {
  readonly route: string;
  readonly bodyHolds?: (world: World) => string;
}

export interface NamedFailure {
  /** The request GitHub refuses (403), in words. */
  readonly what: string;
  readonly refuse: RequestPattern;
  /**
   * Requests that depend on the refused one: none may be made after it. `every-later-write`: no write after it;
   * `every-other-write`: no write at all but the refused one, before it or after (nothing may precede a publication).
   */
  readonly dependents: readonly RequestPattern[] | 'every-later-write' | 'every-other-write';
  /** Outputs that must not be set to these values when the named request failed (e.g. a gate still opened). */
  readonly forbiddenOutputs?: Readonly<Record<string, string>>;
  /** Outputs that must be unset or empty (the announcement, when the advisory was not published). */
  readonly emptyOutputs?: readonly string[];
}

const holdsTarget = (world: World): string => world.target.ghsaId;
const holdsBystander = (world: World): string => world.bystander.ghsaId;

/** The report ack-report opens a tracking issue for: the bystander once the target is published (and tracked). */
function ackReportFailure(stage: Stage): NamedFailure {
  const holds = stage === 'published' ? holdsBystander : holdsTarget;
  const advisory = stage === 'published' ? '{bystander}' : '{target}';
  return {
    what: `the tracking issue of ${advisory === '{target}' ? 'the target' : 'the bystander'} report`,
    refuse: { route: 'POST /repos/{tracker}/issues', bodyHolds: holds },
    dependents: [
      { route: `PATCH /repos/{repo}/security-advisories/${advisory}` },
      { route: `POST /repos/{repo}/security-advisories/${advisory}/comments` },
      { route: 'POST {webhook}', bodyHolds: holds },
    ],
  };
}

function slaCheckFailure(stage: Stage): NamedFailure {
  if (stage === 'draft') {
    return {
      what: 'the status comment on the tracking issue',
      refuse: { route: 'POST /repos/{tracker}/issues/1/comments', bodyHolds: () => 'disclosure-actions:sla-status' },
      dependents: [{ route: 'PATCH /repos/{tracker}/issues/1' }],
    };
  }
  return {
    what: "the first escalation comment on the target's tracking issue",
    refuse: { route: 'POST /repos/{tracker}/issues/1/comments', bodyHolds: () => 'disclosure-actions:sla-escalation' },
    dependents: [{ route: 'POST {webhook}', bodyHolds: holdsTarget }, { route: 'PATCH /repos/{tracker}/issues/1' }],
  };
}

function createTempForkFailure(stage: Stage): NamedFailure {
  if (stage === 'published') {
    // GitHub deleted the fork at publication; cleanup's one write records that in the tracking issue.
    return {
      what: 'recording the fork GitHub deleted at publication (cleanup)',
      refuse: { route: 'PATCH /repos/{tracker}/issues/1' },
      dependents: [],
    };
  }
  return {
    what: 'creating the temporary private fork',
    refuse: { route: 'POST /repos/{repo}/security-advisories/{target}/forks' },
    dependents: [
      { route: 'PATCH /repos/{repo}/security-advisories/{target}' },
      { route: 'PATCH /repos/{tracker}/issues/1' },
    ],
  };
}

function releaseGateFailure(stage: Stage): NamedFailure {
  if (stage === 'triage') {
    // Nothing is agreed for today, so the forced gate is refused before any write: the failure is reading the tracker.
    return {
      what: 'reading the tracker (the scenario writes nothing)',
      refuse: { route: 'GET /repos/{tracker}/issues' },
      dependents: 'every-later-write',
      forbiddenOutputs: { open: 'true' },
    };
  }
  return {
    what: 'the override record in the tracking issue',
    refuse: { route: 'POST /repos/{tracker}/issues/1/comments' },
    dependents: 'every-later-write',
    forbiddenOutputs: { open: 'true' },
  };
}

/** publish-announcement's outputs that must stay empty when the publication fails (matrix.ts: ANNOUNCEMENT_OUTPUTS). */
const NO_ANNOUNCEMENT = [
  'subject',
  'body',
  'body-path',
  'mail',
  'mail-path',
  'blog-post-path',
  'retrospective-url',
] as const;

/** The request that publishes the target advisory. */
export const PUBLISH: RequestPattern = {
  route: 'PATCH /repos/{repo}/security-advisories/{target}',
  bodyHolds: () => '"published"',
};

/**
 * Scenarios with a write every other must wait for: publish-announcement publishes the advisory first, and writes
 * the release notes, the announcement, the chat message, the thank-you and the tracker only once GitHub answered it.
 */
export const WRITES_AFTER: Readonly<Partial<Record<ScenarioKey, RequestPattern & { readonly what: string }>>> = {
  'publish-announcement public draft': { what: 'publishing the advisory', ...PUBLISH },
  'publish-announcement private draft': { what: 'publishing the advisory', ...PUBLISH },
};

function publishAnnouncementFailure(visibility: Visibility, stage: Stage): NamedFailure {
  if (stage === 'triage') {
    return {
      what: 'reading the advisory (the scenario refuses before any write)',
      refuse: { route: 'GET /repos/{repo}/security-advisories/{target}' },
      dependents: 'every-later-write',
      emptyOutputs: NO_ANNOUNCEMENT,
    };
  }
  if (stage === 'draft') {
    return {
      what: 'publishing the advisory',
      refuse: PUBLISH,
      dependents: 'every-other-write',
      emptyOutputs: NO_ANNOUNCEMENT,
    };
  }
  if (visibility === 'public') {
    return {
      what: "the Security section of the release's notes",
      refuse: { route: 'PATCH /repos/{repo}/releases/{id}' },
      dependents: 'every-later-write',
    };
  }
  return {
    what: 'the chat message',
    refuse: { route: 'POST {webhook}' },
    dependents: 'every-later-write',
  };
}

export function failureAt(action: ActionName, visibility: Visibility, stage: Stage): NamedFailure {
  switch (action) {
    case 'ack-report':
      return ackReportFailure(stage);
    case 'sla-check':
      return slaCheckFailure(stage);
    case 'triage':
      return {
        what: 'the advisory update',
        refuse: { route: 'PATCH /repos/{repo}/security-advisories/{target}' },
        dependents: [
          { route: 'POST /repos/{repo}/security-advisories/{target}/cve' },
          { route: 'PATCH /repos/{tracker}/issues/1' },
        ],
      };
    case 'create-temp-fork':
      return createTempForkFailure(stage);
    case 'release-gate':
      return releaseGateFailure(stage);
    case 'publish-announcement':
      return publishAnnouncementFailure(visibility, stage);
  }
}
