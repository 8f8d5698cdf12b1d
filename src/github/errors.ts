import { ConfigurationError, PermissionError } from '../domain/errors.js';

interface HttpError {
  readonly status: number;
  readonly message: string;
  readonly response?: { readonly headers?: Readonly<Record<string, string | number | undefined>> };
}

export function isHttpError(error: unknown): error is HttpError {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';
}

/** A 403/429 that is GitHub's rate limit (what is left of it after the client's throttling gave up), not a refusal. */
export function isRateLimited(error: unknown): boolean {
  if (!isHttpError(error) || (error.status !== 403 && error.status !== 429)) return false;
  const headers = error.response?.headers ?? {};
  return (
    error.status === 429 ||
    String(headers['x-ratelimit-remaining']) === '0' ||
    headers['retry-after'] !== undefined ||
    /rate limit/i.test(error.message)
  );
}

/**
 * Whether GitHub answered one of `statuses`. A rate-limited 403 never counts as a 403: read as "no permission", it
 * would make a sweep call a repository invisible, or blame the token, when GitHub only asked to slow down.
 */
export function hasStatus(error: unknown, ...statuses: number[]): boolean {
  return isHttpError(error) && statuses.includes(error.status) && !isRateLimited(error);
}

const TOKEN_HINT =
  'The workflow GITHUB_TOKEN cannot call the repository security advisory endpoints (no `permissions:` key covers ' +
  'them): pass a GitHub App installation token (actions/create-github-app-token) or a fine-grained PAT as `token`.';

/**
 * What a 403/404 on an advisory endpoint means for the user, with the permission to grant. A 401 is not about a
 * permission (the token itself was refused) and is left for the failure handler to say so.
 */
export function advisoryPermissionError(error: unknown, what: string, permission: string): Error {
  if (!hasStatus(error, 403, 404)) return error instanceof Error ? error : new Error(String(error));
  return new PermissionError(
    `${what}: GitHub answered ${(error as HttpError).status}. The token needs the "${permission}" permission on ` +
      `that repository. ${TOKEN_HINT}`,
  );
}

export const PERMISSIONS = {
  advisoriesRead: 'Repository security advisories: read',
  advisoriesWrite: 'Repository security advisories: write',
  administration: 'Administration: write',
  issues: 'Issues: write',
  contents: 'Contents: read',
  discussions: 'Discussions: write',
  members: 'Members: read (organization)',
} as const;

const REJECTED_TOKEN =
  'GitHub rejected the token in input "token" (401 Bad credentials): it is revoked, expired or mistyped. Pass a ' +
  'GitHub App installation token minted in the same job (actions/create-github-app-token; it lasts an hour) or a ' +
  'current fine-grained personal access token.';

/** GitHub asked to slow down for longer than a job should wait: until when, and that nothing was concluded. */
function rateLimitText(error: HttpError): string {
  const reset = Number(error.response?.headers?.['x-ratelimit-reset']);
  const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : '';
  return (
    `GitHub's API rate limit for this token is spent${when}. Nothing was concluded from a partial view: ` +
    're-run the job after the reset, or give the workflow its own GitHub App so it does not share the limit.'
  );
}

/**
 * When GitHub refused the token itself (401) or its rate limit (not one request): what that means and what to do.
 * `configuration` is true when the user must fix an input (the token).
 */
export function tokenProblem(
  error: unknown,
): { readonly message: string; readonly configuration: boolean } | undefined {
  if (isRateLimited(error)) return { message: rateLimitText(error as HttpError), configuration: false };
  if (hasStatus(error, 401)) return { message: REJECTED_TOKEN, configuration: true };
  return undefined;
}

/**
 * GitHub Enterprise Server serves its REST API under `https://HOST/api/v3` (GraphQL at `/api/graphql`); GitHub.com
 * at `https://api.github.com`, GitHub Enterprise Cloud with data residency at `https://api.SUBDOMAIN.ghe.com`. A
 * local emulator or proxy is neither: only the `/api/v3` base marks Enterprise Server.
 */
export function isEnterpriseServer(apiUrl: string | undefined): boolean {
  if (!apiUrl) return false;
  try {
    return /\/api\/v3\/?$/.test(new URL(apiUrl).pathname);
  } catch {
    return false;
  }
}

/**
 * The REST paths GitHub Enterprise Server (every 3.x release) does not have: repository security advisories (list,
 * get, update, CVE request, temporary private fork, comments, the organization-wide list) and private vulnerability
 * reporting. Its REST reference lists only the global advisories (`/advisories`) under "Security advisories".
 */
const NOT_ON_ENTERPRISE_SERVER = /\/security-advisories(?:[/?]|$)|\/private-vulnerability-reporting(?:[/?]|$)/;

export const ENTERPRISE_SERVER_GAP =
  'GitHub Enterprise Server has no repository security advisories: the feature, its REST API and private ' +
  'vulnerability reporting exist only on GitHub.com and GitHub Enterprise Cloud (no Enterprise Server 3.x release ' +
  'offers them). The actions that read or write advisories (ack-report, sla-check, triage, create-temp-fork, ' +
  'publish-announcement, and release-gate with advisory preconditions) cannot run against it; release-gate checking ' +
  'the release window alone can. See "GitHub Enterprise Server" in the README.';

/**
 * What a 404 from an advisory endpoint means on GitHub Enterprise Server: not a missing permission or advisory, but
 * an endpoint the server does not have. Undefined for any other error, server or path.
 */
export function enterpriseServerGap(
  error: unknown,
  request: { readonly method?: string; readonly url?: string },
  apiUrl: string | undefined,
): ConfigurationError | undefined {
  if (!isEnterpriseServer(apiUrl) || !hasStatus(error, 404)) return undefined;
  const url = request.url ?? '';
  if (!NOT_ON_ENTERPRISE_SERVER.test(url)) return undefined;
  const route = url.startsWith('http') ? new URL(url).pathname : url;
  return new ConfigurationError(
    `${request.method ?? 'GET'} ${route} answered 404 at ${apiUrl}. ${ENTERPRISE_SERVER_GAP}`,
    'GITHUB_API_URL',
  );
}
