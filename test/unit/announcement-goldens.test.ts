/**
 * The complete announcement, rendered from the built-in template, checked against explicit expected files
 * (test/fixtures/announcements/unit/*.eml: the mailing-list message, To and Subject included). `UPDATE_GOLDEN=1`
 * rewrites them; review the diff.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildAnnouncementData,
  defaultSubject,
  mailingListMessage,
  splitSubject,
  type AdvisoryRecord,
  type AnnouncementInputs,
} from '../../src/domain/announcement.js';
import { PRESETS, PRESET_NAMES } from '../../src/domain/policy/presets.js';
import type { ReporterCredit } from '../../src/domain/tracker-state.js';
import { compileTemplate, renderTemplate } from '../../src/templates/engine.js';
import { ANNOUNCEMENT_TEMPLATE } from '../../src/templates/announcement.js';

const GOLDEN_DIR = fileURLToPath(new URL('../fixtures/announcements/unit/', import.meta.url));
const REPO = 'https://github.com/sample-org/sample-project';
const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N';
const V40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N';

function advisory(ghsa: string, partial: Partial<AdvisoryRecord>): AdvisoryRecord {
  return {
    ghsa_id: ghsa,
    cve_id: null,
    html_url: `${REPO}/security/advisories/${ghsa}`,
    summary: 'A summary',
    severity: 'high',
    state: 'published',
    published_at: '2026-01-26T16:05:00Z',
    vulnerabilities: [],
    ...partial,
  };
}

const PATH_TRAVERSAL = advisory('GHSA-j6mr-gf34-2222', {
  cve_id: 'CVE-2026-41234',
  summary: 'Path traversal in `extract_archive` writes files outside the target directory',
  description: [
    '### Impact',
    'An archive from an untrusted source can overwrite any file the process may write.',
    '',
    '### Patches',
    'Fixed in 1.4.2.',
    '',
    '### Workarounds',
    'Do not extract archives from untrusted sources.',
  ].join('\n'),
  cvss_severities: { cvss_v3: { vector_string: V31, score: 8.2 }, cvss_v4: null },
  cwes: [{ cwe_id: 'CWE-22', name: 'Path Traversal' }],
  credits_detailed: [{ user: { login: 'reporter-rita' }, type: 'reporter', state: 'accepted' }],
  vulnerabilities: [
    {
      package: { ecosystem: 'pip', name: 'sample-project' },
      vulnerable_version_range: '>= 1.0.0, < 1.4.2',
      patched_versions: '1.4.2',
    },
  ],
});

/** Two CVEs across two release lines: 2.3.1 and 1.9.7. */
const TWO_LINES = [
  advisory('GHSA-j6mr-gf34-3333', {
    cve_id: 'CVE-2026-50001',
    summary: 'Path traversal in `extract_archive`',
    description:
      '### Impact\nArchives can write outside the target directory.\n\n### Patches\nFixed in 2.3.1 and 1.9.7.',
    cvss_severities: { cvss_v3: { vector_string: V31, score: 8.2 }, cvss_v4: null },
    credits_detailed: [{ user: { login: 'reporter-rita' }, type: 'reporter', state: 'accepted' }],
    vulnerabilities: [
      {
        package: { ecosystem: 'pip', name: 'sample-project' },
        vulnerable_version_range: '< 2.3.1',
        patched_versions: '2.3.1, 1.9.7',
      },
    ],
  }),
  advisory('GHSA-mj43-3x46-3333', {
    cve_id: 'CVE-2026-50002',
    summary: 'Denial of service through deeply nested YAML documents',
    description: 'A deeply nested document exhausts the stack.',
    cvss_severities: { cvss_v3: null, cvss_v4: { vector_string: V40, score: 8.7 } },
    credits_detailed: [{ user: { login: 'carol' }, type: 'finder', state: 'pending' }],
    vulnerabilities: [
      {
        package: { ecosystem: 'pip', name: 'sample-project' },
        vulnerable_version_range: '>= 1.5.0, < 2.3.1',
        patched_versions: '2.3.1, 1.9.7',
      },
    ],
  }),
];

const UNFIXED = advisory('GHSA-x4pq-7r2w-4444', {
  cve_id: 'CVE-2026-50100',
  summary: 'Unbounded memory use when parsing recursive references',
  description: '### Impact\nA crafted document makes the parser allocate without bound.',
  cvss_severities: { cvss_v3: { vector_string: V31, score: 7.5 }, cvss_v4: null },
  vulnerabilities: [
    { package: { ecosystem: 'pip', name: 'sample-project' }, vulnerable_version_range: '>= 0', patched_versions: null },
  ],
});

function inputs(partial: Partial<AnnouncementInputs> = {}): AnnouncementInputs {
  return {
    project: 'sample-project',
    version: '1.4.2',
    versions: ['1.4.2'],
    previousVersion: undefined,
    upgradeCommand: undefined,
    versionCommand: 'python -c "import sample_project; print(sample_project.__version__)"',
    mitigation: undefined,
    vulnerableConfiguration: undefined,
    recipients: 'sample-project-announce@example.org',
    teamName: undefined,
    packageManagers: [],
    noFixReason: undefined,
    unfixedLines: [],
    repository: 'sample-org/sample-project',
    releaseUrls: [`${REPO}/releases/tag/v1.4.2`],
    policyTeamName: PRESETS.spec11.teamName,
    recordedCredits: new Map(),
    now: new Date('2026-01-26T16:05:00Z'),
    ...partial,
  };
}

function rendered(advisories: readonly AdvisoryRecord[], given: AnnouncementInputs): string {
  const data = buildAnnouncementData(advisories, given);
  const text = renderTemplate(compileTemplate(ANNOUNCEMENT_TEMPLATE.source, 'built-in'), data);
  return mailingListMessage(splitSubject(text, defaultSubject(data.project, data.version)));
}

function expectGolden(file: string, text: string): void {
  const path = join(GOLDEN_DIR, file);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, text);
  }
  expect(existsSync(path)).toBe(true);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

/** A release's files as GitHub lists them. */
const assets = (tag: string, names: readonly string[]) =>
  names.map((name) => ({ name, browser_download_url: `${REPO}/releases/download/${tag}/${name}` }));

const credit = (value: ReporterCredit, ghsa = PATH_TRAVERSAL.ghsa_id) => new Map([[ghsa, value]]);

describe('the complete announcement (goldens)', () => {
  it.each(PRESET_NAMES)('preset %s: the team named as its process document names it', (name) => {
    const policy = PRESETS[name];
    const text = rendered(
      [PATH_TRAVERSAL],
      inputs({
        policyTeamName: policy.teamName,
        packageManagers: name === 'conda-forge' ? ['conda', 'pip'] : [],
      }),
    );
    expectGolden(`preset-${name}.eml`, text);
  });

  it('one CVE: singular, credits from the advisory and the tracker (a reporter without a GitHub account)', () => {
    const text = rendered(
      [PATH_TRAVERSAL],
      inputs({
        mitigation: 'Do not extract archives from untrusted sources.',
        vulnerableConfiguration:
          'Only applications that call `extract_archive` on archives they did not create are affected.',
        recordedCredits: credit({ name: 'Dana Example', type: 'finder' }),
      }),
    );
    expectGolden('one-cve.eml', text);
  });

  it('several CVEs across two release lines, the files of each release with their signatures', () => {
    const text = rendered(
      TWO_LINES,
      inputs({
        version: '2.3.1 and 1.9.7',
        versions: ['2.3.1', '1.9.7'],
        releaseUrls: [`${REPO}/releases/tag/v2.3.1`, `${REPO}/releases/tag/v1.9.7`],
        releaseAssets: [
          assets('v2.3.1', ['sample-project-2.3.1.tar.gz', 'sample-project-2.3.1.tar.gz.asc']),
          assets('v1.9.7', ['sample_project-1.9.7-py3-none-any.whl', 'sample_project-1.9.7-py3-none-any.whl.sig']),
        ],
        unfixedLines: ['1.8'],
        mitigation: 'On 1.8, set `SAMPLE_PROJECT_SAFE_EXTRACT=1`.',
      }),
    );
    expectGolden('two-lines-two-cves.eml', text);
  });

  it('no fix: disclosed with a mitigation and the reason, nothing to upgrade to', () => {
    const text = rendered(
      [UNFIXED],
      inputs({
        version: 'without a fix',
        versions: [],
        releaseUrls: [],
        noFixReason: 'The 90-day disclosure deadline was reached.',
        mitigation: 'Reject documents with recursive references (`strict_refs=True`).',
        policyTeamName: PRESETS['conda-forge'].teamName,
      }),
    );
    expectGolden('no-fix.eml', text);
  });

  it('no CVE: listed by its GHSA id, and said so', () => {
    const text = rendered([{ ...PATH_TRAVERSAL, cve_id: null }], inputs({ recipients: undefined }));
    expectGolden('ghsa-only.eml', text);
  });

  it('credit declined: neither the advisory credit nor the tracker credit is shown', () => {
    const declinedOnGitHub = advisory('GHSA-mj43-3x46-2222', {
      cve_id: 'CVE-2026-41300',
      summary: 'Denial of service through deeply nested YAML documents',
      cvss_severities: { cvss_v3: null, cvss_v4: { vector_string: V40, score: 8.7 } },
      credits_detailed: [{ user: { login: 'carol' }, type: 'finder', state: 'declined' }],
      vulnerabilities: [
        {
          package: { ecosystem: 'pip', name: 'sample-project' },
          vulnerable_version_range: '<= 1.4.1',
          patched_versions: '1.4.2',
        },
      ],
    });
    const text = rendered(
      [PATH_TRAVERSAL, declinedOnGitHub],
      inputs({ recordedCredits: credit({ login: 'reporter-rita', declined: true }) }),
    );
    expect(text).not.toContain('reporter-rita');
    expect(text).not.toContain('carol');
    expectGolden('credit-declined.eml', text);
  });
});
