/**
 * The blameless retrospective opened in the private tracker after the release (SPEC 11 "Notes"; Stacklok: "1-3 days
 * after the Release Date"). The timeline is filled from the tracker state; the prompts are for the team. A project
 * supplies its own through `retrospective-template`, using the fields of RetrospectiveData
 * (src/domain/retrospective.ts).
 */
import type { RetrospectiveData } from '../domain/retrospective.js';
import { builtinTemplate } from './builtin.js';

export const RETROSPECTIVE_TEMPLATE = builtinTemplate<RetrospectiveData>({
  name: 'retrospective (built-in)',
  source: `## {{title}}

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
`,
  samples: [
    {
      title: 'Retrospective: security release example 1.4.2',
      project: 'example',
      version: '1.4.2',
      repository: 'example-org/example',
      policy: 'spec11',
      retrospectiveWithin: '3 days',
      releasedAt: '2026-01-26T16:05:00.000Z',
      dueAt: '2026-01-29T16:05:00.000Z',
      releaseTag: 'v1.4.2',
      releaseUrl: 'https://github.com/example-org/example/releases/tag/v1.4.2',
      announcementUrl: 'https://github.com/example-org/example/discussions/7',
      advisories: [
        {
          ghsaId: 'GHSA-2222-3333-4444',
          cveId: 'CVE-2026-12345',
          id: 'CVE-2026-12345',
          url: 'https://github.com/example-org/example/security/advisories/GHSA-2222-3333-4444',
          summary: 'Path traversal in `extract_archive`',
          severity: 'high',
          score: 7.5,
          tlp: 'AMBER',
          trackingIssue: 12,
          policy: 'spec11',
          timeline: [
            {
              event: 'Acknowledged',
              at: '2026-01-05T11:00:00.000Z',
              took: '2 h',
              due: '2026-01-07T09:00:00.000Z',
              verdict: 'met',
            },
          ],
          deadlinesMet: 1,
          deadlinesLate: 0,
          deadlinesUnrecorded: 0,
        },
      ],
      people: {
        collaborators: ['alice'],
        teams: ['maintainers'],
        fixTeam: ['bob'],
        credits: ['octocat (reporter)'],
      },
    },
  ],
});
