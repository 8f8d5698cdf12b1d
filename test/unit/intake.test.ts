import { describe, expect, it } from '@jest/globals';
import {
  ACK_NOTIFIED,
  acknowledgedState,
  acknowledgementTiming,
  claimHolder,
  CLAIM_LEASE_MS,
  confirmedState,
  isAcknowledged,
  isTakenIn,
  issueReportKey,
  isWithinLease,
  preferredChannel,
} from '../../src/domain/intake.js';
import { CONDA_FORGE, SPEC11 } from '../../src/domain/policy/presets.js';
import { UPDATES_OPT_IN } from '../../src/domain/reporter-messages.js';
import { newTrackerState } from '../../src/domain/tracker-state.js';

const state = newTrackerState('GHSA-2222-3333-4444', 'o/r', 'spec11', '2026-01-05T09:00:00Z');

describe('intake keys', () => {
  it('keys a report filed as an issue by its number', () => {
    expect(issueReportKey(12)).toBe('issue-12');
  });
});

describe('acknowledgementTiming', () => {
  it('is met up to the deadline and late after it (SPEC 11: 48 hours)', () => {
    expect(acknowledgementTiming(SPEC11, state, new Date('2026-01-07T09:00:00Z'))).toEqual({
      due: new Date('2026-01-07T09:00:00Z'),
      late: false,
    });
    expect(acknowledgementTiming(SPEC11, state, new Date('2026-01-07T09:00:01Z')).late).toBe(true);
  });
  it("counts the policy's own window (conda-forge: 7 days)", () => {
    const timing = acknowledgementTiming(CONDA_FORGE, state, new Date('2026-01-10T09:00:00Z'));
    expect(timing).toEqual({ due: new Date('2026-01-12T09:00:00Z'), late: false });
  });
  it('counts business days when the policy says so', () => {
    const businessDays = { ...SPEC11, acknowledgeWithin: { amount: 2, unit: 'business-days' as const } };
    // Friday 09:00 + 2 business days = Tuesday 09:00.
    const friday = newTrackerState('GHSA-2222-3333-4444', 'o/r', 'custom', '2026-01-09T09:00:00Z');
    expect(acknowledgementTiming(businessDays, friday, new Date('2026-01-13T08:00:00Z'))).toEqual({
      due: new Date('2026-01-13T09:00:00Z'),
      late: false,
    });
  });
});

describe('preferredChannel', () => {
  it('uses an advisory comment only for a private report on a public repository', () => {
    expect(preferredChannel({ kind: 'advisory', repositoryPrivate: false, privateReport: true })).toBe(
      'advisory-comment',
    );
    expect(preferredChannel({ kind: 'advisory', repositoryPrivate: true, privateReport: true })).toBe('manual');
    expect(preferredChannel({ kind: 'advisory', repositoryPrivate: false, privateReport: false })).toBe('manual');
    expect(preferredChannel({ kind: 'issue', repositoryPrivate: true, privateReport: false })).toBe('issue-comment');
  });
});

describe('acknowledgedState', () => {
  const at = new Date('2026-01-06T10:00:00Z');
  it('records the time, channel, severity and the notification key', () => {
    const next = acknowledgedState(state, { at, channel: 'advisory-comment', severity: 'high', notify: true });
    expect(next).toMatchObject({
      acknowledgedAt: '2026-01-06T10:00:00.000Z',
      ackChannel: 'advisory-comment',
      severity: 'high',
      notified: [UPDATES_OPT_IN, ACK_NOTIFIED],
    });
    expect(isAcknowledged(next)).toBe(true);
    expect(isAcknowledged(state)).toBe(false);
    expect(isAcknowledged(undefined)).toBe(false);
  });
  it('never moves a first acknowledgement, channel or severity, and adds the key once', () => {
    const first = acknowledgedState(state, { at, channel: 'issue-comment', severity: 'low', notify: true });
    const later = acknowledgedState(first, {
      at: new Date('2026-02-01T00:00:00Z'),
      channel: 'advisory-comment',
      severity: 'critical',
      notify: true,
    });
    expect(later).toEqual(first);
  });
  it('records a text a person sends as prepared, not made, until /ack sent confirms it (issue 17)', () => {
    const prepared = acknowledgedState(state, { at, channel: 'manual', severity: null, notify: false }, 'E-mail');
    expect(prepared.acknowledgedAt).toBeUndefined();
    expect(prepared.ackToSend).toEqual({ at: at.toISOString(), via: 'E-mail' });
    expect(isAcknowledged(prepared)).toBe(false);
    expect(isTakenIn(prepared)).toBe(true);
    expect(isTakenIn(state)).toBe(false);
    const again = acknowledgedState(prepared, {
      at: new Date('2026-02-01T00:00:00Z'),
      channel: 'manual',
      severity: null,
      notify: false,
    });
    expect(again.ackToSend).toEqual(prepared.ackToSend);
    const confirmation = { login: 'sirt-member', at: '2026-01-07T08:00:00Z', comment: 9 };
    const confirmed = confirmedState(prepared, confirmation);
    expect(confirmed.acknowledgedAt).toBe('2026-01-07T08:00:00Z');
    expect(confirmed.ackSent).toEqual(confirmation);
    expect(confirmedState(confirmed, { login: 'other', at: '2026-01-08T00:00:00Z', comment: 10 })).toBe(confirmed);
  });
  it('leaves notified alone without a webhook, and the input state untouched', () => {
    const next = acknowledgedState(state, { at, channel: 'issue-comment', severity: null, notify: false });
    expect(next.notified).toEqual([UPDATES_OPT_IN]);
    expect(next.severity).toBeUndefined();
    expect(state.acknowledgedAt).toBeUndefined();
  });
});

describe('races between runs', () => {
  const now = new Date('2026-01-06T10:00:00Z');
  it('takes an issue or claim made within the lease as live', () => {
    expect(isWithinLease('2026-01-06T09:59:00Z', now)).toBe(true);
    expect(isWithinLease(new Date(now.getTime() - CLAIM_LEASE_MS).toISOString(), now)).toBe(false);
    expect(isWithinLease('2026-01-06T08:00:00Z', now)).toBe(false);
  });
  it('gives a report to the oldest live claim, ignoring claims of runs that died', () => {
    expect(claimHolder([])).toBeUndefined();
    expect(
      claimHolder([
        { id: 30, createdAt: '2026-01-06T10:00:01Z' },
        { id: 20, createdAt: '2026-01-06T10:00:00Z' },
      ]),
    ).toBe(20);
    expect(
      claimHolder([
        { id: 5, createdAt: '2026-01-06T08:00:00Z' },
        { id: 31, createdAt: '2026-01-06T10:00:00Z' },
        { id: 40, createdAt: '2026-01-06T10:00:02Z' },
      ]),
    ).toBe(31);
  });
});
