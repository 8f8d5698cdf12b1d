/**
 * What a reader outside the response team can see after a run, and where embargoed text or a secret reached it:
 * the harness's public surfaces (stdout, stderr, summary, outputs, public issues, comments, releases, discussions,
 * webhook bodies), plus each annotation decoded and every published advisory's text. Leaks are found by fragment
 * (leaks.ts): any 16 consecutive characters of a sentinel, whatever their case, punctuation or encoding.
 */
import type { EmulatorState } from '../emulator/types.js';
import { leakDetector, publicSurfaces } from '../harness/leaks.js';
import type { RunResult } from '../harness/run-action.js';

export interface Surface {
  readonly where: string;
  readonly text: string;
}

export function allPublicSurfaces(results: readonly RunResult[], state: EmulatorState): Surface[] {
  const surfaces: Surface[] = publicSurfaces({ results, state });
  results.forEach((result, index) => {
    for (const command of result.commands) {
      if (command.command === 'add-mask') continue;
      const where = `run ${index} ::${command.command}:: annotation`;
      surfaces.push({ where, text: `${Object.values(command.properties).join(' ')} ${command.message}` });
    }
  });
  for (const advisory of state.advisories.filter((a) => a.state === 'published')) {
    surfaces.push({
      where: `published advisory ${advisory.ghsaId}`,
      text: `${advisory.summary}\n${advisory.description ?? ''}`,
    });
  }
  return surfaces;
}

/** Each sentinel found on a surface: whole, or any 16 of its characters in any case or punctuation (leaks.ts). */
export function leaksIn(surfaces: readonly Surface[], sentinels: readonly string[]): string[] {
  const detect = leakDetector(sentinels);
  return surfaces.flatMap((surface) =>
    detect(surface.text).map(({ sentinel, fragment }) => `"${sentinel}" (as "${fragment}") in ${surface.where}`),
  );
}

/**
 * Where a secret shows other than in an `::add-mask::` line (which tells the runner to mask it from then on), or
 * where it is printed before it was masked.
 */
export function secretExposures(
  results: readonly RunResult[],
  surfaces: readonly Surface[],
  secrets: readonly string[],
): string[] {
  const exposures: string[] = [];
  results.forEach((result, index) => {
    for (const secret of secrets) {
      const lines = result.stdout.split('\n');
      const maskedAt = lines.findIndex((line) => line === `::add-mask::${secret}`);
      lines.forEach((line, at) => {
        if (!line.includes(secret) || line.startsWith('::add-mask::')) return;
        exposures.push(`run ${index} stdout line ${at}${maskedAt === -1 || maskedAt > at ? ' (not masked yet)' : ''}`);
      });
      if (result.stderr.includes(secret)) exposures.push(`run ${index} stderr`);
    }
  });
  const beyondStdout = surfaces.filter((surface) => !/ stdout$| stderr$/.test(surface.where));
  for (const secret of secrets) {
    for (const surface of beyondStdout.filter((s) => s.text.includes(secret))) exposures.push(surface.where);
  }
  return exposures;
}
