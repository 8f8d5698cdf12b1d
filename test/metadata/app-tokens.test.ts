/**
 * Least privilege by construction: every App token a template (or a README example) mints grants exactly what the
 * actions of its job need by src/actions/permissions.ts, no more and no less: the `permission-*` inputs equal the
 * union of the job's grants, and `repositories:` lists the tracker the workflow runs in and the project repositories
 * it declares, nothing else.
 */
import { describe, expect, it } from '@jest/globals';
import { ACTION_PERMISSIONS } from '../../src/actions/permissions.js';
import { ACTION_NAMES } from '../../src/actions/metadata.generated.js';
import { loadActionFile, ROOT } from './load.js';
import { exampleWorkflows } from './readme-examples.js';
import {
  readWorkflowSource,
  templateSources,
  tokenMismatches,
  tokenUses,
  type WorkflowSource,
} from './workflow-model.js';

function mismatches(source: WorkflowSource): string[] {
  return tokenUses(source.workflow).flatMap((use) => tokenMismatches(source.workflow, use));
}

const templates = templateSources();
const examples = exampleWorkflows();

describe.each([...templates, ...examples].map((source) => [source.name, source] as const))(
  'the App tokens of %s',
  (_, source) => {
    it('grant each job exactly the permissions and repositories its actions need', () => {
      expect(mismatches(source)).toEqual([]);
    });

    it('are minted in every job that runs one of our actions with a token', () => {
      expect(tokenUses(source.workflow).length).toBeGreaterThan(0);
    });
  },
);

describe('the permission table', () => {
  it('has an entry for every action, each mode with a grant, each grant with the requests that need it', () => {
    expect(Object.keys(ACTION_PERMISSIONS).sort()).toEqual([...ACTION_NAMES].sort());
    for (const table of Object.values(ACTION_PERMISSIONS)) {
      for (const mode of table.modes) {
        expect(mode.grants.length).toBeGreaterThan(0);
        for (const grant of mode.grants) expect(grant.for.length).toBeGreaterThan(10);
      }
    }
  });

  it('selects modes by inputs each action.yml declares', () => {
    const inputsOf = (condition: object): string[] =>
      Object.entries(condition).flatMap(([key, value]) =>
        key === 'input' ? [String(value)] : Array.isArray(value) ? value.flatMap((part: object) => inputsOf(part)) : [],
      );
    for (const [name, table] of Object.entries(ACTION_PERMISSIONS)) {
      const declared = Object.keys((loadActionFile(`${ROOT}actions/${name}/action.yml`).raw.inputs ?? {}) as object);
      const used = [
        ...table.modes.flatMap((mode) => inputsOf(mode.when)),
        ...(table.organizationInput ? [table.organizationInput] : []),
        ...(table.optionalRepositories ?? []).flatMap((extra) => inputsOf(extra.when)),
      ];
      expect(used.filter((input) => !declared.includes(input)).map((input) => `${name}: ${input}`)).toEqual([]);
    }
  });
});

/** The check itself: each way a token can grant more or less than its job needs is found. */
describe('a token that grants more or less than its job needs', () => {
  const template = (file: string): WorkflowSource => {
    const found = templates.find((source) => source.name === file);
    if (!found) throw new Error(`no template ${file}`);
    return found;
  };
  const mutated = (file: string, from: string | RegExp, to: string): string[] => {
    const source = template(file);
    const text = source.text.replace(from, to);
    if (text === source.text) throw new Error(`${file}: "${String(from)}" not found`);
    return mismatches(readWorkflowSource(file, text));
  };

  it('is found when a permission is widened', () => {
    expect(
      mutated('security-sla.yml', 'permission-repository-advisories: read', 'permission-repository-advisories: write'),
    ).toEqual(['sweep/app-token: permission-repository-advisories is write, the job needs read']);
  });

  it('is found when a permission is added', () => {
    expect(
      mutated(
        'security-intake.yml',
        'permission-issues: write',
        'permission-issues: write\n          permission-administration: write',
      ),
    ).toEqual(['acknowledge/app-token: permission-administration is write, the job needs none']);
  });

  it('is found when a needed permission is missing', () => {
    expect(
      mutated(
        'security-triage.yml',
        /\n {10}permission-members: read\n {10}permission-repository-advisories: write\n {6}- id: triage/,
        '\n          permission-repository-advisories: write\n      - id: triage',
      ),
    ).toEqual(['triage/app-token: permission-members is absent, the job needs read']);
  });

  it('is found when the token inherits every permission of the installation', () => {
    const found = mutated('security-sla.yml', /\n {10}permission-[^\n]+/g, '');
    expect(found).toContain(
      'sweep/app-token: no permission-* input, so the token has every permission of the installation',
    );
  });

  it('is found when the token reaches every repository, or one too many, or lacks one', () => {
    expect(
      mutated('security-sla.yml', /\n {10}repositories: \$\{\{ env\.DISCLOSURE_TOKEN_REPOSITORIES \}\}/, ''),
    ).toEqual(['sweep/app-token: no repositories input, so the token reaches every repository of the installation']);
    expect(
      mutated(
        'security-sla.yml',
        'DISCLOSURE_TOKEN_REPOSITORIES: security-tracker,my-project',
        'DISCLOSURE_TOKEN_REPOSITORIES: security-tracker,my-project,other',
      ),
    ).toEqual(['sweep/app-token: repositories lists other, which no step needs']);
    expect(
      mutated(
        'security-sla.yml',
        'DISCLOSURE_TOKEN_REPOSITORIES: security-tracker,my-project',
        'DISCLOSURE_TOKEN_REPOSITORIES: my-project',
      ),
    ).toEqual(['sweep/app-token: repositories lacks security-tracker']);
  });

  it('is found when a mode needs more: inventory off drops Contents, `announce-issue` needs nothing new', () => {
    expect(
      mutated('security-sla.yml', 'fail-on-breach: true', 'fail-on-breach: true\n          inventory: false'),
    ).toEqual(['sweep/app-token: permission-contents is read, the job needs none']);
  });

  it('is found when a sweep of a whole organization gets a token limited to some repositories', () => {
    expect(
      mutated(
        'security-sla.yml',
        'repositories: ${{ env.DISCLOSURE_PROJECTS }}',
        'organization: ${{ github.repository_owner }}',
      ),
    ).toEqual([
      'sweep/app-token: a step sweeps an organization, but repositories limits the token: the sweep would be blind to the rest',
    ]);
  });

  it('is found when a workflow holding the key does not run in the tracker', () => {
    expect(
      mutated(
        'security-release.yml',
        /tracker: \$\{\{ github\.repository \}\}\n(?= {10}force:)/,
        'tracker: my-org/security-tracker-mirror\n',
      ),
    ).toEqual([
      'gate/app-token: release-gate: tracker is "my-org/security-tracker-mirror", not ${{ github.repository }}: the workflow must run in the tracker',
      'gate/app-token: repositories lists security-tracker, which no step needs',
    ]);
  });
});
