import * as core from '@actions/core';
import { formatUtc } from '../../domain/checklist.js';
import { slotInZones, type Slot } from '../../domain/release-window.js';
import { inertText } from '../../domain/sanitize.js';
import { headerRow } from '../common/summary.js';

export interface GateOutcome {
  readonly open: boolean;
  readonly reason: string;
  readonly nextSlot: Slot;
  readonly upcoming: readonly Slot[];
  readonly icsPath?: string | undefined;
  readonly forced?: string | undefined;
  /** The advisories (and version) this gate lets through, when it checked any. */
  readonly release?: { readonly ghsaIds: readonly string[]; readonly version: string | undefined } | undefined;
}

export function setGateOutputs(outcome: GateOutcome): void {
  core.setOutput('open', String(outcome.open));
  core.setOutput('reason', outcome.reason);
  core.setOutput('next-slot', outcome.nextSlot.start.toISOString());
  core.setOutput('next-slots', JSON.stringify(outcome.upcoming.map((slot) => slot.start.toISOString())));
  if (outcome.icsPath) core.setOutput('ics-path', outcome.icsPath);
  if (outcome.release) {
    core.setOutput('ghsa-ids', outcome.release.ghsaIds.join(','));
    core.setOutput('version', outcome.release.version ?? '');
  }
}

export async function writeGateSummary(outcome: GateOutcome, zones: readonly string[]): Promise<void> {
  const status = outcome.forced ? 'forced open' : outcome.open ? 'open' : 'closed';
  const zoned = slotInZones(outcome.nextSlot, zones.length > 0 ? zones : undefined);
  core.summary
    .addHeading('Release gate', 2)
    // The reason can hold the free text of `force-reason`: rendered inert, as in the tracker comment.
    .addRaw(`The release window is **${status}**: ${inertText(outcome.reason)}`, true)
    .addBreak()
    .addRaw(`Next slot: **${formatUtc(outcome.nextSlot.start)}** to ${formatUtc(outcome.nextSlot.end)}`, true)
    .addTable([headerRow('time zone', 'local time'), ...zoned.map((entry) => [entry.zone, entry.start])])
    .addRaw('Upcoming slots:', true)
    .addList(outcome.upcoming.map((slot) => formatUtc(slot.start)));
  if (outcome.forced) core.summary.addRaw(`Override reason: ${inertText(outcome.forced)}`, true);
  await core.summary.write();
}
