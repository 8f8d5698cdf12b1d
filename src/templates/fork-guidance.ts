/**
 * The `fork` section of the tracking issue: where the fix is made, and how to test it when CI cannot run there.
 * Rendered with the strict templates of `src/templates/engine.ts`; a project can supply its own through the
 * `guidance-template` input, using the fields of ForkGuidanceData.
 */
import { builtinTemplate } from './builtin.js';

export interface ForkGuidanceData {
  readonly ghsaId: string;
  /** `owner/name` of the advisory's repository. */
  readonly repository: string;
  /** `owner/name` of the temporary private fork. */
  readonly fork: string;
  readonly forkUrl: string;
  readonly cloneUrl: string;
  /** The `test-command` input; null when not given. */
  readonly testCommand: string | null;
}

export const FORK_GUIDANCE_TEMPLATE = builtinTemplate<ForkGuidanceData>({
  name: 'fork-guidance',
  source: `### Temporary private fork

The fix for {{ghsaId}} is made in the advisory's temporary private fork [{{fork}}]({{forkUrl}}) of {{repository}}.
Only the advisory's collaborators can see it; add people to the advisory to give them access.

\`\`\`sh
git clone {{cloneUrl}}
\`\`\`

> [!IMPORTANT]
> **CI does not run in temporary private forks.** GitHub Actions workflows, status checks and other integrations do
> not run there, so no check will tell you that the fix builds and passes. Test it yourself before merging:

1. Run the project's tests locally on the fix branch{{#if testCommand}}: {{code testCommand}}{{else}}, with the same commands as the project's CI workflow (see \`.github/workflows/\`){{/if}}.
2. Run the CI workflows locally with [\`act\`](https://github.com/nektos/act) (needs Docker): \`act -l\` lists the jobs,
   \`act pull_request\` runs what a pull request would, \`act -j <job>\` runs one job. Secrets stay on your machine:
   pass them with \`act -s NAME\`, never commit them.
3. Open the pull request in the fork and merge it from the advisory page once the release is ready; the CI of
   {{repository}} runs on the default branch after the merge.

The fork is deleted once the advisory is published or closed (\`create-temp-fork\` with \`mode: cleanup\`).
`,
  samples: [
    {
      ghsaId: 'GHSA-2222-3333-4444',
      repository: 'example-org/example',
      fork: 'example-org/example-ghsa-2222-3333-4444',
      forkUrl: 'https://github.com/example-org/example-ghsa-2222-3333-4444',
      cloneUrl: 'https://github.com/example-org/example-ghsa-2222-3333-4444.git',
      testCommand: 'npm test',
    },
    {
      ghsaId: 'GHSA-2222-3333-4444',
      repository: 'example-org/example',
      fork: 'example-org/example-ghsa-2222-3333-4444',
      forkUrl: 'https://github.com/example-org/example-ghsa-2222-3333-4444',
      cloneUrl: 'https://github.com/example-org/example-ghsa-2222-3333-4444.git',
      testCommand: null,
    },
  ],
});
