import { describe, expect, it } from '@jest/globals';
import { ANNOUNCEMENT_INPUTS as INPUTS, draftAdvisory as advisory } from './announcement-inputs.js';
import {
  buildAnnouncementData,
  chooseCvss,
  findPlaceholder,
  shownCredits,
  splitSubject,
  validCveId,
  vulnerableVersions,
} from '../../src/domain/announcement.js';
import { ZERO_WIDTH_JOINER } from '../../src/domain/sanitize.js';
import { assertTemplateFields, compileTemplate, renderTemplate } from '../../src/templates/engine.js';
import { ANNOUNCEMENT_TEMPLATE } from '../../src/templates/announcement.js';

const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const V40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

const range = (vulnerable_version_range: string | null) => ({
  package: { ecosystem: 'pip', name: 'proj' },
  vulnerable_version_range,
  patched_versions: '2.0.1',
});

describe('chooseCvss', () => {
  it('prefers CVSS 4.0 when the advisory has both', () => {
    const both = advisory({
      cvss_severities: { cvss_v3: { vector_string: V31, score: 9.8 }, cvss_v4: { vector_string: V40, score: 9.3 } },
    });
    expect(chooseCvss(both)).toEqual({ version: '4.0', score: 9.3, vector: V40 });
  });

  it('takes 3.1 when there is no 4.0, and the deprecated field last', () => {
    expect(
      chooseCvss(advisory({ cvss_severities: { cvss_v3: { vector_string: V31, score: 9.8 }, cvss_v4: null } })),
    ).toEqual({ version: '3.1', score: 9.8, vector: V31 });
    expect(chooseCvss(advisory({ cvss: { vector_string: V31, score: 9.8 } }))?.version).toBe('3.1');
  });

  it('scores a vector GitHub returned without a score, and gives none for no vector', () => {
    const unscored = advisory({ cvss_severities: { cvss_v4: { vector_string: V40, score: null } } });
    expect(chooseCvss(unscored)?.score).toBe(9.3);
    expect(chooseCvss(advisory({ cvss: { vector_string: null, score: null } }))).toBeNull();
  });
});

describe('ids', () => {
  it('keeps only real CVE ids', () => {
    expect(validCveId('CVE-2026-41234')).toBe('CVE-2026-41234');
    expect(validCveId('CVE-YEAR-ABCDEF')).toBeNull();
    expect(validCveId(null)).toBeNull();
  });

  it('names an advisory without a CVE by its GHSA id, and lists CVEs first', () => {
    const data = buildAnnouncementData(
      [advisory(), advisory({ ghsa_id: 'GHSA-3333-4444-5555', cve_id: 'CVE-2026-9999' })],
      INPUTS,
    );
    expect(data.advisories.map((a) => a.id)).toEqual(['CVE-2026-9999', 'GHSA-2222-3333-4444']);
    expect(data.allHaveCve).toBe(false);
  });
});

describe('vulnerableVersions', () => {
  const announced = (...ranges: (string | null)[]) =>
    buildAnnouncementData([advisory({ vulnerabilities: ranges.map(range) })], INPUTS).advisories;

  it('uses previous-version when given', () => {
    expect(vulnerableVersions(announced('< 2.0.1'), '2.0.1', '2.0.0')).toEqual({
      previousVersion: '2.0.0',
      vulnerableBelow: '2.0.1',
    });
  });

  it('derives the newest vulnerable version from an inclusive bound', () => {
    expect(vulnerableVersions(announced('>= 1.0, <= 1.9.4', '<= 1.10.0'), '2.0.1', undefined)).toEqual({
      previousVersion: '1.10.0',
      vulnerableBelow: '2.0.1',
    });
  });

  it('says "older than" for an exclusive bound, which beats an equal inclusive one', () => {
    expect(vulnerableVersions(announced('< 2.0.1', '<= 1.9'), '2.0.1', undefined)).toEqual({
      previousVersion: null,
      vulnerableBelow: '2.0.1',
    });
    expect(vulnerableVersions(announced('< 2.0', '<= 2.0'), '2.0.1', undefined).previousVersion).toBe('2.0');
  });

  it('falls back to the new version when no range has an upper bound', () => {
    expect(vulnerableVersions(announced('>= 1.0', null), '2.0.1', undefined)).toEqual({
      previousVersion: null,
      vulnerableBelow: '2.0.1',
    });
  });
});

describe('credits', () => {
  it('never shows a declined credit and words the types', () => {
    const credits = shownCredits({
      credits_detailed: [
        { user: { login: 'a' }, type: 'remediation_developer', state: 'accepted' },
        { user: { login: 'b' }, type: 'finder', state: 'declined' },
        { user: { login: 'c' }, type: 'reporter', state: 'pending' },
      ],
    });
    expect(credits).toEqual([
      { login: 'a', type: 'remediation developer' },
      { login: 'c', type: 'reporter' },
    ]);
  });
});

describe('subject and placeholders', () => {
  it('takes the subject from the first line and tidies the body', () => {
    expect(splitSubject('Subject: Hello 1.0\n\n\n\nBody\n\n\n\nmore\n\n', 'fallback')).toEqual({
      subject: 'Hello 1.0',
      to: null,
      body: 'Body\n\nmore\n',
    });
    expect(splitSubject('No subject line\n', 'fallback')).toEqual({
      subject: 'fallback',
      to: null,
      body: 'No subject line\n',
    });
    expect(splitSubject('Subject: Hello\nTo: a@example.org\n\nBody\nTo: not a header\n', 'fallback')).toEqual({
      subject: 'Hello',
      to: 'a@example.org',
      body: 'Body\nTo: not a header\n',
    });
  });

  it("finds SPEC 11's unfilled placeholders", () => {
    expect(findPlaceholder('* CVE-YEAR-ABCDEF (CVSS score 9)')).toBe('CVE-YEAR-ABCDEF');
    expect(findPlaceholder('Run `$PROJECT --version`')).toBe('$PROJECT');
    expect(findPlaceholder('* CVE-2026-1 ($5 bounty)')).toBeUndefined();
  });
});

describe('the built-in announcement template', () => {
  it('uses only the documented fields', () => {
    expect(() =>
      assertTemplateFields(ANNOUNCEMENT_TEMPLATE.source, 'built-in', ANNOUNCEMENT_TEMPLATE.fields),
    ).not.toThrow();
  });

  it('renders with every optional value null, without a blank or a placeholder', () => {
    const data = buildAnnouncementData([advisory({ severity: 'low' })], INPUTS);
    const text = renderTemplate(compileTemplate(ANNOUNCEMENT_TEMPLATE.source, 'built-in'), data);
    expect(text).toContain('* GHSA-2222-3333-4444 (severity: low): A summary');
    expect(text).toContain('If the installed version of proj is a version older than 2.0.1');
    expect(text).toContain('Upgrade proj to 2.0.1 or later with the tool you installed it with.');
    expect(text).not.toContain('How do I mitigate');
    expect(text).not.toContain('null');
    expect(findPlaceholder(text)).toBeUndefined();
  });

  it('makes a hostile summary inert', () => {
    const summary = 'Ping @everyone <img src=x onerror=alert(1)> [click](https://evil.example) {{project}}';
    const data = buildAnnouncementData([advisory({ summary })], INPUTS);
    const text = renderTemplate(compileTemplate(ANNOUNCEMENT_TEMPLATE.source, 'built-in'), data);
    expect(text).toContain(`@${ZERO_WIDTH_JOINER}everyone`);
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain('\\[click\\](https\\://evil.example)');
    expect(text).toContain('{{project}}');
  });
});
