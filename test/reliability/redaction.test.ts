/** The embargo rule (src/domain/redaction.ts): advisory text only once GitHub answered every advisory as published. */
import { describe, expect, it } from '@jest/globals';
import { disclosable, EmbargoError, isPublished, requirePublished, unpublished } from '../../src/domain/redaction.js';

const published = { ghsa_id: 'GHSA-aaaa-bbbb-cccc', state: 'published', published_at: '2026-01-26T16:05:00Z' };
const draft = { ghsa_id: 'GHSA-2222-3333-4444', state: 'draft', published_at: null };
/** A state without a publication time is not GitHub's answer to a publication. */
const stateOnly = { ghsa_id: 'GHSA-5555-6666-7777', state: 'published', published_at: null };

describe('redaction', () => {
  it('counts an advisory as published only with its state and its publication time', () => {
    expect([published, draft, stateOnly].map(isPublished)).toEqual([true, false, false]);
    expect(unpublished([published, draft, stateOnly])).toEqual([draft.ghsa_id, stateOnly.ghsa_id]);
  });

  it('gives out text rendered from the advisories once all of them are published', () => {
    expect(disclosable([published], 'text')).toBe('text');
    expect(disclosable([published, draft], 'text')).toBeUndefined();
    expect(disclosable([stateOnly], 'text')).toBeUndefined();
    expect(disclosable([], 'text')).toBeUndefined();
  });

  it('refuses a public write while an advisory is unpublished, naming it', () => {
    expect(() => requirePublished([published], 'The announcement')).not.toThrow();
    expect(() => requirePublished([published, draft], 'The announcement')).toThrow(EmbargoError);
    expect(() => requirePublished([published, draft], 'The announcement')).toThrow(
      'The announcement would disclose GHSA-2222-3333-4444 before GitHub published it: not written.',
    );
    expect(() => requirePublished([], 'The announcement')).toThrow('(no advisory)');
  });
});
