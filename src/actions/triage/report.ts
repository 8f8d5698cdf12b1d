/** Outputs, log lines and the step summary: ids, numbers, dates and field names only, never advisory text. */
import { formatUtc } from '../../domain/checklist.js';
import { inertForLog } from '../../domain/sanitize.js';
import { timelineLines, timelineRecord } from '../../domain/timeline.js';
import { fullName } from '../../github/types.js';
import type { RunnerIO, RunnerLog, StepSummary } from '../common/runner.js';
import { headerRow } from '../common/summary.js';
import type { TriageResult } from './run.js';

export function setTriageOutputs(io: Pick<RunnerIO, 'setOutput'>, result: TriageResult): void {
  io.setOutput('ghsa-id', result.ghsaId);
  io.setOutput('score', result.score ? String(result.score.score) : '');
  io.setOutput('severity', result.severity ?? '');
  io.setOutput('decision', result.decision ?? '');
  io.setOutput('timeline', JSON.stringify(timelineRecord(result.timeline)));
  io.setOutput('release-slot', result.timeline.releaseSlot?.start.toISOString() ?? '');
}

function scoreText(result: TriageResult): string {
  if (result.score) return `${result.score.score} (${result.score.severity}, CVSS ${result.score.version})`;
  return result.severity ? `no CVSS score; severity ${result.severity}` : 'not scored yet';
}

export function logTriage(log: Pick<RunnerLog, 'info'>, result: TriageResult): void {
  log.info(`Triage of ${result.ghsaId} in ${fullName(result.repository)}: ${scoreText(result)}.`);
  for (const change of result.changes) log.info(`- ${inertForLog(change)}`);
  if (result.changes.length === 0) log.info('Nothing to change: the advisory and the tracker are already as asked.');
  for (const note of result.notes) log.info(`Note: ${inertForLog(note)}`);
}

export async function writeTriageSummary(summary: StepSummary, result: TriageResult): Promise<void> {
  const slot = result.timeline.releaseSlot;
  summary
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
  if (result.notes.length > 0) summary.addHeading('Notes', 3).addList(result.notes);
  await summary.write();
}
