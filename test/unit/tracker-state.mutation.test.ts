/**
 * The tracking issue's hidden state block and sections (src/domain/tracker-state.ts): what every action reads back
 * from the issue body, so a block written must read back the same, survive values that look like the end of an HTML
 * comment, and leave the rest of the body as the maintainers wrote it.
 */
import { describe, expect, it } from '@jest/globals';
import {
  MARKER_PREFIX,
  newTrackerState,
  readTrackerState,
  renderStateBlock,
  replaceSection,
  replaceSectionBefore,
  reportMarker,
  writeTrackerState,
} from '../../src/domain/tracker-state.js';

const fresh = () => newTrackerState('GHSA-aaaa-bbbb-cccc', 'example-org/app', 'spec11', '2026-03-02T09:00:00.000Z');

describe('the report marker', () => {
  it('is an HTML comment naming the report', () => {
    expect(reportMarker('GHSA-aaaa-bbbb-cccc')).toBe('<!-- disclosure-actions:report GHSA-aaaa-bbbb-cccc -->');
    expect(MARKER_PREFIX).toBe('disclosure-actions:report');
  });
});

describe('a new tracker state', () => {
  it('holds the report, the policy and when it came in, with nothing escalated or notified yet', () => {
    expect(newTrackerState('issue-12', null, 'stacklok', '2026-03-02T09:00:00.000Z')).toEqual({
      version: 2,
      key: 'issue-12',
      repository: null,
      policy: 'stacklok',
      receivedAt: '2026-03-02T09:00:00.000Z',
      escalated: [],
      notified: [],
    });
  });
});

describe('the state block', () => {
  it('is one HTML comment holding the state as JSON', () => {
    expect(renderStateBlock(fresh())).toBe(
      '<!-- disclosure-actions:state {"version":2,"key":"GHSA-aaaa-bbbb-cccc","repository":"example-org/app",' +
        '"policy":"spec11","receivedAt":"2026-03-02T09:00:00.000Z","escalated":[],"notified":[]} -->',
    );
  });

  it('reads back what was written, inside a body', () => {
    const state = { ...fresh(), acknowledgedAt: '2026-03-03T10:00:00.000Z', escalated: ['triage' as const] };
    const body = `# Report\n\nSome text.\n\n${renderStateBlock(state)}\n\nMore text.`;
    expect(readTrackerState(body)).toEqual(state);
  });

  it('cannot be closed early by a value holding "-->" or "--"', () => {
    const state = { ...fresh(), notified: ['webhook--> <b>x</b>', 'a--b'] };
    const block = renderStateBlock(state);
    // Only the block's own end closes the comment.
    expect(block.indexOf('-->')).toBe(block.length - 3);
    expect(block.slice(4, -3)).not.toContain('--');
    expect(readTrackerState(`text\n${block}\ntext`)).toEqual(state);
  });

  it('reads the first block when a body has two', () => {
    const first = fresh();
    const second = { ...fresh(), key: 'GHSA-zzzz-zzzz-zzzz' };
    const body = `${renderStateBlock(first)}\n${renderStateBlock(second)}`;
    expect(readTrackerState(body)?.key).toBe('GHSA-aaaa-bbbb-cccc');
  });

  it('fills in the lists an older block lacks, migrated to the current version', () => {
    const body = '<!-- disclosure-actions:state {"version":1,"key":"issue-3","policy":"spec11"} -->';
    expect(readTrackerState(body)).toEqual({
      version: 2,
      key: 'issue-3',
      policy: 'spec11',
      escalated: [],
      notified: [],
    });
  });

  it('keeps the lists a block has', () => {
    const body =
      '<!-- disclosure-actions:state {"version":1,"key":"issue-3","escalated":["triage"],"notified":["n1"]} -->';
    expect(readTrackerState(body)).toMatchObject({ escalated: ['triage'], notified: ['n1'] });
  });

  it.each([
    ['no body', undefined],
    ['a null body', null],
    ['an empty body', ''],
    ['a body without a block', '# Report\n\nNothing hidden here.'],
    ['a block without a version', '<!-- disclosure-actions:state {"key":"issue-3"} -->'],
    ['a block without a key', '<!-- disclosure-actions:state {"version":1} -->'],
    ['a block whose key is not text', '<!-- disclosure-actions:state {"version":1,"key":3} -->'],
    ['a block of broken JSON', '<!-- disclosure-actions:state {"version":1,"key":} -->'],
    ['a block with no space before its end', '<!-- disclosure-actions:state {"version":1,"key":"k"}-->'],
    ['another tool’s block', '<!-- other-tool:state {"version":1,"key":"k"} -->'],
  ])('reads as no state from %s', (_what, body) => {
    expect(readTrackerState(body)).toBeUndefined();
  });
});

describe('writing the state into a body', () => {
  it('replaces the block in place, leaving the text around it', () => {
    const body = `Before.\n\n${renderStateBlock(fresh())}\n\nAfter.`;
    const updated = { ...fresh(), triagedAt: '2026-03-04T00:00:00.000Z' };
    expect(writeTrackerState(body, updated)).toBe(`Before.\n\n${renderStateBlock(updated)}\n\nAfter.`);
  });

  it('keeps "$" sequences in the state as they are', () => {
    const body = `x\n${renderStateBlock(fresh())}`;
    const updated = { ...fresh(), notified: ["$& $1 $$ $'"] };
    expect(readTrackerState(writeTrackerState(body, updated))).toEqual(updated);
  });

  it('appends the block after a blank line, trailing space trimmed, when the body has none', () => {
    expect(writeTrackerState('# Report\n\n', fresh())).toBe(`# Report\n\n${renderStateBlock(fresh())}\n`);
  });
});

describe('sections of the body', () => {
  it('replace the text between their markers, keeping what is around them', () => {
    const body = 'Intro\n<!-- section:checklist -->\nold\n<!-- /section:checklist -->\nOutro';
    expect(replaceSection(body, 'checklist', '\n- [x] new\n')).toBe(
      'Intro\n<!-- section:checklist -->\n- [x] new\n<!-- /section:checklist -->\nOutro',
    );
  });

  it('leave other sections alone', () => {
    const body = '<!-- section:a -->\nA\n<!-- /section:a -->\n<!-- section:b -->\nB\n<!-- /section:b -->';
    expect(replaceSection(body, 'b', 'B2')).toBe(
      '<!-- section:a -->\nA\n<!-- /section:a -->\n<!-- section:b -->\nB2\n<!-- /section:b -->',
    );
  });

  it.each([
    ['the body has no such section', 'Intro  \n'],
    ['only the start marker is there', 'Intro\n<!-- section:s -->\nold'],
    ['only the end marker is there', 'Intro\nold\n<!-- /section:s -->'],
    ['the markers are the wrong way round', '<!-- /section:s -->\nold\n<!-- section:s -->'],
  ])('are appended after a blank line when %s', (_what, body) => {
    expect(replaceSection(body, 's', 'new')).toBe(
      `${body.trimEnd()}\n\n<!-- section:s -->\nnew\n<!-- /section:s -->\n`,
    );
  });

  it('are appended to an empty body', () => {
    expect(replaceSection('', 's', 'new')).toBe('\n\n<!-- section:s -->\nnew\n<!-- /section:s -->\n');
  });
});

describe('a section placed before another', () => {
  const checklist = '<!-- section:checklist -->\nC\n<!-- /section:checklist -->';

  it('goes just before that section, its text trimmed, when the body lacks it', () => {
    expect(replaceSectionBefore(`Intro\n${checklist}`, 'record', '  R \n', 'checklist')).toBe(
      `Intro\n<!-- section:record -->\nR\n<!-- /section:record -->\n\n${checklist}`,
    );
  });

  it('is appended after a blank line when the body has neither section', () => {
    expect(replaceSectionBefore('Intro  \n', 'record', 'R', 'checklist')).toBe(
      'Intro\n\n<!-- section:record -->\nR\n<!-- /section:record -->\n',
    );
  });

  it('is replaced where it is when the body has it', () => {
    const body = `${checklist}\n<!-- section:record -->\nold\n<!-- /section:record -->`;
    expect(replaceSectionBefore(body, 'record', 'R', 'checklist')).toBe(
      `${checklist}\n<!-- section:record -->\nR\n<!-- /section:record -->`,
    );
  });
});
