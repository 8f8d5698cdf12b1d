/**
 * Out of scope, report upstream (issue 17): the link's check, the command that asks for it, the guard against telling
 * the reporter two different things, the message, the record row; and the report section's "Acknowledged" row that
 * follows `/ack sent`.
 */
import { describe, expect, it } from '@jest/globals';
import { buildTriageRequest, parseTriageCommand } from '../../src/domain/chatops.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import { renderTrackerRecord, withAcknowledgedRow } from '../../src/domain/tracker-record.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';
import { checkUpstreamChange, parseUpstreamUrl, UPSTREAM_REASON, upstreamRecord } from '../../src/domain/upstream.js';
import { compileTemplate, renderTemplate } from '../../src/templates/engine.js';
import { REJECTION_TEMPLATE, type RejectionData } from '../../src/templates/rejection.js';
import { thrownBy } from './thrown.js';

const URL = 'https://github.com/upstream-org/libarchive/security/advisories/new';
const fresh = (): TrackerState => newTrackerState('issue-4', 'example-org/app', 'conda-forge', '2026-01-05T09:00:00Z');

const errorOf = (run: () => unknown): ConfigurationError => thrownBy(run, ConfigurationError);

describe('the upstream link', () => {
  it.each([URL, 'https://example.org', 'https://gitlab.example.org:8443/a/b?x=1#y', 'mailto:security@python.org'])(
    'accepts %s',
    (url) => {
      expect(parseUpstreamUrl(` ${url} `, 'Input "upstream"')).toBe(url);
    },
  );

  it.each([
    'http://example.org/security',
    'javascript:alert(1)',
    'https://example.org/a b',
    'https://example.org/x)](https://evil.example',
    'https://example.org/<script>',
    'https://example.org/--> <!--',
    'mailto:nobody',
    'example.org/security',
    `https://example.org/${'a'.repeat(300)}`,
  ])('refuses %j, naming the field', (url) => {
    const error = errorOf(() => parseUpstreamUrl(url, '/triage upstream'));
    expect(error.source).toBe('upstream');
    expect(error.message).toMatch(/^\/triage upstream is ".*", but it accepts the upstream project's security page/);
  });
});

describe('/triage reject upstream=...', () => {
  it('is a rejection with the link, and the scope rule as its reason when none is given', () => {
    expect(parseTriageCommand(`/triage reject upstream=${URL}`)).toMatchObject({
      decision: 'reject',
      upstream: URL,
      reason: UPSTREAM_REASON,
    });
    expect(parseTriageCommand(`/triage upstream=${URL} reason="in the bundled zlib"`)).toMatchObject({
      decision: 'reject',
      upstream: URL,
      reason: 'in the bundled zlib',
    });
    expect(buildTriageRequest({ upstream: URL })).toMatchObject({ decision: 'reject', upstream: URL });
  });

  it('refuses it with accept, without a value, or with a bad link', () => {
    expect(errorOf(() => parseTriageCommand(`/triage accept upstream=${URL}`)).message).toContain(
      '/triage upstream is set with an accept decision',
    );
    expect(errorOf(() => buildTriageRequest({ decision: 'accept', upstream: URL })).message).toContain(
      'Input "upstream" is set with an accept decision',
    );
    expect(errorOf(() => parseTriageCommand('/triage reject upstream')).message).toContain('needs a value');
    expect(errorOf(() => parseTriageCommand('/triage reject upstream=ftp://x.org')).source).toBe('upstream');
  });
});

describe('telling the reporter one thing', () => {
  it('passes the same link again (a re-run) and a first upstream rejection', () => {
    expect(() => checkUpstreamChange(fresh(), URL, false)).not.toThrow();
    const sent = { ...fresh(), decision: 'reject' as const, upstream: { url: URL, at: '2026-01-06T10:00:00.000Z' } };
    expect(() => checkUpstreamChange(sent, URL, true)).not.toThrow();
  });

  it('refuses another link, or a link after a rejection already told', () => {
    const sent = { ...fresh(), decision: 'reject' as const, upstream: { url: URL, at: '2026-01-06T10:00:00.000Z' } };
    expect(errorOf(() => checkUpstreamChange(sent, 'https://example.org', true)).message).toContain(
      `issue-4 was already sent upstream, to ${URL}`,
    );
    const rejected = { ...fresh(), decision: 'reject' as const };
    expect(errorOf(() => checkUpstreamChange(rejected, URL, true)).message).toContain('already rejected');
    expect(errorOf(() => checkUpstreamChange(fresh(), URL, true)).message).toContain('already rejected');
    expect(errorOf(() => checkUpstreamChange(rejected, URL, true)).message).toContain(
      'already rejected and the reporter told:',
    );
  });

  it('keeps the first record on a re-run', () => {
    const at = new Date('2026-01-06T10:00:00Z');
    const first = upstreamRecord(fresh(), URL, at, 'sirt-lead');
    expect(first).toEqual({ url: URL, at: '2026-01-06T10:00:00.000Z', by: 'sirt-lead' });
    expect(upstreamRecord({ ...fresh(), upstream: first }, URL, new Date('2026-01-08T00:00:00Z'))).toBe(first);
    expect(upstreamRecord(undefined, URL, at)).toEqual({ url: URL, at: '2026-01-06T10:00:00.000Z' });
  });
});

describe('the rejection message', () => {
  const template = compileTemplate(REJECTION_TEMPLATE.source, REJECTION_TEMPLATE.name);
  const data: RejectionData = {
    ghsaId: 'GHSA-2222-3333-4444',
    repository: 'example-org/app',
    reason: 'In the bundled libarchive.',
    upstreamUrl: URL,
    rejectedAt: '2026-01-06T10:00:00.000Z',
    policy: 'conda-forge',
  };

  it('sends the reporter upstream, with the link, and says the advisory was closed', () => {
    const text = renderTemplate(template, data);
    expect(text).toContain('Thank you for your report (GHSA-2222-3333-4444 in `example-org/app`).');
    expect(text).toContain(
      `Please report it to the upstream project, who can fix it: ${URL}\n\nReason: In the bundled`,
    );
    expect(text).toContain('outside the scope of our disclosure process and the advisory has been closed.');
    expect(text).not.toContain('not to treat it as a vulnerability');
  });

  it('speaks of no advisory for a report filed by hand, and of none upstream for a plain rejection', () => {
    const text = renderTemplate(template, { ...data, ghsaId: null, repository: null, upstreamUrl: null });
    expect(text).toMatch(
      /^Thank you for your report\.\n\nAfter triage we have decided not to treat it as a vulnerability\.\n\nReason:/,
    );
    expect(text).not.toContain('advisory');
    expect(text).not.toContain('upstream');
  });
});

describe('the live record', () => {
  it('shows where the reporter was sent, by whom and when', () => {
    const state = { ...fresh(), upstream: { url: URL, at: '2026-01-06T10:00:00.000Z', by: 'sirt-lead' } };
    expect(renderTrackerRecord(state)).toContain(
      `| Out of scope, sent upstream | [github.com/upstream-org/libarchive/security/advisories/new](${URL}) (2026-01-06 10:00 UTC by \`sirt-lead\`) |`,
    );
    const mail = { ...fresh(), upstream: { url: 'mailto:security@python.org', at: '2026-01-06T10:00:00.000Z' } };
    expect(renderTrackerRecord(mail)).toMatch(
      /\| Out of scope, sent upstream \| mailto\\?:security@python\.org \(2026-01-06 10:00 UTC\) \|/,
    );
    expect(renderTrackerRecord(fresh())).not.toContain('upstream');
  });
});

describe("the report section's Acknowledged row", () => {
  const body = [
    '<!-- section:report -->',
    '| Received | 2026-01-05 09:00 UTC |',
    '| Acknowledged | not yet |',
    '<!-- /section:report -->',
    '',
    '| Acknowledged | a row elsewhere |',
  ].join('\n');

  it('says when the acknowledgement was confirmed, late or not, once; elsewhere nothing changes', () => {
    const updated = withAcknowledgedRow(body, '2026-01-07T08:00:00Z', true);
    expect(updated).toContain('| Acknowledged | 2026-01-07 08:00 UTC (late) |\n<!-- /section:report -->');
    expect(updated).toContain('| Acknowledged | a row elsewhere |');
    expect(withAcknowledgedRow(updated, '2026-01-07T08:00:00Z', true)).toBe(updated);
    expect(withAcknowledgedRow(body, '2026-01-07T08:00:00Z', false)).toContain(
      '| Acknowledged | 2026-01-07 08:00 UTC |',
    );
  });

  it("leaves a body without the row (a project's own template) or without a report section as it is", () => {
    const own = '<!-- section:report -->\nOur own layout\n<!-- /section:report -->';
    expect(withAcknowledgedRow(own, '2026-01-07T08:00:00Z', false)).toBe(own);
    expect(withAcknowledgedRow('| Acknowledged | not yet |', '2026-01-07T08:00:00Z', false)).toBe(
      '| Acknowledged | not yet |',
    );
  });
});
