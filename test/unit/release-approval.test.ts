import { describe, expect, it } from '@jest/globals';
import { parsePolicyFile } from '../../src/domain/policy/parse.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import {
  approvalNeeded,
  approvalStatus,
  parseReleaseCommand,
  withApproval,
} from '../../src/domain/release-approval.js';
import { newTrackerState } from '../../src/domain/tracker-state.js';

describe('parseReleaseCommand', () => {
  it.each([
    ['/release approve', 'approve'],
    ['  /release   APPROVE  ', 'approve'],
    ['Looks good.\n/release approve\nthanks', 'approve'],
    ['no command here', 'none'],
    ['please /release approve', 'none'],
    ['/released approve', 'none'],
    ['/release', 'invalid'],
    ['/release approve now', 'invalid'],
    ['/release ship-it', 'invalid'],
  ])('%j is %s', (body, kind) => {
    expect(parseReleaseCommand(body).kind).toBe(kind);
  });
});

describe('approvals', () => {
  const state = newTrackerState('GHSA-aaaa-bbbb-cccc', 'o/r', 'spec11', '2026-01-05T09:00:00Z');

  it('counts each person once', () => {
    const once = withApproval(state, { login: 'alice', at: 't1', comment: 1 });
    const twice = withApproval(once, { login: 'ALICE', at: 't2', comment: 2 });
    expect(twice).toBe(once);
    const both = withApproval(once, { login: 'bob', at: 't3', comment: 3 });
    expect(approvalStatus(both, 2)).toEqual({
      approvals: [
        { login: 'alice', at: 't1', comment: 1 },
        { login: 'bob', at: 't3', comment: 3 },
      ],
      required: 2,
      missing: 0,
    });
    expect(approvalStatus(once, 2).missing).toBe(1);
    expect(approvalStatus(state, 1).missing).toBe(1);
  });

  it('says who must comment what where', () => {
    const status = approvalStatus(withApproval(state, { login: 'alice', at: 't', comment: 1 }), 3);
    expect(approvalNeeded({ ghsaId: 'GHSA-x', issueUrl: 'https://t/1', team: 'o/sirt' }, status)).toBe(
      'GHSA-x needs 2 more approvals (release-approvals: 3): 2 different people, each a member of o/sirt other than alice, must comment `/release approve` in its tracking issue https://t/1',
    );
    expect(approvalNeeded({ ghsaId: 'GHSA-x', issueUrl: undefined }, approvalStatus(state, 1))).toBe(
      'GHSA-x has no tracking issue in the tracker, so its publication cannot be approved: open one with ack-report, then a member of the response team (the team of the triage workflow) must comment `/release approve` in it',
    );
  });
});

describe('release-approvals in the policy file (a project option)', () => {
  it('is 1 in every preset', () => {
    for (const preset of Object.values(PRESETS)) expect(preset.releaseApprovals).toBe(1);
  });

  it('takes a whole number from 1 to 5', () => {
    expect(parsePolicyFile('release-approvals: 2\n', 'p.yml').releaseApprovals).toBe(2);
    for (const bad of ['0', '1.5', '6', 'two']) {
      expect(() => parsePolicyFile(`release-approvals: ${bad}\n`, 'p.yml')).toThrow(
        /"release-approvals" is .*; use a whole number from 1 to 5/,
      );
    }
  });
});
