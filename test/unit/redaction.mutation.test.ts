/**
 * The embargo rule (src/domain/redaction.ts): advisory text is released only once GitHub has answered that every
 * advisory it discloses is published, with a publication time; before that nothing is written, and the refusal
 * names the advisories still waiting.
 */
import { describe, expect, it } from '@jest/globals';
import { disclosable, EmbargoError, isPublished, requirePublished, unpublished } from '../../src/domain/redaction.js';

const published = { ghsa_id: 'GHSA-pppp-pppp-pppp', state: 'published', published_at: '2026-05-01T16:00:00Z' };
const draft = { ghsa_id: 'GHSA-dddd-dddd-dddd', state: 'draft', published_at: null };
const stateOnly = { ghsa_id: 'GHSA-ssss-ssss-ssss', state: 'published' };
const timeOnly = { ghsa_id: 'GHSA-tttt-tttt-tttt', state: 'triage', published_at: '2026-05-01T16:00:00Z' };
const emptyTime = { ghsa_id: 'GHSA-eeee-eeee-eeee', state: 'published', published_at: '' };

describe('isPublished', () => {
  it('takes both the published state and a publication time', () => {
    expect(isPublished(published)).toBe(true);
    expect(isPublished(draft)).toBe(false);
    expect(isPublished(stateOnly)).toBe(false);
    expect(isPublished(timeOnly)).toBe(false);
    expect(isPublished(emptyTime)).toBe(false);
  });
});

describe('unpublished', () => {
  it('lists the ids of the advisories not published, in order', () => {
    expect(unpublished([draft, published, stateOnly, timeOnly])).toEqual([
      'GHSA-dddd-dddd-dddd',
      'GHSA-ssss-ssss-ssss',
      'GHSA-tttt-tttt-tttt',
    ]);
    expect(unpublished([published])).toEqual([]);
  });
});

describe('disclosable', () => {
  it('gives the text once every advisory is published', () => {
    expect(disclosable([published, { ...published, ghsa_id: 'GHSA-qqqq-qqqq-qqqq' }], 'the announcement')).toBe(
      'the announcement',
    );
  });

  it('gives nothing while one advisory is unpublished', () => {
    expect(disclosable([published, draft], 'the announcement')).toBeUndefined();
  });

  it('gives nothing for text that names no advisory', () => {
    expect(disclosable([], 'the announcement')).toBeUndefined();
  });

  it('reads the advisories of any iterable once', () => {
    function* advisories() {
      yield published;
    }
    expect(disclosable(advisories(), 'text')).toBe('text');
  });
});

describe('requirePublished', () => {
  it('lets a write of published advisories through', () => {
    expect(() => requirePublished([published], 'The announcement')).not.toThrow();
    function* advisories() {
      yield published;
    }
    expect(() => requirePublished(advisories(), 'The announcement')).not.toThrow();
  });

  it('refuses, naming every advisory still waiting', () => {
    const refuse = () => requirePublished([draft, published, stateOnly], 'The release notes');
    expect(refuse).toThrow(EmbargoError);
    expect(refuse).toThrow(
      'The release notes would disclose GHSA-dddd-dddd-dddd, GHSA-ssss-ssss-ssss before GitHub published it: not written.',
    );
  });

  it('refuses a write that names no advisory', () => {
    expect(() => requirePublished([], 'The chat message')).toThrow(
      'The chat message would disclose (no advisory) before GitHub published it: not written.',
    );
  });

  it('raises an error named EmbargoError', () => {
    let caught: unknown;
    try {
      requirePublished([draft], 'x');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe('EmbargoError');
  });
});
