/** Command-line options of `npm run demo`. */
export interface DemoOptions {
  readonly scenarios: readonly ScenarioName[];
  readonly outDir: string;
  /** Pause between steps, in ms, so a person can follow the timeline as it prints. */
  readonly pauseMs: number;
}

export const SCENARIOS = ['lifecycle', 'missed-deadline'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const HELP = `Usage: npm run demo -- [options]

Runs the whole disclosure lifecycle against the built-in GitHub API emulator, with the built dist/ bundles run as
the GitHub runner runs them, but outside a runner (GITHUB_ACTIONS=false) with a simulated clock (DISCLOSURE_NOW,
which a run on a real runner refuses).

Options:
  --scenario NAME   lifecycle (a report from arrival to retrospective), missed-deadline (a breach escalated once),
                    or all (default)
  --out DIR         folder for the Markdown it writes: announcement, tracker issue, dashboard, retrospective
                    (default: demo-output)
  --speed SPEED     fast (default: no pauses), normal (0.4 s between steps) or slow (1.5 s)
  --help            this text
`;

const SPEEDS: Record<string, number> = { fast: 0, normal: 400, slow: 1500 };

export function parseOptions(argv: readonly string[]): DemoOptions | 'help' {
  let scenarios: readonly ScenarioName[] = SCENARIOS;
  let outDir = 'demo-output';
  let pauseMs = 0;
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = argv[index + 1];
    if (flag === '--help' || flag === '-h') return 'help';
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
  return { scenarios, outDir, pauseMs };
}
