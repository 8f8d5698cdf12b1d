/**
 * SPEC 11's announcement template (seeds/003, "A template of the announcement could be"), in Handlebars. The first
 * line is the subject. A project supplies its own through the `template` input: the fields are those of
 * AnnouncementData (src/domain/announcement.ts), optional ones are null (test them with `{{#if}}`), and advisory
 * text (the summary) goes through `{{md ...}}`.
 *
 * `id` is the CVE id, or the advisory's GHSA id when no CVE has been assigned: the announcement never shows a made-up
 * id, and says so when it lists a GHSA id.
 */
import type { AnnouncementData } from '../domain/announcement.js';
import { builtinTemplate } from './builtin.js';

export const ANNOUNCEMENT_TEMPLATE = builtinTemplate<AnnouncementData>({
  name: 'announcement (built-in)',
  source: `Subject: {{#if fixed}}Security release of {{project}} {{version}} is now available{{else}}Security advisory for {{project}}: {{#if single}}a vulnerability{{else}}vulnerabilities{{/if}} disclosed without a fix{{/if}}
{{#if recipients}}
To: {{recipients}}
{{/if}}

Hello {{project}} Community,

{{#if fixed}}
The {{teamName}} and maintainers of {{project}} would like
to announce the availability of {{project}} {{version}}.
{{else}}
The {{teamName}} and maintainers of {{project}} are disclosing
{{#if single}}a vulnerability{{else}}vulnerabilities{{/if}} in {{project}} for which no fixed version is available yet.
{{/if}}

This {{#if fixed}}addresses{{else}}discloses{{/if}} the following {{#if allHaveCve}}{{#if single}}CVE{{else}}CVEs{{/if}}{{else}}{{#if single}}vulnerability{{else}}vulnerabilities{{/if}}{{/if}}:

{{#each advisories}}
* {{id}} ({{#if cvss}}CVSS score {{cvss.score}}, {{severity}}{{else}}severity: {{severity}}{{/if}}): {{md summary}}
{{/each}}
{{#unless allHaveCve}}

A vulnerability that has no CVE id yet is listed by its GitHub Security Advisory (GHSA) id.
{{/unless}}

{{#if fixed}}
{{#if severalLines}}
A patched version is released for each supported release line:

{{#each lines}}
* the {{line}} line: {{version}}
{{/each}}

Upgrading to the patched version of your release line is encouraged to fix {{#if single}}this issue{{else}}these issues{{/if}}.
{{else}}
Upgrading to {{version}} is encouraged to fix {{#if single}}this issue{{else}}these issues{{/if}}.
{{/if}}
{{#if unfixedLines}}

Supported release lines without a patch release: {{join unfixedLines ", "}}. Their users should upgrade to a patched line, or apply the mitigation below.
{{/if}}
{{else}}
There is no fixed version yet: every version in the affected ranges below is vulnerable. Apply the mitigation below until a fix is released.

Why this is disclosed now: {{noFixReason}}
{{/if}}

**Am I vulnerable?**

{{#if fixed}}
{{#if severalLines}}
{{#if versionCommand}}Run {{code versionCommand}} to see the installed version{{else}}Check the installed version of {{project}}{{/if}}: it is vulnerable if it is older than the patched version of its release line:

{{#each lines}}
* the {{line}} line: versions older than {{version}}
{{/each}}

{{else}}
{{#if versionCommand}}Run {{code versionCommand}} and if it indicates{{else}}If the installed version of {{project}} is{{/if}} {{#if previousVersion}}a base version of {{previousVersion}} or older{{else}}a version older than {{vulnerableBelow}}{{/if}}, that means it is a vulnerable version.
{{/if}}
{{else}}
{{#if versionCommand}}Run {{code versionCommand}} to see the installed version: {{/if}}every version in the affected ranges is vulnerable.
{{/if}}
The affected versions of each package are listed under "Vulnerability Details" below.
{{#if vulnerableConfiguration}}

{{vulnerableConfiguration}}
{{/if}}
{{#if mitigation}}

**How do I mitigate the vulnerability?**

{{mitigation}}
{{/if}}

**How do I upgrade?**

{{#if fixed}}
{{#if upgradeCommand}}
Upgrade to {{version}} or later: {{code upgradeCommand}}
{{else}}
{{#if upgrades}}
{{#each upgrades}}
* {{manager}}: {{code command}}
{{/each}}
{{else}}
Upgrade {{project}} to {{version}} or later with the tool you installed it with.
{{/if}}
{{/if}}
{{#each lines}}
{{#if releaseUrl}}

The release notes of {{version}}: {{releaseUrl}}
{{/if}}
{{#if binaries}}

The files of {{version}}, each with its detached signature where one is published:
{{#each binaries}}
* {{name}}: {{url}}{{#if signatureUrl}} (signature: {{signatureUrl}}){{/if}}
{{/each}}
{{/if}}
{{/each}}
{{else}}
There is nothing to upgrade to yet. The advisories below will name the patched versions once a fix is released, and it will be announced here.
{{/if}}

**Vulnerability Details**

{{#each advisories}}
**{{id}}: {{md summary}}**

{{#if impact}}
Impact: {{md impact}}

{{/if}}
{{#if description}}
{{md description}}

{{/if}}
* Advisory: [{{ghsaId}}]({{url}})
{{#if cveId}}
* CVE: [{{cveId}}](https://www.cve.org/CVERecord?id={{cveId}})
{{/if}}
* Severity: {{severity}}{{#if cvss}}; CVSS {{cvss.version}} base score {{cvss.score}} ({{code cvss.vector}}){{/if}}
{{#each packages}}
* Affected: {{code name}} ({{ecosystem}}) {{#if vulnerableRange}}{{code vulnerableRange}}{{else}}all versions{{/if}}; patched in {{#if patchedVersions}}{{code patchedVersions}}{{else}}no version yet{{/if}}
{{/each}}
{{#if weaknesses}}
* Weakness: {{join weaknesses "; "}}
{{/if}}
{{#if creditNames}}
* Credits: {{join creditNames}}
{{/if}}

{{/each}}
Thank you,

The {{project}} {{teamName}}
{{day}}
`,
  samples: [
    {
      project: 'example',
      version: '1.4.2',
      repository: 'example-org/example',
      fixed: true,
      noFixReason: 'The 90-day disclosure deadline was reached.',
      lines: [
        {
          line: '1.4',
          version: '1.4.2',
          releaseUrl: 'https://github.com/example-org/example/releases/tag/v1.4.2',
          binaries: [
            {
              name: 'example-1.4.2.tar.gz',
              url: 'https://github.com/example-org/example/releases/download/v1.4.2/example-1.4.2.tar.gz',
              signatureUrl: 'https://github.com/example-org/example/releases/download/v1.4.2/example-1.4.2.tar.gz.asc',
            },
          ],
        },
      ],
      severalLines: false,
      unfixedLines: ['1.3'],
      recipients: 'example-announce@example.org',
      teamName: 'Security Incident Response Team',
      day: '2026-01-26',
      vulnerableConfiguration: 'Only applications that extract archives from untrusted sources are affected.',
      upgrades: [{ manager: 'pip', command: 'pip install --upgrade "example==1.4.2"' }],
      single: true,
      previousVersion: '1.4.1',
      vulnerableBelow: '1.4.2',
      upgradeCommand: 'pip install --upgrade example',
      versionCommand: 'example --version',
      mitigation: 'Do not extract archives from untrusted sources.',
      releaseUrl: 'https://github.com/example-org/example/releases/tag/v1.4.2',
      allHaveCve: true,
      advisories: [
        {
          ghsaId: 'GHSA-2222-3333-4444',
          cveId: 'CVE-2026-12345',
          id: 'CVE-2026-12345',
          url: 'https://github.com/example-org/example/security/advisories/GHSA-2222-3333-4444',
          summary: 'Path traversal in `extract_archive`',
          severity: 'high',
          cvss: { version: '3.1', score: 7.5, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N' },
          packages: [
            { ecosystem: 'pip', name: 'example', vulnerableRange: '>= 1.0.0, < 1.4.2', patchedVersions: '1.4.2' },
          ],
          weaknesses: ['CWE-22: Improper Limitation of a Pathname to a Restricted Directory'],
          credits: [{ login: 'octocat', type: 'reporter' }],
          creditNames: ['octocat (reporter)'],
          description: 'Extracting a crafted archive writes outside the target directory.',
          impact: 'An attacker who supplies an archive can overwrite files the process can write.',
        },
      ],
    },
  ],
});
