/** The rows of a tracking issue's record section (renderTrackerRecord), label to value, for its unit tests. */
import type { TrackerState } from '../../src/domain/tracker-state.js';
import { renderTrackerRecord } from '../../src/domain/tracker-record.js';

export const recordRows = (state: TrackerState): Record<string, string> =>
  Object.fromEntries(
    renderTrackerRecord(state)
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| |'))
      .map((line) => line.slice(2, -2).split(' | ') as [string, string]),
  );
