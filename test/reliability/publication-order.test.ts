/**
 * Publication order: nothing of a release is public before GitHub has accepted the advisory's publication. The
 * release notes' Security section, the announcement Discussion (or issue), the chat message, the thank-you, an issue
 * in the public repository, the `subject`/`body`/`body-path`/`mail`/`mail-path`/`blog-post-path` outputs (and the files
 * they name), and any text carrying the CVE id or the
 * advisory's text, in the log, the job summary or a write.
 *
 * Two ways, on publish-announcement's main scenario (a draft advisory with a CVE id, public and private repository):
 * - GitHub refuses the publication (403, and a 422 validation failure): nothing public at all, the run fails;
 * - GitHub is slow to accept it (the proxy holds the publish 400 ms): every other write arrives, and every output,
 *   log line and summary holding the announcement reaches the runner, after GitHub answered (the proxy's and the
 *   timed runner's clocks are the same `performance.now()`).
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leakDetector } from '../harness/leaks.js';
import { runTimed, type TimedResult } from '../harness/timed-run.js';
import { runBatch } from './batch.js';
import { PUBLISH } from './expected-writes.js';
import { allPublicSurfaces } from './exposure.js';
import { recordFigure } from './figures.js';
import { forbidden, type SeenRequest, type Verdict } from './proxy.js';
import { createWorld, type Visibility, type World } from './scenarios.js';
import { routeOf } from './writes.js';

const DELAY_MS = 400;
const CVE_ID = 'CVE-2026-41234';
const ANNOUNCEMENT_OUTPUTS = ['subject', 'body', 'body-path', 'mail', 'mail-path', 'blog-post-path'] as const;

type Way = 'refused (403)' | 'refused (422)' | 'delayed';

interface Case {
  readonly visibility: Visibility;
  readonly way: Way;
}

const unprocessable = (): Verdict => ({
  kind: 'answer',
  status: 422,
  body: {
    message: 'Validation Failed',
    errors: [{ resource: 'RepositoryAdvisory', field: 'vulnerabilities', code: 'invalid' }],
    documentation_url: 'https://docs.github.com/rest/security-advisories/repository-advisories',
    status: '422',
  },
});

function verdictFor(way: Way): Verdict {
  if (way === 'refused (403)') return forbidden();
  if (way === 'refused (422)') return unprocessable();
  return { kind: 'delay', ms: DELAY_MS };
}

const isPublish = (world: World, request: SeenRequest): boolean =>
  routeOf(world, request) === PUBLISH.route && request.body.includes(PUBLISH.bodyHolds?.(world) ?? '');

/** What the release discloses: the CVE id and the advisory's text, as GitHub holds it before publication. */
function disclosing(world: World): string[] {
  return [CVE_ID, world.target.summary, world.target.description ?? ''].filter((text) => text.length > 0);
}

interface Observed {
  readonly exitCode: number | null;
  readonly publishMade: boolean;
  /** When GitHub's answer to the publication went back (undefined: never accepted). */
  readonly acceptedAt: number | undefined;
  /** Writes other than the publication, made before it was accepted (or at all, when it never was). */
  readonly writesBefore: string[];
  /** Outputs, log lines and summary writes holding the release's text, reached before the acceptance. */
  readonly printedBefore: string[];
  /** Public surfaces (log, outputs, summary, public repository, chat) holding it when the publication failed. */
  readonly disclosedAnyway: string[];
  readonly announcementOutputs: Record<string, string>;
  /** What the run left in its RUNNER_TEMP (the announcement, mailing-list message and blog post files). */
  readonly filesLeft: string[];
}

function announcementOutputs(result: TimedResult): Record<string, string> {
  return Object.fromEntries(
    ANNOUNCEMENT_OUTPUTS.filter((name) => (result.outputs[name] ?? '') !== '').map((name) => [
      name,
      (result.outputs[name] ?? '').slice(0, 60),
    ]),
  );
}

async function observe({ visibility, way }: Case): Promise<Observed> {
  const world = await createWorld('publish-announcement', { visibility, stage: 'draft' });
  try {
    const verdict = verdictFor(way);
    world.proxy.setRule((request) => (isPublish(world, request as SeenRequest) ? verdict : { kind: 'forward' }));
    const runnerTemp = mkdtempSync(join(tmpdir(), 'publication-order-'));
    const result = await runTimed('publish-announcement', world.runOptions({ env: { RUNNER_TEMP: runnerTemp } }));
    world.results.push(result);
    const publish = world.proxy.seen.find((request) => isPublish(world, request));
    const accepted = publish && (publish.status ?? 0) < 300 ? publish.answeredAt : undefined;
    const before = (at: number): boolean => accepted === undefined || at < accepted;
    const detect = leakDetector(disclosing(world));
    const holdsRelease = (text: string): boolean =>
      detect(text).length > 0 || ANNOUNCEMENT_OUTPUTS.some((name) => text === result.outputs[name] && text !== '');
    const surfaces = allPublicSurfaces(world.results, world.emulator.state);
    return {
      exitCode: result.exitCode,
      publishMade: publish !== undefined,
      acceptedAt: accepted,
      writesBefore: world.proxy.seen
        .filter((request) => request.write && request !== publish && before(request.at))
        .map((request) => routeOf(world, request)),
      printedBefore: result.events
        .filter((event) => before(event.at) && event.text !== '' && holdsRelease(event.text))
        .map((event) => `${event.kind} ${event.name}: ${event.text.slice(0, 80)}`),
      disclosedAnyway:
        accepted === undefined
          ? surfaces.filter((surface) => detect(surface.text).length > 0).map((surface) => surface.where)
          : [],
      announcementOutputs: announcementOutputs(result),
      filesLeft: readdirSync(runnerTemp, { recursive: true, encoding: 'utf8' }),
    };
  } finally {
    await world.stop();
  }
}

const CASES: readonly Case[] = (['public', 'private'] as const).flatMap((visibility) =>
  (['refused (403)', 'refused (422)', 'delayed'] as const).map((way) => ({ visibility, way })),
);

describe('publication order: nothing public before GitHub accepted the publication', () => {
  const batch = runBatch(CASES, observe, { limit: 3 });

  it.each(CASES.map((testCase, index) => ({ ...testCase, index })))(
    '$visibility repository, publication $way',
    ({ way, index }) => {
      const observed = batch.outcome(index);
      const refused = way !== 'delayed';
      const held =
        observed.publishMade &&
        observed.writesBefore.length + observed.printedBefore.length + observed.disclosedAnyway.length === 0 &&
        (refused ? observed.exitCode === 1 && Object.keys(observed.announcementOutputs).length === 0 : true);
      recordFigure({
        kind: 'publication-order',
        total: 1,
        held: held ? 1 : 0,
        counts: {
          [refused ? 'publications refused' : 'publications delayed']: 1,
          'writes before acceptance': observed.writesBefore.length,
          'prints before acceptance': observed.printedBefore.length,
        },
      });
      expect(observed.publishMade).toBe(true);
      expect({
        writesBefore: observed.writesBefore,
        printedBefore: observed.printedBefore,
        disclosedAnyway: observed.disclosedAnyway,
      }).toEqual({ writesBefore: [], printedBefore: [], disclosedAnyway: [] });
      if (refused) {
        expect({ exit: observed.exitCode, outputs: observed.announcementOutputs }).toEqual({ exit: 1, outputs: {} });
        // No file a later step could upload (the announcement, mailing-list message, blog post).
        expect(observed.filesLeft).toEqual([]);
        expect(observed.acceptedAt).toBeUndefined();
      } else {
        // Delayed, then accepted: the release went out in full, after the acceptance.
        expect(observed.exitCode).toBe(0);
        expect(observed.acceptedAt).toBeDefined();
        expect(Object.keys(observed.announcementOutputs).sort()).toEqual([...ANNOUNCEMENT_OUTPUTS].sort());
        expect(observed.filesLeft.filter((name) => /\.(md|eml)$/.test(name))).toHaveLength(3);
      }
    },
  );
});
