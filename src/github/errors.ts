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

/** What a 401/403/404 on an advisory endpoint means for the user, with the permission to grant. */
export function advisoryPermissionError(error: unknown, what: string, permission: string): Error {
  if (!hasStatus(error, 401, 403, 404)) return error instanceof Error ? error : new Error(String(error));
  const status = (error as HttpError).status;
  const cause = status === 401 ? 'the token was rejected (401 Bad credentials)' : `GitHub answered ${status}`;
  return new PermissionError(
    `${what}: ${cause}. The token needs the "${permission}" permission on that repository. ${TOKEN_HINT}`,
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
