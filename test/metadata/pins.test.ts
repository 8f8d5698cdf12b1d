/**
 * Pins that stay current: every third-party action the templates, the README examples and CI use is pinned to a
 * commit of a release that runs on Node 24; the templates' pins are mirrored in .github/workflows/template-pins.yml
 * (the only place Dependabot looks, besides ci.yml) and kept equal to it here, so a Dependabot update of the mirror
 * fails this test until the templates and examples follow; Dependabot waits out a cooldown before proposing one.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ROOT } from './load.js';
import { allYamlExamples } from './readme-examples.js';
import { TEMPLATE_DIR, WORKFLOW_DIR } from './workflow-model.js';

/** A `uses:` line: the action, the ref, and the comment after it. */
interface Pin {
  readonly where: string;
  readonly action: string;
  readonly ref: string;
  readonly comment: string;
}

const OURS = /^[\w-]+\/disclosure-actions(\/|@)/;

function pinsIn(where: string, text: string): Pin[] {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*([^@\s]+)@(\S+)[ \t]*(?:#[ \t]*(.*))?$/gm)]
    .filter((match) => !OURS.test(`${match[1]}@`) && !(match[1] ?? '').startsWith('./'))
    .map((match) => ({ where, action: match[1] ?? '', ref: match[2] ?? '', comment: (match[3] ?? '').trim() }));
}

const templatePins = readdirSync(TEMPLATE_DIR)
  .filter((file) => file.endsWith('.yml'))
  .flatMap((file) => pinsIn(`.github/workflow-templates/${file}`, readFileSync(`${TEMPLATE_DIR}/${file}`, 'utf8')));
const examplePins = allYamlExamples().flatMap((example) => pinsIn(example.where, example.text));
const mirror = pinsIn('.github/workflows/template-pins.yml', readFileSync(`${WORKFLOW_DIR}/template-pins.yml`, 'utf8'));
const ciPins = pinsIn('.github/workflows/ci.yml', readFileSync(`${WORKFLOW_DIR}/ci.yml`, 'utf8'));
const everyPin = [...templatePins, ...examplePins, ...mirror, ...ciPins];

/**
 * The first major of each action that runs on Node 24 (`runs.using: node24`): checkout and setup-node moved in v5;
 * create-github-app-token's v3 line came after its move to node24. Node 20 left the runners in 2026-09.
 */
const FIRST_NODE24_MAJOR: Readonly<Record<string, number>> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/create-github-app-token': 3,
};

const key = (pin: Pin): string => `${pin.action}@${pin.ref} # ${pin.comment}`;

describe('action pins', () => {
  it('pin every third-party action to a full commit SHA, with the release it is in a comment', () => {
    const loose = everyPin.filter((pin) => !/^[0-9a-f]{40}$/.test(pin.ref) || !/^v\d+\.\d+\.\d+$/.test(pin.comment));
    expect(loose.map((pin) => `${pin.where}: ${key(pin)}`)).toEqual([]);
  });

  it('use only releases that run on Node 24', () => {
    const old = everyPin.filter((pin) => {
      const major = Number(/^v(\d+)/.exec(pin.comment)?.[1]);
      const first = FIRST_NODE24_MAJOR[pin.action];
      return first === undefined || !(major >= first);
    });
    expect(old.map((pin) => `${pin.where}: ${key(pin)}`)).toEqual([]);
  });

  it('give each action one pin everywhere: templates, README examples, the mirror and CI', () => {
    const byAction = new Map<string, Set<string>>();
    for (const pin of everyPin)
      byAction.set(pin.action, (byAction.get(pin.action) ?? new Set()).add(`${pin.ref} # ${pin.comment}`));
    const split = [...byAction]
      .filter(([, refs]) => refs.size > 1)
      .map(([action, refs]) => `${action}: ${[...refs].join(' | ')}`);
    expect(split).toEqual([]);
  });

  it('are mirrored, one line per action, in a workflow Dependabot scans (template-pins.yml)', () => {
    const used = [...new Set([...templatePins, ...examplePins].map(key))].sort();
    expect(mirror.map(key).sort()).toEqual(used);
  });

  it('the mirror never runs and holds no permission', () => {
    const workflow = parseYaml(readFileSync(`${WORKFLOW_DIR}/template-pins.yml`, 'utf8')) as {
      on: Record<string, unknown>;
      permissions: unknown;
      jobs: Record<string, { if: unknown; permissions: unknown }>;
    };
    expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) {
      expect(job.if).toBe(false);
      expect(job.permissions).toEqual({});
    }
  });
});

describe('Dependabot', () => {
  const config = parseYaml(readFileSync(`${ROOT}.github/dependabot.yml`, 'utf8')) as {
    updates: { 'package-ecosystem': string; directory: string; cooldown?: { 'default-days'?: number } }[];
  };

  it('updates the npm dependencies and the actions of .github/workflows (the mirror included)', () => {
    expect(config.updates.map((update) => `${update['package-ecosystem']} ${update.directory}`).sort()).toEqual([
      'github-actions /',
      'npm /',
    ]);
  });

  it('waits out a cooldown of at least a few days before proposing a release', () => {
    for (const update of config.updates) expect(update.cooldown?.['default-days']).toBeGreaterThanOrEqual(3);
  });
});
