/**
 * The parts of src/domain/announcement.ts and src/domain/acknowledgement.ts that the mutation run found unguarded:
 * the CVSS version read from a vector (odd prefixes, a vector no score can be made from), packages GitHub leaves
 * unnamed, credits a reporter declined on the tracker, descriptions with CR line ends, empty or odd headings and runs
 * of blank lines, the order of advisories with and without a CVE, the oldest version released, the release link,
 * the headers of a rendered announcement (leading blank lines, `To:` first or alone, trailing blanks), the default
 * subject, the blog post, and the exact text of an acknowledgement a person must send.
 */
import { describe, expect, it } from '@jest/globals';
import { ANNOUNCEMENT_INPUTS as INPUTS, draftAdvisory as advisory } from './announcement-inputs.js';
import { acknowledgementSection } from '../../src/domain/acknowledgement.js';
import {
  announcedAdvisory,
  blogPost,
  buildAnnouncementData,
  chooseCvss,
  creditNamesOf,
  defaultSubject,
  splitDescription,
  splitSubject,
  type AdvisoryRecord,
} from '../../src/domain/announcement.js';

const withCvss = (vector_string: string, score: number | null) => advisory({ cvss: { vector_string, score } });

describe('the CVSS version named in the announcement', () => {
  it('is read from a CVSS:<major>.<minor>/ prefix, numbers of any length', () => {
    expect(chooseCvss(withCvss('CVSS:10.0/AV:N', 7.5))?.version).toBe('10.0');
    expect(chooseCvss(withCvss('CVSS:3.10/AV:N', 7.5))?.version).toBe('3.10');
  });

  it('is "unknown" when the vector does not start with the prefix, even if it holds one further on', () => {
    expect(chooseCvss(withCvss('AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8))).toEqual({
      version: 'unknown',
      score: 9.8,
      vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    });
    expect(chooseCvss(withCvss('XCVSS:3.1/AV:N', 5))?.version).toBe('unknown');
  });

  it('is left out when the vector has no score and none can be computed, falling back to the next vector', () => {
    expect(chooseCvss(withCvss('CVSS:3.1/nonsense', null))).toBeNull();
    const v31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
    const fallback = advisory({
      cvss_severities: { cvss_v4: { vector_string: 'CVSS:4.0/nonsense', score: null }, cvss_v3: null },
      cvss: { vector_string: v31, score: 9.8 },
    });
    expect(chooseCvss(fallback)).toEqual({ version: '3.1', score: 9.8, vector: v31 });
  });
});

describe('the packages of an advisory', () => {
  it('name a package GitHub gives without ecosystem or name as "unnamed package" of "other"', () => {
    const unnamed = advisory({
      vulnerabilities: [
        { package: null, vulnerable_version_range: '< 1.0', patched_versions: '1.0' },
        { package: { ecosystem: 'pip', name: null }, vulnerable_version_range: null, patched_versions: null },
      ],
    });
    expect(announcedAdvisory(unnamed).packages).toEqual([
      { ecosystem: 'other', name: 'unnamed package', vulnerableRange: '< 1.0', patchedVersions: '1.0' },
      { ecosystem: 'pip', name: 'unnamed package', vulnerableRange: null, patchedVersions: null },
    ]);
  });

  it('are none when GitHub gives no vulnerabilities at all', () => {
    expect(announcedAdvisory(advisory({ vulnerabilities: null })).packages).toEqual([]);
  });
});

describe('credits', () => {
  const alice = { login: 'alice', type: 'reporter' };
  const bob = { login: 'Bob', type: 'finder' };

  it('add the recorded reporter when the advisory does not credit them yet', () => {
    expect(creditNamesOf([alice], { login: 'carol' })).toEqual(['alice (reporter)', 'carol (reporter)']);
  });

  it('take off only the reporter who declined on the tracker, whatever the case of the login', () => {
    expect(creditNamesOf([alice, bob], { login: 'bob', declined: true })).toEqual(['alice (reporter)']);
  });

  it('shown by the advisory leave out the reporter who declined on the tracker, and only them', () => {
    const credited = advisory({
      credits_detailed: [
        { user: { login: 'alice' }, type: 'reporter', state: 'accepted' },
        { user: { login: 'Bob' }, type: 'remediation_developer', state: 'accepted' },
      ],
    });
    const announced = announcedAdvisory(credited, { login: 'bob', declined: true });
    expect(announced.credits).toEqual([{ login: 'alice', type: 'reporter' }]);
    expect(announced.creditNames).toEqual(['alice (reporter)']);
    expect(announcedAdvisory(credited).credits).toEqual([
      { login: 'alice', type: 'reporter' },
      { login: 'Bob', type: 'remediation developer' },
    ]);
  });
});

describe('the description of an advisory', () => {
  it('reads old Mac (CR) and Windows (CRLF) line ends as line breaks', () => {
    expect(splitDescription('### Impact\rRemote code execution.\r### Patches\rFixed in 1.2.')).toEqual({
      description: 'Patches:\nFixed in 1.2.',
      impact: 'Remote code execution.',
    });
    expect(splitDescription('First line.\r\nSecond line.')).toEqual({
      description: 'First line.\nSecond line.',
      impact: null,
    });
  });

  it('recognises the Impact heading despite a trailing no-break space, but not a heading that merely mentions impact', () => {
    expect(splitDescription('### Impact\u00a0\nData loss.')).toEqual({ description: null, impact: 'Data loss.' });
    expect(splitDescription('### Security impact\nData loss.')).toEqual({
      description: 'Security impact:\nData loss.',
      impact: null,
    });
    expect(splitDescription('### Impacted versions\nAll of them.')).toEqual({
      description: 'Impacted versions:\nAll of them.',
      impact: null,
    });
  });

  it('drops an empty heading and writes a heading as one colon-ended line, keeping inner colons', () => {
    expect(splitDescription('Before.\n### \nAfter.')).toEqual({ description: 'Before.\nAfter.', impact: null });
    expect(splitDescription('### Patches:\nFixed.\n### Note: workarounds\nNone.')).toEqual({
      description: 'Patches:\nFixed.\nNote: workarounds:\nNone.',
      impact: null,
    });
  });

  it('keeps at most one blank line in a row', () => {
    expect(splitDescription('One.\n\n\n\nTwo.')).toEqual({ description: 'One.\n\nTwo.', impact: null });
  });
});

describe('the announcement data', () => {
  const noCve = (ghsa_id: string) => advisory({ ghsa_id });
  const cve = (cve_id: string, ghsa_id: string) => advisory({ cve_id, ghsa_id });

  it('lists advisories with a CVE first, then those without one in id order, whatever order GitHub gives', () => {
    const ids = (advisories: AdvisoryRecord[]) =>
      buildAnnouncementData(advisories, INPUTS).advisories.map((announced) => announced.id);
    expect(ids([noCve('GHSA-zzzz-zzzz-zzzz'), noCve('GHSA-aaaa-aaaa-aaaa')])).toEqual([
      'GHSA-aaaa-aaaa-aaaa',
      'GHSA-zzzz-zzzz-zzzz',
    ]);
    expect(ids([cve('CVE-2026-1234', 'GHSA-cccc-cccc-cccc'), noCve('GHSA-aaaa-aaaa-aaaa')])).toEqual([
      'CVE-2026-1234',
      'GHSA-aaaa-aaaa-aaaa',
    ]);
  });

  it('calls vulnerable the versions older than the oldest line released when nothing else says', () => {
    const data = buildAnnouncementData([advisory()], {
      ...INPUTS,
      version: '2.3.1 and 1.9.7',
      versions: ['2.3.1', '1.9.7'],
    });
    expect(data.previousVersion).toBeNull();
    expect(data.vulnerableBelow).toBe('1.9.7');
  });

  it("links the newest line's release", () => {
    const releaseUrl = 'https://github.com/o/r/releases/tag/v2.0.1';
    expect(buildAnnouncementData([advisory()], { ...INPUTS, releaseUrls: [releaseUrl] }).releaseUrl).toBe(releaseUrl);
  });
});

describe('the headers of a rendered announcement', () => {
  it('are found after leading blank lines', () => {
    expect(splitSubject('\n\nSubject: Fixed\n\nBody.', 'Fallback')).toEqual({
      subject: 'Fixed',
      to: null,
      body: 'Body.\n',
    });
  });

  it('may start with To: before the Subject:', () => {
    expect(splitSubject('To: list@example.org\nSubject: Fixed\n\nBody.', 'Fallback')).toEqual({
      subject: 'Fixed',
      to: 'list@example.org',
      body: 'Body.\n',
    });
  });

  it('lose trailing blanks', () => {
    expect(splitSubject('Subject: Fixed  \t\nTo: list@example.org  \n\nBody.', 'Fallback')).toEqual({
      subject: 'Fixed',
      to: 'list@example.org',
      body: 'Body.\n',
    });
  });

  it('are not headers without a Subject: line: the fallback subject, the text kept whole', () => {
    expect(splitSubject('To: list@example.org\n\nBody.', 'Fallback')).toEqual({
      subject: 'Fallback',
      to: null,
      body: 'To: list@example.org\n\nBody.\n',
    });
  });

  it('get a default subject naming the project and the version', () => {
    expect(defaultSubject('numpy', '2.3.1 and 1.9.7')).toBe(
      'Security release of numpy 2.3.1 and 1.9.7 is now available',
    );
  });
});

describe('the blog post', () => {
  it('is front matter with the quoted subject as title and the day, then the body', () => {
    const post = blogPost({ subject: 'Security release: "proj" 2.0.1', to: null, body: 'Body.\n' }, '2026-01-26');
    expect(post).toBe('---\ntitle: "Security release: \\"proj\\" 2.0.1"\ndate: 2026-01-26\n---\n\nBody.\n');
  });
});

describe('the acknowledgement a person must send', () => {
  it('is an IMPORTANT note saying how and when, a blank line, then the message quoted', () => {
    const section = acknowledgementSection({
      status: 'manual',
      at: '2026-01-06T10:00:00Z',
      why: 'the report came by e-mail',
      message: 'Hello,\n\nThanks.',
    });
    expect(section).toBe(
      [
        '### Acknowledgement',
        '',
        '> [!IMPORTANT]',
        '> **Send this acknowledgement to the reporter yourself**, through the channel the report came in (the report came by e-mail).',
        '> Prepared 2026-01-06 10:00 UTC. Then comment `/ack sent` on this issue: until a member of the response team does, the report counts as not acknowledged (sla-check escalates it like any deadline).',
        '',
        '> Hello,',
        '>',
        '> Thanks.',
      ].join('\n'),
    );
  });
});
