import { PermissionError } from '../domain/errors.js';

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
