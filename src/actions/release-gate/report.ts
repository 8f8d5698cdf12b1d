import { formatUtc } from '../../domain/checklist.js';
import { slotInZones, type Slot } from '../../domain/release-window.js';
import { inertText } from '../../domain/sanitize.js';
import type { RunnerIO, StepSummary } from '../common/runner.js';
import type { NoFixRelease } from './preconditions.js';
import { headerRow } from '../common/summary.js';

export interface GateOutcome {
  readonly open: boolean;
  readonly reason: string;
  readonly nextSlot: Slot;
  readonly upcoming: readonly Slot[];
  readonly icsPath?: string | undefined;
  readonly forced?: string | undefined;
  /** The advisories (and version) this gate lets through, when it checked any. */
  readonly release?:
    | {
        readonly ghsaIds: readonly string[];
        readonly version: string | undefined;
        /** One per release line: `versions`, or those agreed in the tracker. */
        readonly versions?: readonly string[] | undefined;
        /** A disclosure without a fix: the reason handed on (output `no-fix-reason`) and its grounds. */
        readonly noFix?: NoFixRelease | undefined;
      }
    | undefined;
  /** The advisories of the release still waiting for `/release approve`: the gate is waiting, not missed. */
  readonly waiting?: readonly string[] | undefined;
  /** The release agreed for today went past its window (missed.ts). */
  readonly missed?: boolean | undefined;
}

export function setGateOutputs(io: Pick<RunnerIO, 'setOutput'>, outcome: GateOutcome): void {
  io.setOutput('open', String(outcome.open));
  io.setOutput('reason', outcome.reason);
  io.setOutput('next-slot', outcome.nextSlot.start.toISOString());
  io.setOutput('next-slots', JSON.stringify(outcome.upcoming.map((slot) => slot.start.toISOString())));
  if (outcome.icsPath) io.setOutput('ics-path', outcome.icsPath);
  if (outcome.release) {
    io.setOutput('ghsa-ids', outcome.release.ghsaIds.join(','));
    io.setOutput('version', outcome.release.version ?? '');
    io.setOutput('versions', (outcome.release.versions ?? []).join(','));
    io.setOutput('waiting-for-approval', (outcome.waiting ?? []).join(','));
    io.setOutput('no-fix-reason', outcome.release.noFix?.reason ?? '');
  }
}

export async function writeGateSummary(
  summary: StepSummary,
  outcome: GateOutcome,
  zones: readonly string[],
): Promise<void> {
  const waiting = (outcome.waiting ?? []).length > 0;
  const status = outcome.forced
    ? 'forced open'
    : waiting
      ? 'waiting for approval'
      : outcome.missed
        ? 'missed'
        : outcome.open
          ? 'open'
          : 'closed';
  const zoned = slotInZones(outcome.nextSlot, zones.length > 0 ? zones : undefined);
  summary
    .addHeading('Release gate', 2)
    // The reason can hold the free text of `force-reason`: rendered inert, as in the tracker comment.
    .addRaw(
      waiting
        ? `The release is **${status}**, not missed: ${inertText(outcome.reason)}`
        : outcome.missed
          ? `The release was **missed**: ${inertText(outcome.reason)}`
          : `The release window is **${status}**: ${inertText(outcome.reason)}`,
      true,
    )
    .addRaw('<br>', true) // what `@actions/core`'s addBreak() writes
    .addRaw(`Next slot: **${formatUtc(outcome.nextSlot.start)}** to ${formatUtc(outcome.nextSlot.end)}`, true)
    .addTable([headerRow('time zone', 'local time'), ...zoned.map((entry) => [entry.zone, entry.start])])
    .addRaw('Upcoming slots:', true)
    .addList(outcome.upcoming.map((slot) => formatUtc(slot.start)));
  if (outcome.forced) summary.addRaw(`Override reason: ${inertText(outcome.forced)}`, true);
  const noFix = outcome.release?.noFix;
  if (noFix) {
    summary
      .addRaw(`Disclosure without a fix: ${inertText(noFix.reason)}`, true)
      .addList(noFix.grounds.map((ground) => inertText(ground)));
  }
  await summary.write();
}
