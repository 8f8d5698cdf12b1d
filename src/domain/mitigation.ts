import type { ReleaseText } from './announcement.js';
import { ConfigurationError } from './errors.js';

/**
 * Mitigation is required when users are left without a fix: a disclosure without one, or a supported line that gets
 * no patch release. SPEC 11: the announcement "contains mitigation steps for users that cannot upgrade".
 */
export function requireMitigation(text: ReleaseText): void {
  if (text.mitigation?.trim()) return;
  const why = text.noFixReason
    ? 'this is a disclosure without a fix ("no-fix-reason" is set)'
    : text.unfixedLines.length > 0
      ? `the supported line(s) ${text.unfixedLines.join(', ')} get no patch release ("unfixed-lines")`
      : undefined;
  if (why === undefined) return;
  throw new ConfigurationError(
    `Input "mitigation" is required because ${why}: users who cannot upgrade need the steps that protect them. Give them in "mitigation" (Markdown).`,
    'mitigation',
  );
}
