/**
 * ChatOps commands that must not act, each beside a twin that must: a `/triage` or `/fork` from someone whose team
 * membership is only `pending` (invited, not accepted: GitHub answers `state: pending`, not a 404), and a command in
 * a comment that was edited rather than created (an edit re-delivers the event; acting on it would let anyone who can
 * edit a comment re-run a command, or run one a member never typed). The twin, an active member's new comment,
 * shows the command would have acted.
 */
import { describe, expect, it } from '@jest/globals';
import { findTeam, addUser } from '../emulator/state.js';
import { runBatch } from './batch.js';
import { createWorld, TRACKER, type ActionName, type Stage, type World } from './scenarios.js';
import { routeOf } from './writes.js';

const PENDING_MEMBER = 'pending-pat';
const ACTIVE_MEMBER = 'sirt-member';
const CHATOPS_INPUTS = { team: 'security-team', 'ghsa-id': '', repository: '' };

interface Case {
  readonly name: string;
  readonly action: ActionName;
  readonly stage: Stage;
  readonly command: string;
  readonly commenter: string;
  readonly eventAction: 'created' | 'edited';
  /** Whether the command must act (the twin) or not. */
  readonly acts: boolean;
}

interface Observed {
  readonly exitCode: number | null;
  readonly writes: string[];
  /** What the run answered on the commanding issue. */
  readonly replies: string[];
}

function commentEvent(world: World, testCase: Case) {
  return {
    name: 'issue_comment',
    payload: {
      action: testCase.eventAction,
      issue: { number: world.trackingIssue?.number ?? 1 },
      comment: { id: 5151, body: testCase.command, user: { login: testCase.commenter } },
      ...(testCase.eventAction === 'edited' ? { changes: { body: { from: 'Looks bad, will look tomorrow.' } } } : {}),
      repository: { full_name: TRACKER },
    },
  };
}

async function observe(testCase: Case): Promise<Observed> {
  const world = await createWorld(testCase.action, { visibility: 'public', stage: testCase.stage, validate: false });
  try {
    // Invited to the response team, not accepted yet.
    addUser(world.emulator.state, PENDING_MEMBER);
    findTeam(world.emulator.state, 'sample-org', 'security-team')?.pending.push({
      login: PENDING_MEMBER,
      role: 'member',
    });
    const result = await world.run({ inputs: CHATOPS_INPUTS, event: commentEvent(world, testCase) });
    const writes = world.proxy.seen.filter((request) => request.write && (request.status ?? 0) < 400);
    return {
      exitCode: result.exitCode,
      writes: writes.map((request) => routeOf(world, request)),
      replies: world.emulator.state.issueComments
        .filter((comment) => comment.issueNumber === world.trackingIssue?.number && comment.body.includes('5151'))
        .map((comment) => comment.body),
    };
  } finally {
    await world.stop();
  }
}

const TRIAGE = '/triage tlp=red severity=high';
const FORK = '/fork';

const CASES: readonly Case[] = [
  // Pending membership is not membership.
  {
    name: '/triage by a pending member is refused',
    action: 'triage',
    stage: 'triage',
    command: TRIAGE,
    commenter: PENDING_MEMBER,
    eventAction: 'created',
    acts: false,
  },
  {
    name: '/triage by an active member acts (twin)',
    action: 'triage',
    stage: 'triage',
    command: TRIAGE,
    commenter: ACTIVE_MEMBER,
    eventAction: 'created',
    acts: true,
  },
  {
    name: '/fork by a pending member is refused',
    action: 'create-temp-fork',
    stage: 'draft',
    command: FORK,
    commenter: PENDING_MEMBER,
    eventAction: 'created',
    acts: false,
  },
  {
    name: '/fork by an active member acts (twin)',
    action: 'create-temp-fork',
    stage: 'draft',
    command: FORK,
    commenter: ACTIVE_MEMBER,
    eventAction: 'created',
    acts: true,
  },
  // An edited comment is not a command.
  {
    name: '/triage in an edited comment is ignored',
    action: 'triage',
    stage: 'triage',
    command: TRIAGE,
    commenter: ACTIVE_MEMBER,
    eventAction: 'edited',
    acts: false,
  },
  {
    name: '/fork in an edited comment is ignored',
    action: 'create-temp-fork',
    stage: 'draft',
    command: FORK,
    commenter: ACTIVE_MEMBER,
    eventAction: 'edited',
    acts: false,
  },
];

/** The writes that are the command acting: the advisory changed, a fork made, the tracker updated. */
const ACTING = /security-advisories\/\{target\}(\/forks|\/cve)?$|\/issues\/1$/;

describe('ChatOps commands act only for active members, on new comments', () => {
  const batch = runBatch(CASES, observe, { limit: 3 });

  it.each(CASES.map((testCase, index) => ({ ...testCase, index })))('$name', ({ index, acts, eventAction }) => {
    const observed = batch.outcome(index);
    const acting = observed.writes.filter((route) => ACTING.test(route));
    expect(observed.exitCode).toBe(0);
    if (acts) {
      expect(acting).not.toEqual([]);
      return;
    }
    expect({ acting }).toEqual({ acting: [] });
    if (eventAction === 'edited') {
      // Ignored outright: not even an answer.
      expect(observed.writes).toEqual([]);
    } else {
      // Refused, and told so once on the commanding issue.
      expect(observed.writes).toEqual(['POST /repos/{tracker}/issues/1/comments']);
      expect(observed.replies).toHaveLength(1);
      expect(observed.replies[0]).toMatch(/not a member|only members/);
    }
  });
});
