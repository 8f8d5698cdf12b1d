/**
 * The reporter's credit on the advisory. GitHub's `credits` take logins only, so a reporter with a GitHub login is
 * credited there (with a credit type); one without (e-mail) is credited by name in the announcement text, from the
 * tracker state; a declined credit removes the login this project had put there. Pure.
 */
import type { ReporterCredit } from './tracker-state.js';

export interface AdvisoryCredit {
  readonly login: string;
  readonly type: string;
}

const sameLogin = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The advisory's credits with the reporter's choice applied: `credit.login` credited with its type (`reporter` when
 * not said), and `previous` (the login recorded before, if the choice changed) removed. Undefined when nothing
 * changes, so a repeated command makes no write.
 */
export function creditsWith(
  current: readonly { readonly login?: string | undefined; readonly type?: string | undefined }[] | null | undefined,
  credit: ReporterCredit,
  previous?: string,
): AdvisoryCredit[] | undefined {
  const known = (current ?? []).flatMap((entry) =>
    entry.login ? [{ login: entry.login, type: entry.type ?? 'other' }] : [],
  );
  const dropped = previous && !(credit.login && sameLogin(previous, credit.login)) ? previous : undefined;
  let next = known.filter((entry) => !(dropped && sameLogin(entry.login, dropped)));
  if (credit.login && !credit.declined) {
    const type = credit.type ?? 'reporter';
    const login = credit.login;
    next = next.some((entry) => sameLogin(entry.login, login))
      ? next.map((entry) => (sameLogin(entry.login, login) ? { login: entry.login, type } : entry))
      : [...next, { login, type }];
  }
  const unchanged =
    next.length === known.length &&
    next.every((entry, index) => entry.login === known[index]?.login && entry.type === known[index]?.type);
  return unchanged ? undefined : next;
}

/** How the credit reads in a reply or the tracker: `@login (type)`, the name, or declined. */
export function creditText(credit: ReporterCredit): string {
  if (credit.declined) return 'declined (no credit anywhere)';
  if (credit.login) return `\`@${credit.login}\` (${credit.type ?? 'reporter'}), on the advisory's credits`;
  return `"${credit.name ?? ''}", in the announcement text (GitHub's credits take logins only)`;
}
