// `npm run demo`: the whole disclosure lifecycle on the embedded GitHub API emulator.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { emailedReport } from './emailed-report.js';
import { expedited } from './expedited.js';
import { lifecycle } from './lifecycle.js';
import { missedDeadline } from './missed-deadline.js';
import { HELP, parseOptions, type ScenarioName } from './options.js';
import { Timeline } from './timeline.js';
import { World } from './world.js';

const SCENARIO_RUNS: Record<ScenarioName, { start: string; run: (world: World, timeline: Timeline) => Promise<void> }> =
  {
    lifecycle: { start: '2026-11-02T09:00:00Z', run: lifecycle },
    'missed-deadline': { start: '2026-11-05T11:00:00Z', run: missedDeadline },
    'emailed-report': { start: '2026-11-09T08:30:00Z', run: emailedReport },
    expedited: { start: '2026-11-10T09:00:00Z', run: expedited },
  };

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(HELP);
    return;
  }
  if (!options.inProcess && !existsSync('dist/ack-report/index.js'))
    throw new Error('dist/ is missing: run `npm run build` first');
  const outDir = resolve(options.outDir);
  for (const name of options.scenarios) {
    const world = await World.start(
      name === 'lifecycle' ? outDir : resolve(outDir, name),
      SCENARIO_RUNS[name].start,
      options.inProcess,
    );
    try {
      await SCENARIO_RUNS[name].run(world, new Timeline(options.pauseMs));
      const writes = world.emulator.log.filter((entry) => entry.method !== 'GET').length;
      console.log(
        `\n${name}: ${world.emulator.log.length} API requests (${writes} writes); contract violations: ${world.emulator.contractViolations.length}`,
      );
    } finally {
      await world.stop();
    }
  }
  console.log(`\nMarkdown written under ${outDir}`);
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
