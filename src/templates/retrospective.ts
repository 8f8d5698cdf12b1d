/**
 * The blameless retrospective opened in the private tracker after the release (SPEC 11 "Notes"; Stacklok: "1-3 days
 * after the Release Date"). The timeline is filled from the tracker state; the prompts are for the team. A project
 * supplies its own through `retrospective-template` with the fields RETROSPECTIVE_FIELDS of
 * src/domain/retrospective.ts.
 */
export const RETROSPECTIVE_TEMPLATE_NAME = 'retrospective (built-in)';

export const RETROSPECTIVE_TEMPLATE = `## {{title}}

A blameless look back at the security release of {{project}} {{version}} ({{code repository}}), released
{{date releasedAt}}. **Due {{date dueAt}}** (policy {{code policy}}: within {{retrospectiveWithin}} of the release).

We look at what the process and the tools made easy or hard, not at who did what wrong. Everything below the
timelines is for the team to fill in; link pull requests and discussions where they help.

### The release

- Release: {{#if releaseUrl}}[{{default releaseTag version}}]({{releaseUrl}}){{else}}no GitHub release was updated{{/if}}
- Announcement: {{#if announcementUrl}}{{announcementUrl}}{{else}}not posted by the workflow{{/if}}
- Advisories:
{{#each advisories}}
  - [{{id}}]({{url}}){{#if cveId}} ({{ghsaId}}){{/if}}: {{md summary}}; severity {{severity}}{{#if score}}, CVSS {{score}}{{/if}}{{#if tlp}}, TLP:{{tlp}}{{/if}}{{#if trackingIssue}}; tracking issue #{{trackingIssue}}{{/if}}
{{/each}}

{{#each advisories}}
### Timeline of {{id}}

Deadlines of policy {{code policy}}: {{deadlinesMet}} met, {{deadlinesLate}} late, {{deadlinesUnrecorded}} with no record of
when the step was done.

| Step | When | After the report | Deadline | Met? |
|---|---|---|---|---|
{{#each timeline}}
| {{event}} | {{#if at}}{{date at}}{{else}}not recorded{{/if}} | {{default took "-"}} | {{#if due}}{{date due}}{{else}}-{{/if}} | {{verdict}} |
{{/each}}

{{/each}}
### People involved

- Collaborators on the advisories: {{#if people.collaborators}}{{join people.collaborators}}{{else}}none recorded{{/if}}
- Teams on the advisories: {{#if people.teams}}{{join people.teams}}{{else}}none recorded{{/if}}
- Fix team: {{#if people.fixTeam}}{{join people.fixTeam}}{{else}}none recorded{{/if}}
- Credited: {{#if people.credits}}{{join people.credits}}{{else}}nobody (yet){{/if}}

### What went well?

-

### What was slow or hard? (Which deadline slipped, and what was in the way?)

-

### What will we change? (Process, tools, documentation: each with an owner)

- [ ]

### Could a similar vulnerability exist elsewhere? (Variants, other projects, tests to add)

-

Close this issue when the retrospective is done.
`;
