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
  source: `Subject: Security release of {{project}} {{version}} is now available

Hello {{project}} Community,

The Security Incident Response Team and maintainers of {{project}} would like
to announce the availability of {{project}} {{version}}.

This addresses the following {{#if allHaveCve}}CVE(s){{else}}vulnerabilities{{/if}}:

{{#each advisories}}
* {{id}} ({{#if cvss}}CVSS score {{cvss.score}}, {{severity}}{{else}}severity: {{severity}}{{/if}}): {{md summary}}
{{/each}}
{{#unless allHaveCve}}

A vulnerability that has no CVE id yet is listed by its GitHub Security Advisory (GHSA) id.
{{/unless}}

Upgrading to {{version}} is encouraged to fix these issues.

**Am I vulnerable?**

{{#if versionCommand}}Run {{code versionCommand}} and if it indicates{{else}}If the installed version of {{project}} is{{/if}} {{#if previousVersion}}a base version of {{previousVersion}} or older{{else}}a version older than {{vulnerableBelow}}{{/if}}, that means it is a vulnerable version.
The affected versions of each package are listed under "Vulnerability Details" below.
{{#if mitigation}}

**How do I mitigate the vulnerability?**

{{mitigation}}
{{/if}}

**How do I upgrade?**

{{#if upgradeCommand}}
Upgrade to {{version}} or later: {{code upgradeCommand}}
{{else}}
Upgrade {{project}} to {{version}} or later with the tool you installed it with.
{{/if}}
{{#if releaseUrl}}

The release notes: {{releaseUrl}}
{{/if}}

**Vulnerability Details**

{{#each advisories}}
**{{id}}: {{md summary}}**

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
`,
  samples: [
    {
      project: 'example',
      version: '1.4.2',
      repository: 'example-org/example',
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
        },
      ],
    },
  ],
});
