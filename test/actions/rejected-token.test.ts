import { describe, expect, it } from '@jest/globals';
import { watchedEmulator } from '../harness/watched-emulator.js';

const watched = watchedEmulator(() => ({ now: '2026-11-19T16:05:00Z' }));
const TRACKER = 'sample-org/security-tracker';
const PROJECT = 'sample-org/sample-project';

describe.each([
  ['ack-report', { tracker: TRACKER, organization: 'sample-org' }],
  ['sla-check', { tracker: TRACKER, organization: 'sample-org' }],
  ['triage', { 'ghsa-id': 'GHSA-2222-3333-4444', repository: PROJECT }],
  ['create-temp-fork', { 'ghsa-id': 'GHSA-2222-3333-4444', repository: PROJECT }],
  ['release-gate', { 'ghsa-ids': 'GHSA-2222-3333-4444', repository: PROJECT }],
  [
    'publish-announcement',
    { 'ghsa-ids': 'GHSA-2222-3333-4444', repository: PROJECT, project: 'p', version: '1.0.1', confirm: 'true' },
  ],
])('%s with a token GitHub refuses', (action, inputs) => {
  it('says the token input was refused and what to pass instead, and writes nothing', async () => {
    const result = await watched.run(action, { inputs: { token: 'ghs_revokedOrMistyped0000', ...inputs } });
    expect(result.exitCode).toBe(1);
    // publish-announcement says first which step it stopped at and what is done.
    expect(result.errors.map((error) => error.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${action}: configuration error in token: (step 2 .*failed: )?GitHub rejected the token in input "token" \\(401 Bad credentials\\): it is revoked, expired or mistyped\\. Pass a GitHub App installation token`,
        ),
      ),
    ]);
    expect(watched.emulator.writes()).toEqual([]);
  });
});
