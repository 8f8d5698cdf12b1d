import { describe, expect, it } from '@jest/globals';
import { dispatchTarget, issueTarget, readIntakeEvent } from '../../src/actions/ack-report/event.js';
import { ConfigurationError } from '../../src/domain/errors.js';

const tracker = { owner: 'org', repo: 'security-tracker' };
const GHSA = 'GHSA-2222-3333-4444';

describe('dispatchTarget', () => {
  it('reads only the id and repository of a relayed repository_advisory payload', () => {
    const payload = {
      client_payload: {
        action: 'reported',
        repository_advisory: { ghsa_id: GHSA, summary: 'embargoed', description: 'embargoed' },
        repository: { full_name: 'org/project' },
      },
    };
    expect(dispatchTarget(payload)).toEqual({
      kind: 'advisory',
      ghsaId: GHSA,
      repository: { owner: 'org', repo: 'project' },
      origin: 'repository_dispatch',
    });
  });
  it('takes a simpler relay too', () => {
    expect(dispatchTarget({ client_payload: { ghsa_id: GHSA, repository: 'org/project' } })).toMatchObject({
      ghsaId: GHSA,
      repository: { owner: 'org', repo: 'project' },
    });
  });
  it('refuses a payload without an id or with a malformed one', () => {
    expect(() => dispatchTarget({ client_payload: { repository: 'org/project' } })).toThrow(ConfigurationError);
    expect(() => dispatchTarget({})).toThrow(/no advisory id or repository/);
    expect(() => dispatchTarget({ client_payload: { ghsa_id: 'GHSA-xx', repository: 'org/project' } })).toThrow(
      /client_payload.repository_advisory.ghsa_id/,
    );
    expect(() => dispatchTarget({ client_payload: { ghsa_id: GHSA, repository: 'not a repo' } })).toThrow(
      /client_payload.repository.full_name/,
    );
  });
});

describe('issueTarget', () => {
  const event = (action: string, labels: string[], extra: Record<string, unknown> = {}) => ({
    action,
    issue: { number: 7, labels: labels.map((name) => ({ name })) },
    repository: { full_name: 'Org/Security-Tracker' },
    ...extra,
  });
  it('takes an issue opened in the tracker with the intake label', () => {
    expect(issueTarget(event('opened', ['security-report']), tracker, 'security-report')).toEqual({
      kind: 'issue',
      issueNumber: 7,
    });
  });
  it('takes the intake label being added, and no other label', () => {
    const labeled = event('labeled', ['bug', 'security-report'], { label: { name: 'Security-Report' } });
    expect(issueTarget(labeled, tracker, 'security-report').kind).toBe('issue');
    const other = event('labeled', ['security-report'], { label: { name: 'bug' } });
    expect(issueTarget(other, tracker, 'security-report').kind).toBe('ignore');
  });
  it('ignores unlabelled issues, edits, pull requests and other repositories', () => {
    expect(issueTarget(event('opened', ['bug']), tracker, 'security-report')).toMatchObject({ kind: 'ignore' });
    expect(issueTarget(event('edited', ['security-report']), tracker, 'security-report').kind).toBe('ignore');
    const pr = event('opened', ['security-report']);
    expect(issueTarget({ ...pr, issue: { ...pr.issue, pull_request: {} } }, tracker, 'security-report').kind).toBe(
      'ignore',
    );
    const elsewhere = { ...event('opened', ['security-report']), repository: { full_name: 'org/project' } };
    expect(issueTarget(elsewhere, tracker, 'security-report')).toEqual({
      kind: 'ignore',
      why: 'the issue is in org/project, not in the tracker',
    });
  });
  it('refuses a payload without an issue number', () => {
    expect(() => issueTarget({ action: 'opened' }, tracker, 'security-report')).toThrow(ConfigurationError);
  });
});

describe('readIntakeEvent', () => {
  const dispatch = { client_payload: { ghsa_id: GHSA, repository: 'org/project' } };
  const opened = {
    action: 'opened',
    issue: { number: 7, labels: [{ name: 'security-report' }] },
    repository: { full_name: 'org/security-tracker' },
  };
  it('reads the relayed advisory of a repository_dispatch event from its payload', () => {
    expect(readIntakeEvent({ name: 'repository_dispatch', payload: dispatch }, tracker, 'security-report')).toEqual({
      kind: 'advisory',
      ghsaId: GHSA,
      repository: { owner: 'org', repo: 'project' },
      origin: 'repository_dispatch',
    });
  });
  it('reads the issue of an issues event from its payload', () => {
    expect(readIntakeEvent({ name: 'issues', payload: opened }, tracker, 'security-report')).toEqual({
      kind: 'issue',
      issueNumber: 7,
    });
  });
  it('leaves every other event to a sweep, whatever its payload', () => {
    for (const name of ['schedule', 'workflow_dispatch', '']) {
      expect(readIntakeEvent({ name, payload: dispatch }, tracker, 'security-report')).toBeUndefined();
      expect(readIntakeEvent({ name, payload: opened }, tracker, 'security-report')).toBeUndefined();
    }
  });
  it('refuses an event whose payload lacks what the event names, saying what is missing', () => {
    expect(() => readIntakeEvent({ name: 'repository_dispatch', payload: {} }, tracker, 'security-report')).toThrow(
      /repository_dispatch event has no advisory id or repository/,
    );
    const noNumber = (): unknown => readIntakeEvent({ name: 'issues', payload: {} }, tracker, 'security-report');
    expect(noNumber).toThrow(ConfigurationError);
    expect(noNumber).toThrow('The issues event payload has no issue number.');
  });
});
