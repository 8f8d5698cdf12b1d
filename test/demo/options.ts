/** Command-line options of `npm run demo`. */
export interface DemoOptions {
  readonly scenarios: readonly ScenarioName[];
  readonly outDir: string;
  /** Pause between steps, in ms, so a person can follow the timeline as it prints. */
  readonly pauseMs: number;
  /** Each action's main from the sources, in the demo's process, instead of the built bundles. */
  readonly inProcess: boolean;
}

export const SCENARIOS = ['lifecycle', 'missed-deadline', 'emailed-report', 'expedited'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const HELP = `Usage: npm run demo -- [options]

Runs the whole disclosure lifecycle against the built-in GitHub API emulator, with the built dist/ bundles run as
the GitHub runner runs them, but outside a runner (GITHUB_ACTIONS=false) with a simulated clock (DISCLOSURE_NOW,
which a run on a real runner refuses).

Options:
  --scenario NAME   lifecycle (a report from arrival to retrospective, two release lines, a renegotiated release
                    day), missed-deadline (a breach escalated once), emailed-report (conda-forge: a report by
                    e-mail filed with the issue form, to a credited announcement), expedited (a report disclosed
                    publicly: deadlines ASAP, the gate opens outside the window), or all (default)
  --out DIR         folder for the Markdown it writes: announcement, tracker issue, dashboard, retrospective
                    (default: demo-output)
  --speed SPEED     fast (default: no pauses), normal (0.4 s between steps) or slow (1.5 s)
  --in-process      run each action's main from the sources in this process instead of the dist/ bundles (for
                    working on the demo without a build)
  --help            this text
`;

const SPEEDS: Record<string, number> = { fast: 0, normal: 400, slow: 1500 };

export function parseOptions(argv: readonly string[]): DemoOptions | 'help' {
  let scenarios: readonly ScenarioName[] = SCENARIOS;
  let outDir = 'demo-output';
  let pauseMs = 0;
  let inProcess = false;
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = argv[index + 1];
    if (flag === '--help' || flag === '-h') return 'help';
    if (flag === '--in-process') {
      inProcess = true;
      continue;
    }
    if (value === undefined) throw new Error(`${flag} needs a value; see --help`);
    if (flag === '--scenario') {
      if (value !== 'all' && !(SCENARIOS as readonly string[]).includes(value)) {
        throw new Error(`--scenario is "${value}"; use ${SCENARIOS.join(', ')} or all`);
      }
      scenarios = value === 'all' ? SCENARIOS : [value as ScenarioName];
    } else if (flag === '--out') {
      outDir = value;
    } else if (flag === '--speed') {
      const pause = SPEEDS[value];
      if (pause === undefined) throw new Error(`--speed is "${value}"; use fast, normal or slow`);
      pauseMs = pause;
    } else {
      throw new Error(`unknown option ${flag}; see --help`);
    }
    index += 1;
  }
  return { scenarios, outDir, pauseMs, inProcess };
}
