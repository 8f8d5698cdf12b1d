/**
 * SPEC 11's announcement template (seeds/003, "A template of the announcement could be"), in Handlebars. The first
 * line is the subject. A project supplies its own through the `template` input: the fields are ANNOUNCEMENT_FIELDS
 * of src/domain/announcement.ts, optional ones are null (test them with `{{#if}}`), and advisory text (the summary)
 * goes through `{{md ...}}`.
 *
 * `id` is the CVE id, or the advisory's GHSA id when no CVE has been assigned: the announcement never shows a made-up
 * id, and says so when it lists a GHSA id.
 */
export const ANNOUNCEMENT_TEMPLATE_NAME = 'announcement (built-in)';

export const ANNOUNCEMENT_TEMPLATE = `Subject: Security release of {{project}} {{version}} is now available

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
`;
