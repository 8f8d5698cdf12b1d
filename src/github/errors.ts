import { PermissionError } from '../domain/errors.js';

interface HttpError {
  readonly status: number;
  readonly message: string;
}

export function isHttpError(error: unknown): error is HttpError {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';
}

export function hasStatus(error: unknown, ...statuses: number[]): boolean {
  return isHttpError(error) && statuses.includes(error.status);
}

const TOKEN_HINT =
  'The workflow GITHUB_TOKEN cannot call the repository security advisory endpoints (no `permissions:` key covers ' +
  'them): pass a GitHub App installation token (actions/create-github-app-token) or a fine-grained PAT as `token`.';

/** What a 401/403/404 on an advisory endpoint means for the user, with the permission to grant. */
export function advisoryPermissionError(error: unknown, what: string, permission: string): Error {
  if (!isHttpError(error) || ![401, 403, 404].includes(error.status))
    return error instanceof Error ? error : new Error(String(error));
  const cause =
    error.status === 401 ? 'the token was rejected (401 Bad credentials)' : `GitHub answered ${error.status}`;
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
