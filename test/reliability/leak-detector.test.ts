/**
 * The leak detector (test/harness/leaks.ts) itself: a sentinel leaked whole, truncated to 16 characters, re-cased,
 * re-punctuated, escaped or encoded is found; text that merely looks similar is not. Every embargo check in the
 * suites relies on it, so it is shown to catch what an exact substring match would miss.
 */
import { describe, expect, it } from '@jest/globals';
import { createState } from '../emulator/state.js';
import {
  FRAGMENT_LENGTH,
  findLeaks,
  leakDetector,
  leakedFragment,
  normaliseForLeaks,
  SENTINELS,
  sentinelFragments,
} from '../harness/leaks.js';
import type { RunResult } from '../harness/run-action.js';
import { ALL_SENTINELS } from './scenarios.js';

const DESCRIPTION = SENTINELS.description; // SENTINEL-DESCRIPTION-7f3a9c
const EMAIL = SENTINELS.reporterEmail; // sentinel-reporter-5d1c@example.org

describe('leak detector: variants of a sentinel are caught', () => {
  const variants: readonly [string, string][] = [
    ['the sentinel itself', `Details: ${DESCRIPTION}.`],
    ['truncated to its first 16 characters', `…${DESCRIPTION.slice(0, 16)}…`],
    ['truncated to 16 characters from its middle', `summary: ${DESCRIPTION.slice(5, 21)}`],
    ['truncated to its last 16 characters', `x${DESCRIPTION.slice(-16)}y`],
    ['upper case', DESCRIPTION.toUpperCase()],
    ['lower case', `see ${DESCRIPTION.toLowerCase()} here`],
    ['dashes as spaces', DESCRIPTION.replaceAll('-', ' ')],
    ['dashes as underscores and dots', 'sentinel_description.7F3A9C'],
    ['dashes removed', 'SENTINELDESCRIPTION7f3a9c'],
    ['Markdown-escaped', DESCRIPTION.replaceAll('-', '\\-')],
    ['wrapped over two lines', 'SENTINEL-DESCRIP\nTION-7f3a9c'],
    ['zero-width characters inserted', [...DESCRIPTION].join('\u200B')],
    ['full-width letters', 'ＳＥＮＴＩＮＥＬ－ＤＥＳＣＲＩＰＴＩＯＮ'],
    ['percent-encoded (a URL, a workflow command)', encodeURIComponent(EMAIL)],
    ['percent-encoded dashes', 'SENTINEL%2DDESCRIPTION%2D7f3a9c'],
    ['HTML character references', 'SENTINEL&#45;DESCRIPTION&#x2D;7f3a9c'],
    ['JSON unicode escapes', 'SENTINEL\\u002dDESCRIPTION\\u002d7f3a9c'],
    ['the e-mail without its domain, re-cased', 'Sentinel-Reporter-5D1C'],
    ['the e-mail with its @ spelled out', 'sentinel-reporter-5d1c at example dot org'],
  ];

  it.each(variants)('%s', (_what, text) => {
    const found = leakDetector(ALL_SENTINELS)(text).map((leak) => leak.sentinel);
    expect(found.length).toBeGreaterThan(0);
  });
});

describe('leak detector: unrelated text is not a leak', () => {
  const unrelated: readonly [string, string][] = [
    ['the public summary', 'Path traversal in extract_archive writes outside the target directory'],
    ['ids, dates and states', 'GHSA-j6mr-gf34-2222 (draft, high) received 2026-01-05 09:00 UTC; CVE-2026-41234'],
    ['the word sentinel', 'The sentinel value guards the loop; SENTINEL- prefixes are ours.'],
    ['the shared prefix of the sentinels', 'SENTINEL-SENTINEL-SENTINEL'],
    ['the e-mail domain alone', 'security@example.org and reporter@example.org'],
    ['15 characters of a sentinel (under the threshold)', DESCRIPTION.slice(0, 15)],
    ['a sentinel-like string that shares under 16 characters', 'SENTINEL-REPRO-000000 and SENTINEL-DESCRIBED'],
  ];

  it.each(unrelated)('%s', (_what, text) => {
    expect(leakDetector(ALL_SENTINELS)(text)).toEqual([]);
  });
});

describe('leak detector: the rules', () => {
  it(`compares ${FRAGMENT_LENGTH}-character runs, normalised`, () => {
    expect(normaliseForLeaks('A-b_C d\u200Be%2Df')).toBe('abcdef');
    const fragments = sentinelFragments(DESCRIPTION);
    expect(fragments).toContain('sentineldescrip');
    expect(fragments).toContain('description7f3a'); // DESCRIPTION-7f3a: 16 characters, one a dash
    expect(fragments.every((fragment) => fragment.length <= FRAGMENT_LENGTH)).toBe(true);
    // A sentinel shorter than the run length counts only whole.
    expect(sentinelFragments('short-one')).toEqual(['shortone']);
    expect(leakedFragment('a SHORT ONE here', 'short-one')).toBe('shortone');
  });

  it('scans every public surface and names where it found the leak', () => {
    const state = createState('2026-01-05T09:00:00Z');
    state.repos.push(
      { owner: 'o', name: 'public', private: false, visibility: 'public' } as never,
      { owner: 'o', name: 'secret', private: true, visibility: 'private' } as never,
      { owner: 'o', name: 'inner', private: true, visibility: 'internal' } as never,
    );
    const issue = (repo: string, body: string) =>
      ({ repo, number: 1, title: 't', body, state: 'open', labels: [] }) as never;
    state.issues.push(issue('o/public', `leaked ${DESCRIPTION.slice(4, 20).toLowerCase()}`));
    state.issues.push(issue('o/secret', DESCRIPTION), issue('o/inner', DESCRIPTION));
    state.webhookDeliveries.push({ path: '/_webhooks/chat', body: { text: EMAIL.toUpperCase() } });
    const result = {
      stdout: `::notice::${encodeURIComponent(SENTINELS.summary)}\n`,
      stderr: '',
      summary: '',
      outputs: { body: SENTINELS.reproduction.replaceAll('-', ' ') },
    } as unknown as RunResult;
    const leaks = findLeaks({ results: [result], state, sentinels: ALL_SENTINELS });
    expect(leaks.map((leak) => `${leak.sentinel} @ ${leak.where}`).sort()).toEqual(
      [
        `${DESCRIPTION} @ public issue o/public#1`,
        `${EMAIL} @ webhook delivery 0 (/_webhooks/chat)`,
        `${SENTINELS.reproduction} @ run 0 outputs`,
        `${SENTINELS.summary} @ run 0 stdout`,
      ].sort(),
    );
  });
});
