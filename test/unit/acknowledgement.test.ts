import { describe, expect, it } from '@jest/globals';
import {
  acknowledgementDates,
  acknowledgementMarker,
  acknowledgementSection,
  notificationText,
} from '../../src/domain/acknowledgement.js';
import { CONDA_FORGE, SPEC11, SPEC11_DRAFT, STACKLOK } from '../../src/domain/policy/presets.js';
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
      // SPEC 11 states no disclosure deadline: none is given to the reporter.
      disclosureDeadline: null,
      ackBasis: 'as SPEC 11 states',
      triageBasis: 'a target we set: our process document gives no number for it',
      fixReleaseBasis: 'a target we set: our process document gives no number for it',
      disclosureBasis: null,
    });
    // Stacklok gives no acknowledgement time (its 24 hours name the fix team) and scores within 1-7 days.
    expect(acknowledgementDates(STACKLOK, state, at)).toMatchObject({
      ackDeadline: '2026-01-07T09:00:00.000Z',
      triageDue: '2026-01-12T09:00:00.000Z',
      ackBasis: 'a target we set: our process document gives no number for it',
      triageBasis: "as Stacklok's security process states",
      disclosureDeadline: null,
    });
    expect(acknowledgementDates(CONDA_FORGE, state, at)).toMatchObject({
      disclosureDeadline: '2026-04-05T09:00:00.000Z',
      disclosureBasis: "as conda-forge's security policy states",
    });
  });
});

describe('the built-in acknowledgement', () => {
  const render = (policy: typeof SPEC11): string => {
    const dates = acknowledgementDates(policy, state, at);
    const data = { ghsaId: state.key, repository: 'o/r', ...dates, late: false, policy: policy.name, contact: null };
    return renderTemplate(compileTemplate(ACKNOWLEDGEMENT_TEMPLATE.source, 'ack'), data);
  };

  it('promises publication "whether or not a fix exists" only under a policy with a disclosure deadline', () => {
    for (const policy of [SPEC11, SPEC11_DRAFT, STACKLOK]) {
      const text = render(policy);
      expect(text).not.toContain('whether or not a fix exists');
      expect(text).toContain('published with the fix release, on a day we agree with you');
    }
    const conda = render(CONDA_FORGE);
    expect(conda).toContain('whether or not a fix exists');
    expect(conda).toContain("(as conda-forge's security policy states)");
  });

  it('labels the dates that are project defaults as such', () => {
    expect(render(SPEC11)).toContain('(a target we set: our process document gives no number for it)');
  });
});

describe('acknowledgementSection', () => {
  it('asks for /ack sent on a text to send, and names who confirmed it once they did (issue 17)', () => {
    const manual = acknowledgementSection({ status: 'manual', at: at.toISOString(), why: 'by e-mail', message: 'Hi' });
    expect(manual).toContain('Then comment `/ack sent` on this issue');
    expect(manual).toContain('counts as not acknowledged');
    expect(manual).toContain('> Hi');
    expect(
      acknowledgementSection({ status: 'confirmed', login: 'sirt-member', at: at.toISOString(), via: 'E-mail' }),
    ).toBe(
      '### Acknowledgement\n\nSent to the reporter (E-mail) by `sirt-member`, confirmed with `/ack sent` on 2026-01-06 10:00 UTC.',
    );
    const facts = { key: 'issue-3', repository: null, severity: null, issueUrl: 'https://x/3' };
    expect(notificationText({ ...facts, toSend: true })).toContain('is to be sent by hand');
    expect(notificationText(facts)).toContain(') acknowledged.');
  });
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
    expect(text).toContain('| Severity as reported | none given |');
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
