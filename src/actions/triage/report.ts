/** Outputs, log lines and the step summary: ids, numbers, dates and field names only, never advisory text. */
import * as core from '@actions/core';
import { formatUtc } from '../../domain/checklist.js';
import { inertForLog } from '../../domain/sanitize.js';
import { timelineLines, timelineRecord } from '../../domain/timeline.js';
import { fullName } from '../../github/types.js';
import { headerRow } from '../common/summary.js';
import type { TriageResult } from './run.js';

export function setTriageOutputs(result: TriageResult): void {
  core.setOutput('ghsa-id', result.ghsaId);
  core.setOutput('score', result.score ? String(result.score.score) : '');
  core.setOutput('severity', result.severity ?? '');
  core.setOutput('decision', result.decision ?? '');
  core.setOutput('timeline', JSON.stringify(timelineRecord(result.timeline)));
  core.setOutput('release-slot', result.timeline.releaseSlot?.start.toISOString() ?? '');
}

function scoreText(result: TriageResult): string {
  if (result.score) return `${result.score.score} (${result.score.severity}, CVSS ${result.score.version})`;
  return result.severity ? `no CVSS score; severity ${result.severity}` : 'not scored yet';
}

export function logTriage(result: TriageResult): void {
  core.info(`Triage of ${result.ghsaId} in ${fullName(result.repository)}: ${scoreText(result)}.`);
  for (const change of result.changes) core.info(`- ${inertForLog(change)}`);
  if (result.changes.length === 0) core.info('Nothing to change: the advisory and the tracker are already as asked.');
  for (const note of result.notes) core.info(`Note: ${inertForLog(note)}`);
}

export async function writeTriageSummary(result: TriageResult): Promise<void> {
  const slot = result.timeline.releaseSlot;
  core.summary
    .addHeading(`Triage of ${result.ghsaId}`, 2)
    .addTable([
      headerRow('advisory', 'repository', 'state', 'score', 'decision', 'release slot'),
      [
        result.ghsaId,
        fullName(result.repository),
        result.state,
        scoreText(result),
        result.decision ?? '-',
        slot ? formatUtc(slot.start) : 'none',
      ],
    ])
    .addHeading('Timeline', 3)
    .addList(timelineLines(result.timeline).map((line) => line.replace(/^- /, '')))
    .addHeading('Changes', 3)
    .addList(result.changes.length > 0 ? result.changes : ['none: already as asked']);
  if (result.notes.length > 0) core.summary.addHeading('Notes', 3).addList(result.notes);
  await core.summary.write();
}
