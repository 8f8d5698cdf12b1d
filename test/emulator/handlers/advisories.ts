import { canSeeAdvisory, hasPermission, repoWith, requirePermission, visibleAdvisory, visibleRepo } from '../access.js';
import { bodyObject, type RequestContext, type Route } from '../context.js';
import { cvssFromVector, severityFromScore } from '../cvss.js';
import { ApiError, notFound, ok, unprocessable, validationFailed } from '../http.js';
import { listed, listedNow } from '../lag.js';
import { paginateByCursor } from '../pagination.js';
import { repositoryAdvisory } from '../render/advisories.js';
import { fullRepository } from '../render/repos.js';
import { addAdvisory, addRepo, findRepo, findTeam, findUser, fullName, removeRepo } from '../state.js';
import type { Advisory, AdvisoryState, Severity, Vulnerability } from '../types.js';

const DOCS = 'https://docs.github.com/rest/security-advisories/repository-advisories';
const STATES: readonly AdvisoryState[] = ['triage', 'draft', 'published', 'closed', 'withdrawn'];
const SORT_KEYS = { created: 'createdAt', updated: 'updatedAt', published: 'publishedAt' } as const;
const SEVERITIES: readonly string[] = ['critical', 'high', 'medium', 'low'];

/** `state`, `sort`, `direction` and cursor pagination, as both advisory list endpoints take them. */
function listAdvisories(ctx: RequestContext, advisories: Advisory[]) {
  const { state, sort = 'created', direction = 'desc' } = ctx.query;
  if (state !== undefined && !STATES.includes(state as AdvisoryState)) {
    throw validationFailed([{ resource: 'RepositoryAdvisory', field: 'state', code: 'invalid' }], DOCS);
  }
  const sortKey = SORT_KEYS[sort as keyof typeof SORT_KEYS];
  if (!sortKey || (direction !== 'asc' && direction !== 'desc')) {
    throw new ApiError(400, 'Bad request: sort or direction is not valid', DOCS);
  }
  const sign = direction === 'asc' ? 1 : -1;
  const selected = listed(ctx, advisories)
    .filter((advisory) => state === undefined || advisory.state === state)
    .sort((a, b) => sign * ((a[sortKey] ?? '').localeCompare(b[sortKey] ?? '') || a.seq - b.seq));
  const page = paginateByCursor(ctx, selected, (advisory) => [advisory[sortKey] ?? '', advisory.seq]);
  if (page === 'bad-cursor') throw new ApiError(400, 'Bad request: the cursor is not valid', DOCS);
  return ok(
    page.items.map((advisory) => repositoryAdvisory(ctx.view, advisory)),
    200,
    page.headers,
  );
}

function listForOrg(ctx: RequestContext) {
  const org = ctx.params.org ?? '';
  // Only organization owners and security managers may list the whole org; GitHub answers 404 to anyone else.
  if (org.toLowerCase() !== ctx.state.org.toLowerCase() || !ctx.grant.orgOwner) throw notFound(DOCS);
  const repos = new Set(
    ctx.state.repos
      .filter((repo) => repo.owner.toLowerCase() === org.toLowerCase())
      .map((repo) => fullName(repo).toLowerCase()),
  );
  return listAdvisories(
    ctx,
    ctx.state.advisories.filter((advisory) => repos.has(advisory.repo.toLowerCase())),
  );
}

function listForRepo(ctx: RequestContext) {
  const repo = visibleRepo(ctx, DOCS);
  const own = ctx.state.advisories.filter((advisory) => advisory.repo.toLowerCase() === fullName(repo).toLowerCase());
  // Without rights on the repository's advisories GitHub quietly lists only what the token may see: an empty list
  // where nothing is published, not an error.
  return listAdvisories(
    ctx,
    own.filter((advisory) => canSeeAdvisory(ctx.grant, advisory)),
  );
}

function getOne(ctx: RequestContext) {
  return ok(repositoryAdvisory(ctx.view, visibleAdvisory(ctx, DOCS).advisory));
}

function vulnerabilitiesFrom(value: unknown): Vulnerability[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: Record<string, unknown>) => {
    const pkg = (item.package ?? null) as { ecosystem: string; name?: string | null } | null;
    return {
      package: pkg ? { ecosystem: pkg.ecosystem, name: pkg.name ?? null } : null,
      vulnerable_version_range: (item.vulnerable_version_range as string | null | undefined) ?? null,
      patched_versions: (item.patched_versions as string | null | undefined) ?? null,
      vulnerable_functions: (item.vulnerable_functions as string[] | null | undefined) ?? null,
    };
  });
}

/** Severity and CVSS fields from `severity` or `cvss_vector_string` (GitHub takes one or the other). */
function scoring(body: Record<string, unknown>): Partial<Advisory> {
  const severity = body.severity as string | null | undefined;
  const vector = body.cvss_vector_string as string | null | undefined;
  if (severity && vector) {
    throw unprocessable('You cannot set both a severity and a CVSS vector string; choose one.', DOCS);
  }
  if (vector) {
    const cvss = cvssFromVector(vector);
    if (!cvss) {
      throw validationFailed(
        [
          {
            resource: 'RepositoryAdvisory',
            field: 'cvss_vector_string',
            code: 'invalid',
            message: 'The CVSS vector string is not valid',
          },
        ],
        DOCS,
      );
    }
    const score = (cvss.cvssV4 ?? cvss.cvssV3)?.score ?? null;
    return {
      ...(cvss.cvssV4 ? { cvssV4: cvss.cvssV4 } : { cvssV3: cvss.cvssV3 }),
      severity: severityFromScore(score),
    };
  }
  if (severity !== undefined) {
    if (severity !== null && !SEVERITIES.includes(severity)) {
      throw validationFailed([{ resource: 'RepositoryAdvisory', field: 'severity', code: 'invalid' }], DOCS);
    }
    return { severity: severity as Severity | null, cvssV3: null, cvssV4: null };
  }
  return {};
}

/** GitHub's `security-advisory-credit-types`. */
const CREDIT_TYPES = [
  'analyst',
  'finder',
  'reporter',
  'coordinator',
  'remediation_developer',
  'remediation_reviewer',
  'remediation_verifier',
  'tool',
  'sponsor',
  'other',
];

/** `credits` on update: a login GitHub knows and a credit type of its enum each, else 422 (as GitHub refuses). */
function creditsFrom(ctx: RequestContext, value: unknown[]): Advisory['credits'] {
  return value.map((entry) => {
    const credit = (entry ?? {}) as { login?: unknown; type?: unknown };
    const user = typeof credit.login === 'string' ? findUser(ctx.state, credit.login) : undefined;
    if (!user || typeof credit.type !== 'string' || !CREDIT_TYPES.includes(credit.type)) {
      throw validationFailed([{ resource: 'RepositoryAdvisory', field: 'credits', code: 'invalid' }], DOCS);
    }
    return { login: user.login, type: credit.type };
  });
}

function collaborators(ctx: RequestContext, body: Record<string, unknown>): Partial<Advisory> {
  const changes: Partial<Advisory> = {};
  const owner = ctx.params.owner ?? ctx.state.org;
  if (Array.isArray(body.collaborating_users)) {
    const logins = body.collaborating_users as string[];
    const unknown = logins.filter((login) => !findUser(ctx.state, login));
    if (unknown.length > 0) {
      throw validationFailed(
        [
          {
            resource: 'RepositoryAdvisory',
            field: 'collaborating_users',
            code: 'invalid',
            message: `Could not find users: ${unknown.join(', ')}`,
          },
        ],
        DOCS,
      );
    }
    changes.collaboratingUsers = logins.map((login) => findUser(ctx.state, login)?.login ?? login);
  }
  if (Array.isArray(body.collaborating_teams)) {
    const slugs = body.collaborating_teams as string[];
    const unknown = slugs.filter((slug) => !findTeam(ctx.state, owner, slug));
    if (unknown.length > 0) {
      throw validationFailed(
        [
          {
            resource: 'RepositoryAdvisory',
            field: 'collaborating_teams',
            code: 'invalid',
            message: `Could not find teams: ${unknown.join(', ')}`,
          },
        ],
        DOCS,
      );
    }
    changes.collaboratingTeams = slugs.map((slug) => findTeam(ctx.state, owner, slug)?.slug ?? slug);
  }
  return changes;
}

function create(ctx: RequestContext) {
  const repo = repoWith(ctx, 'advisories', DOCS);
  const body = bodyObject(ctx);
  if (
    typeof body.summary !== 'string' ||
    typeof body.description !== 'string' ||
    !Array.isArray(body.vulnerabilities)
  ) {
    throw validationFailed([{ resource: 'RepositoryAdvisory', field: 'summary', code: 'missing_field' }], DOCS);
  }
  const advisory = addAdvisory(ctx.state, fullName(repo), {
    state: 'draft',
    summary: body.summary,
    description: body.description,
    vulnerabilities: vulnerabilitiesFrom(body.vulnerabilities),
    cweIds: (body.cwe_ids as string[] | undefined) ?? [],
    cveId: (body.cve_id as string | null | undefined) ?? null,
    credits: (body.credits as Advisory['credits'] | undefined) ?? [],
    author: ctx.grant.login,
    publisher: ctx.grant.login,
    createdAt: ctx.state.now,
    updatedAt: ctx.state.now,
    listedAt: listedNow(),
    ...scoring(body),
  });
  return ok(repositoryAdvisory(ctx.view, advisory), 201);
}

function report(ctx: RequestContext) {
  const repo = visibleRepo(ctx, DOCS);
  if (!repo.pvrEnabled || repo.private) {
    throw new ApiError(403, 'Private vulnerability reporting is not enabled for this repository.', DOCS);
  }
  const body = bodyObject(ctx);
  if (typeof body.summary !== 'string' || typeof body.description !== 'string') {
    throw validationFailed([{ resource: 'RepositoryAdvisory', field: 'summary', code: 'missing_field' }], DOCS);
  }
  const advisory = addAdvisory(ctx.state, fullName(repo), {
    state: 'triage',
    summary: body.summary,
    description: body.description,
    vulnerabilities: vulnerabilitiesFrom(body.vulnerabilities),
    cweIds: (body.cwe_ids as string[] | undefined) ?? [],
    author: ctx.grant.login,
    submissionAccepted: false,
    createdAt: ctx.state.now,
    updatedAt: ctx.state.now,
    listedAt: listedNow(),
    ...scoring(body),
  });
  return ok(repositoryAdvisory(ctx.view, advisory), 201);
}

/** The state changes GitHub allows: a report is accepted to draft or closed; published is final. */
function transition(advisory: Advisory, next: AdvisoryState, ctx: RequestContext): Partial<Advisory> {
  if (next === advisory.state) return {};
  if (advisory.state === 'published' || advisory.state === 'withdrawn') {
    throw unprocessable(`A ${advisory.state} advisory cannot be moved to ${next}.`, DOCS);
  }
  if (next === 'published') {
    if (advisory.state !== 'draft')
      throw unprocessable('Only a draft advisory can be published; accept the report first.', DOCS);
    if (advisory.vulnerabilities.length === 0 || advisory.vulnerabilities.some((v) => !v.package?.ecosystem)) {
      throw validationFailed(
        [
          {
            resource: 'RepositoryAdvisory',
            field: 'vulnerabilities',
            code: 'missing_field',
            message: 'An advisory needs at least one affected product with an ecosystem to be published',
          },
        ],
        DOCS,
      );
    }
    return { state: next, publishedAt: ctx.state.now, publisher: ctx.grant.login, closedAt: null };
  }
  if (next === 'draft') {
    return {
      state: next,
      closedAt: null,
      ...(advisory.submissionAccepted === false ? { submissionAccepted: true } : {}),
    };
  }
  return { state: next, closedAt: ctx.state.now };
}

function update(ctx: RequestContext) {
  const { advisory } = visibleAdvisory(ctx, DOCS);
  requirePermission(ctx, 'advisories', DOCS);
  const body = bodyObject(ctx);
  const state = body.state as AdvisoryState | undefined;
  if (state !== undefined && !['draft', 'published', 'closed'].includes(state)) {
    throw validationFailed(
      [
        {
          resource: 'RepositoryAdvisory',
          field: 'state',
          code: 'invalid',
          message: `${String(state)} is not a valid state`,
        },
      ],
      DOCS,
    );
  }
  const changes: Partial<Advisory> = {
    ...(typeof body.summary === 'string' ? { summary: body.summary } : {}),
    ...(typeof body.description === 'string' ? { description: body.description } : {}),
    ...('cve_id' in body ? { cveId: (body.cve_id as string | null) ?? null } : {}),
    ...(Array.isArray(body.vulnerabilities) ? { vulnerabilities: vulnerabilitiesFrom(body.vulnerabilities) } : {}),
    ...(Array.isArray(body.cwe_ids) ? { cweIds: body.cwe_ids as string[] } : {}),
    ...(Array.isArray(body.credits) ? { credits: creditsFrom(ctx, body.credits) } : {}),
    ...scoring(body),
    ...collaborators(ctx, body),
  };
  const next = { ...advisory, ...changes };
  const wasPublished = advisory.state === 'published';
  Object.assign(advisory, changes, state ? transition(next, state, ctx) : {}, { updatedAt: ctx.state.now });
  if (!wasPublished && advisory.state === 'published') deleteForkOnPublication(ctx, advisory);
  return ok(repositoryAdvisory(ctx.view, advisory));
}

/** GitHub: "Publishing a security advisory deletes the temporary private fork for the security advisory." */
function deleteForkOnPublication(ctx: RequestContext, advisory: Advisory): void {
  const fork = advisory.privateFork ? findRepo(ctx.state, advisory.privateFork) : undefined;
  if (fork?.temporaryFork) removeRepo(ctx.state, fork);
  advisory.privateFork = null;
}

function requestCve(ctx: RequestContext) {
  const { repo, advisory } = visibleAdvisory(ctx, DOCS);
  requirePermission(ctx, 'advisories', DOCS);
  if (repo.private) {
    throw unprocessable('CVE identifiers can only be requested for advisories in public repositories.', DOCS);
  }
  if (advisory.cveId) throw unprocessable(`This advisory already has a CVE identifier (${advisory.cveId}).`, DOCS);
  if (advisory.cveRequested)
    throw unprocessable('A CVE identifier has already been requested for this advisory.', DOCS);
  advisory.cveRequested = true;
  advisory.updatedAt = ctx.state.now;
  return ok({}, 202);
}

/**
 * The fork exists (and `private_fork` points at it) at once, but answers 404 until GitHub has finished it; to
 * integrations (App installation tokens, GITHUB_TOKEN) it answers 404 always (see `canSeeRepo`). The 202 answer and
 * the advisory's `private_fork` are what an integration ever learns of it.
 */
function createFork(ctx: RequestContext) {
  const { repo, advisory } = visibleAdvisory(ctx, DOCS);
  requirePermission(ctx, 'advisories', DOCS);
  if (!hasPermission(ctx.grant, 'administration')) {
    throw new ApiError(403, 'Resource not accessible by integration', DOCS);
  }
  const existing = advisory.privateFork ? findRepo(ctx.state, advisory.privateFork) : undefined;
  const fork =
    existing ??
    addRepo(ctx.state, `${repo.owner}/${repo.name}-${advisory.ghsaId.toLowerCase()}`, {
      private: true,
      fork: true,
      description: repo.description,
      files: { ...repo.files },
      readyAt: Date.now() + ctx.options.forkReadyAfterMs,
      temporaryFork: true,
    });
  advisory.privateFork = fullName(fork);
  return ok(fullRepository(ctx.view, fork), 202);
}

export const ADVISORY_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/orgs/:org/security-advisories',
    operationId: 'security-advisories/list-org-repository-advisories',
    handler: listForOrg,
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/security-advisories',
    operationId: 'security-advisories/list-repository-advisories',
    handler: listForRepo,
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/security-advisories',
    operationId: 'security-advisories/create-repository-advisory',
    handler: create,
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/security-advisories/reports',
    operationId: 'security-advisories/create-private-vulnerability-report',
    handler: report,
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/security-advisories/:ghsa_id',
    operationId: 'security-advisories/get-repository-advisory',
    handler: getOne,
  },
  {
    method: 'PATCH',
    pattern: '/repos/:owner/:repo/security-advisories/:ghsa_id',
    operationId: 'security-advisories/update-repository-advisory',
    handler: update,
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/security-advisories/:ghsa_id/cve',
    operationId: 'security-advisories/create-repository-advisory-cve-request',
    handler: requestCve,
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/security-advisories/:ghsa_id/forks',
    operationId: 'security-advisories/create-fork',
    handler: createFork,
  },
];
