/**
 * Who reported an advisory and how the advisory credits them, for the thank-you. A declined credit is respected: the
 * reporter is still thanked, but not named as credited.
 */
import { creditType, type CreditRecord } from './announcement.js';

export interface ReporterRecord {
  readonly author?: { readonly login: string } | null;
  /** Non-null when the advisory came from a private vulnerability report (whose author is the reporter). */
  readonly submission?: { readonly accepted: boolean } | null;
  readonly credits_detailed?: readonly CreditRecord[] | null;
}

export interface Reporter {
  readonly login: string;
  /** The credit types shown on the advisory for them, in words; empty when they are not credited. */
  readonly creditTypes: readonly string[];
}

const REPORTING_TYPES = new Set(['reporter', 'finder']);

function creditTypesOf(advisory: ReporterRecord, login: string): string[] {
  return (advisory.credits_detailed ?? [])
    .filter((credit) => credit.state !== 'declined' && same(credit.user.login, login))
    .map((credit) => creditType(credit.type));
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The reporters: the author of a private vulnerability report, and everyone credited as reporter or finder (declined
 * credits included: they reported it). An advisory a maintainer opened without such credits has none.
 */
export function reportersOf(advisory: ReporterRecord): Reporter[] {
  const credited = (advisory.credits_detailed ?? [])
    .filter((credit) => REPORTING_TYPES.has(credit.type))
    .map((credit) => credit.user.login);
  const author = advisory.submission && advisory.author ? [advisory.author.login] : [];
  const logins = [...author, ...credited];
  const unique = logins.filter((login, index) => logins.findIndex((other) => same(other, login)) === index);
  return unique.map((login) => ({ login, creditTypes: creditTypesOf(advisory, login) }));
}
