/**
 * The one rule for an advisory's text leaving the response team. Its summary, description, CVE id, credits and what
 * is rendered from them (the announcement, the release notes' Security section, the chat message, the thank-you) may
 * be printed (logs, outputs, the job summary, files) or written anywhere public only once GitHub has answered that the
 * advisory is published: state `published` with a publication time. Until then a print of an advisory carries its
 * id, repository, state, severity and dates only; every action's report module builds its lines from outcome types
 * that hold nothing else, and the reliability suite's embargo matrix checks every surface for the rest.
 *
 * publish-announcement is the one action that prints and posts advisory text: it takes the announcement through
 * `disclosable` and checks `requirePublished` before its first public write.
 */
export interface PublicationFacts {
  readonly ghsa_id: string;
  readonly state: string;
  readonly published_at?: string | null;
}

/** Published as GitHub answered it: the state and the time, not the state alone. */
export function isPublished(advisory: PublicationFacts): boolean {
  return advisory.state === 'published' && Boolean(advisory.published_at);
}

/** The ids of the advisories GitHub has not (yet) answered as published. */
export function unpublished(advisories: Iterable<PublicationFacts>): string[] {
  return [...advisories].filter((advisory) => !isPublished(advisory)).map((advisory) => advisory.ghsa_id);
}

/** `value` (text rendered from the advisories) once every one of them is published; undefined before. */
export function disclosable<T>(advisories: Iterable<PublicationFacts>, value: T): T | undefined {
  const list = [...advisories];
  return list.length > 0 && unpublished(list).length === 0 ? value : undefined;
}

export class EmbargoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbargoError';
  }
}

/** Throws before `what` is written publicly while an advisory it discloses is unpublished. */
export function requirePublished(advisories: Iterable<PublicationFacts>, what: string): void {
  const list = [...advisories];
  const waiting = list.length === 0 ? ['(no advisory)'] : unpublished(list);
  if (waiting.length > 0) {
    throw new EmbargoError(`${what} would disclose ${waiting.join(', ')} before GitHub published it: not written.`);
  }
}
