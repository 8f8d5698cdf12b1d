import { describe, expect, it } from '@jest/globals';
import {
  acknowledgementDates,
  acknowledgementMarker,
  acknowledgementSection,
  notificationText,
} from '../../src/domain/acknowledgement.js';
import { SPEC11, STACKLOK } from '../../src/domain/policy/presets.js';
import { assertTemplateFields, compileTemplate, renderTemplate, templateFields } from '../../src/templates/engine.js';
import { newTrackerState } from '../../src/domain/tracker-state.js';
import { ACKNOWLEDGEMENT_TEMPLATE } from '../../src/templates/acknowledgement.js';
import { TRACKER_ISSUE_TEMPLATE } from '../../src/templates/tracker-issue.js';

const state = newTrackerState('GHSA-2222-3333-4444', 'o/r', 'spec11', '2026-01-05T09:00:00Z');
const at = new Date('2026-01-06T10:00:00Z');

describe('acknowledgementDates', () => {
  it("gives the reporter the policy's dates, counted from the report", () => {
    expect(acknowledgementDates(SPEC11, state, at)).toEqual({
      receivedAt: '2026-01-05T09:00:00.000Z',
      acknowledgedAt: '2026-01-06T10:00:00.000Z',
      ackDeadline: '2026-01-07T09:00:00.000Z',
      triageDue: '2026-01-12T09:00:00.000Z',
      fixReleaseTarget: '2026-01-26T17:00:00.000Z',
      disclosureDeadline: '2026-04-05T09:00:00.000Z',
    });
    expect(acknowledgementDates(STACKLOK, state, at)).toMatchObject({
      ackDeadline: '2026-01-06T09:00:00.000Z',
      triageDue: '2026-01-06T09:00:00.000Z',
    });
  });
});

describe('acknowledgementSection', () => {
  it('says where and when it was sent', () => {
    expect(acknowledgementSection({ status: 'sent', channel: 'advisory-comment', at: at.toISOString() })).toBe(
      '### Acknowledgement\n\nSent to the reporter in a comment on the advisory on 2026-01-06 10:00 UTC.',
    );
    expect(acknowledgementSection({ status: 'pending' })).toContain('Not sent yet');
  });
  it('quotes the whole message for a human to send, blank lines included', () => {
    const section = acknowledgementSection({
      status: 'manual',
      at: at.toISOString(),
      why: 'the repository is private',
      message: 'Thanks.\n\nDates follow.\n',
    });
    expect(section).toContain('(the repository is private)');
    expect(section.endsWith('> Thanks.\n>\n> Dates follow.')).toBe(true);
  });
});

describe('notificationText', () => {
  it('carries the id, repository, severity and link only', () => {
    expect(
      notificationText({ key: 'GHSA-2222-3333-4444', repository: 'o/r', severity: 'high', issueUrl: 'https://x/1' }),
    ).toBe('New security report GHSA-2222-3333-4444 in o/r (severity: high) acknowledged. Tracking issue: https://x/1');
    expect(notificationText({ key: 'issue-3', repository: null, severity: null, issueUrl: 'https://x/3' })).toBe(
      'New security report issue-3 filed in the tracker (severity: not rated yet) acknowledged. Tracking issue: https://x/3',
    );
  });
  it('marks acknowledgement comments by report', () => {
    expect(acknowledgementMarker('issue-3')).toBe('<!-- disclosure-actions:ack issue-3 -->');
  });
});

describe('shipped templates', () => {
  it.each([
    ['tracker issue', TRACKER_ISSUE_TEMPLATE],
    ['acknowledgement', ACKNOWLEDGEMENT_TEMPLATE],
  ] as const)('the %s template uses only its documented fields, which the samples all provide', (_n, template) => {
    const { source, fields, samples } = template;
    assertTemplateFields(source, 'built-in', fields);
    expect(templateFields(source).filter((field) => !fields.includes(field))).toEqual([]);
    for (const sample of samples) expect(Object.keys(sample).sort()).toEqual([...fields].sort());
  });

  it('renders the advisory text inert in the tracker issue', () => {
    const template = compileTemplate(TRACKER_ISSUE_TEMPLATE.source, 'tracker');
    const text = renderTemplate(template, {
      ...TRACKER_ISSUE_TEMPLATE.samples[0],
      summary: 'XSS via <script> @maintainers',
      description: '# Heading\n[link](https://evil.example)',
    });
    expect(text).toContain('XSS via &lt;script&gt; @\u200Dmaintainers');
    expect(text).toContain('\\# Heading');
    expect(text).toContain('\\[link\\](https\\://evil.example)');
    expect(text).toContain('| Acknowledged | 2026-01-08 09:00 UTC (late) |');
  });

  it('leaves out what is not known yet', () => {
    const text = renderTemplate(
      compileTemplate(TRACKER_ISSUE_TEMPLATE.source, 'tracker'),
      TRACKER_ISSUE_TEMPLATE.samples[1]!,
    );
    expect(text).toContain('| Severity | not rated yet |');
    expect(text).toContain('| Acknowledged | not yet |');
    expect(text).not.toContain('### Summary');
  });

  it('apologises only when late and names the contact when there is one', () => {
    const template = compileTemplate(ACKNOWLEDGEMENT_TEMPLATE.source, 'ack');
    const [late, onTime] = ACKNOWLEDGEMENT_TEMPLATE.samples.map((sample) => renderTemplate(template, sample));
    expect(late).toContain('sorry for the late answer');
    expect(late).toContain('You can reach the team at security@example.org.');
    expect(late).toContain('Thank you for your report (GHSA-2222-3333-4444 in `example-org/example`).');
    expect(onTime).not.toContain('sorry');
    expect(onTime).toContain('Thank you for your report. We received it on 2026-01-05 09:00 UTC');
    expect(onTime).toContain('Reply to this message to reach the team.');
  });
});
