import { describe, expect, it } from '@jest/globals';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ROOT, loadActionFile } from './load.js';

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
  env?: Record<string, string>;
}
interface Workflow {
  permissions?: unknown;
  concurrency?: unknown;
  jobs: Record<
    string,
    { steps: Step[]; permissions?: unknown; concurrency?: unknown; outputs?: Record<string, string> }
  >;
}

const TEMPLATE_DIR = `${ROOT}.github/workflow-templates`;
const templates = readdirSync(TEMPLATE_DIR).filter((file) => file.endsWith('.yml'));
const OUR_ACTION = /^[\w-]+\/disclosure-actions\/actions\/([\w-]+)@/;

function actionSpec(name: string): {
  inputs: Record<string, { required?: boolean; default?: unknown }>;
  outputs: string[];
} {
  const file = loadActionFile(`${ROOT}actions/${name}/action.yml`);
  return {
    inputs: (file.raw.inputs ?? {}) as Record<string, { required?: boolean; default?: unknown }>,
    outputs: Object.keys((file.raw.outputs ?? {}) as object),
  };
}

describe.each(templates)('workflow template %s', (file) => {
  const text = readFileSync(`${TEMPLATE_DIR}/${file}`, 'utf8');
  const workflow = parseYaml(text) as Workflow;

  it("parses under GitHub's workflow schema", () => {
    const result = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  });

  it('has a properties file', () => {
    const properties = JSON.parse(
      readFileSync(`${TEMPLATE_DIR}/${file.replace(/\.yml$/, '.properties.json')}`, 'utf8'),
    ) as { name: string; description: string };
    expect(properties.name).toBeTruthy();
    expect(properties.description).toBeTruthy();
  });

  it('starts from no permissions, grants each job its own, and puts every job in a concurrency group', () => {
    expect(workflow.permissions).toEqual({});
    for (const [id, job] of Object.entries(workflow.jobs)) {
      expect(job.permissions).toBeDefined();
      // In a group of its own (job level) or the workflow's; concurrency.test.ts checks what the groups hold.
      if (workflow.concurrency === undefined) expect([id, job.concurrency]).toEqual([id, expect.anything()]);
    }
  });

  it('runs in the private tracker: the App key is read there, and given to no `run:` step', () => {
    expect(text).toContain('secrets.DISCLOSURE_APP_PRIVATE_KEY');
    expect(text).toMatch(/^# Runs in your PRIVATE tracker repository/m);
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps) {
        if (step.run !== undefined) expect(JSON.stringify(step)).not.toContain('DISCLOSURE_APP_PRIVATE_KEY');
      }
    }
  });

  it('pins third-party actions by commit SHA', () => {
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.uses ?? ''));
    for (const ref of uses.filter((u) => u !== '' && !OUR_ACTION.test(u))) expect(ref).toMatch(/@[0-9a-f]{40}$/);
  });

  it('mints the token with create-github-app-token, never GITHUB_TOKEN', () => {
    expect(text).toContain('actions/create-github-app-token@');
    expect(text).not.toMatch(/secrets\.GITHUB_TOKEN|github\.token/);
  });

  it('never expands expressions inside run scripts', () => {
    const scripts = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    for (const script of scripts) expect(script).not.toContain('${{');
  });

  it('passes only declared inputs to our actions, gives every required one, and reads only declared outputs', () => {
    for (const job of Object.values(workflow.jobs)) {
      const stepAction = new Map<string, string>();
      for (const step of job.steps) {
        const match = OUR_ACTION.exec(step.uses ?? '');
        if (!match?.[1]) continue;
        const spec = actionSpec(match[1]);
        if (step.id) stepAction.set(step.id, match[1]);
        const given = Object.keys(step.with ?? {});
        expect(given.filter((key) => !(key in spec.inputs)).map((key) => `${match[1]}: ${key}`)).toEqual([]);
        const missing = Object.entries(spec.inputs)
          .filter(([key, input]) => input.required && input.default === undefined && !given.includes(key))
          .map(([key]) => key);
        expect(missing).toEqual([]);
      }
      const jobText = JSON.stringify(job);
      for (const [, id, output] of jobText.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        const action = stepAction.get(id ?? '');
        if (action) expect(actionSpec(action).outputs).toContain(output);
      }
    }
  });
});

describe('security-release.yml', () => {
  const workflow = parseYaml(readFileSync(`${TEMPLATE_DIR}/security-release.yml`, 'utf8')) as {
    on: Record<string, unknown>;
    jobs: Record<string, { environment?: unknown; steps: Step[] }>;
  };

  it('runs by hand with the GHSA ids and the version, and on schedule for what was agreed for the day', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const inputs = Object.keys((workflow.on.workflow_dispatch as { inputs: object }).inputs);
    expect(inputs).toEqual(expect.arrayContaining(['ghsa-ids', 'version']));
  });

  it('announces every release line the gate checked, not only the first', () => {
    const gate = workflow.jobs.gate as unknown as { outputs: Record<string, string> };
    expect(gate.outputs.versions).toBe('${{ steps.gate.outputs.versions }}');
    const publish = workflow.jobs.publish?.steps.find((step) => step.uses?.includes('publish-announcement'));
    expect(publish?.with?.version).toBe('${{ needs.gate.outputs.versions || inputs.version }}');
  });

  it('puts the gate and the publish job behind the `security-release` environment', () => {
    expect(Object.keys(workflow.jobs).sort()).toEqual(['gate', 'publish']);
    for (const job of Object.values(workflow.jobs)) expect(job.environment).toBe('security-release');
  });
});
