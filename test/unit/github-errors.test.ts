import { describe, expect, it } from '@jest/globals';
import { advisoryPermissionError, hasStatus, isRateLimited } from '../../src/github/errors.js';
import { PermissionError } from '../../src/domain/errors.js';

const httpError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { status, response: { headers } });

describe('GitHub error classification', () => {
  it.each([
    ['primary limit spent', httpError(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0' })],
    ['secondary limit', httpError(403, 'You have exceeded a secondary rate limit', { 'retry-after': '60' })],
    ['429', httpError(429, 'Too Many Requests')],
  ])('a %s is a rate limit, not a 403 refusal', (_what, error) => {
    expect(isRateLimited(error)).toBe(true);
    expect(hasStatus(error, 403, 404)).toBe(false);
    expect(advisoryPermissionError(error, 'Cannot read', 'Repository security advisories: read')).toBe(error);
  });

  it('a plain 403 is a refusal and names the permission to grant', () => {
    const error = httpError(403, 'Resource not accessible by integration', { 'x-ratelimit-remaining': '4990' });
    expect(isRateLimited(error)).toBe(false);
    expect(hasStatus(error, 403)).toBe(true);
    const translated = advisoryPermissionError(error, 'Cannot read GHSA-x', 'Repository security advisories: read');
    expect(translated).toBeInstanceOf(PermissionError);
    expect(translated.message).toContain('"Repository security advisories: read" permission');
    expect(translated.message).toContain('GITHUB_TOKEN cannot call the repository security advisory endpoints');
  });
});

describe('a token GitHub refuses', () => {
  it('is not mistaken for a missing permission', () => {
    const error = httpError(401, 'Bad credentials');
    expect(advisoryPermissionError(error, 'Cannot read GHSA-x', 'Repository security advisories: read')).toBe(error);
  });
});
