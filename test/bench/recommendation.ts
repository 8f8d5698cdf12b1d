/**
 * The start-up recommendation, written with the run's own numbers: what the probes and the profiles show, what to
 * replace, what to load lazily, and what a minimal sweep costs on the leaner stack.
 */
import type { ProbeResult } from './breakdown.js';
import { COMPILE_BUNDLE, IDLE, WEBPACK } from './profile.js';
import type { BenchResults } from './results.js';
import type { StartupResult } from './startup.js';
import { TARGETS } from './targets.js';

type Probes = ReadonlyMap<string, ProbeResult>;

function facts(results: BenchResults) {
  const probes: Probes = new Map((results.breakdown?.probes ?? []).map((probe) => [probe.name, probe]));
  const node = results.startup?.nodeMedianMs ?? results.breakdown?.nodeMedianMs ?? 0;
  const actions = results.startup?.actions ?? [];
  const load = (name: string): number => Math.max(0, probes.get(name)?.loadMs ?? 0);
  const kib = (name: string): number => Math.round((probes.get(name)?.bytes ?? 0) / 1024);
  const probeNode = results.breakdown?.nodeMedianMs ?? node;
  const ratio = (name: string): string => ((probes.get(name)?.medianMs ?? 0) / (probeNode || 1)).toFixed(2);
  const profiled = (action: string, category: string): number =>
    actions.find((a) => a.name === action)?.profileMs?.[category] ?? 0;
  return { node, actions, load, kib, ratio, profiled };
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;

/** The smallest and largest of a profile category across the actions, as "a–b ms". */
function spread(actions: readonly StartupResult[], category: string): string {
  const values = actions.map((action) => action.profileMs?.[category]).filter((v): v is number => v !== undefined);
  if (values.length === 0) return 'not profiled';
  return `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms`;
}

/** Whether 1.7x is in reach, judged by the leanest sweep probe (four reads, no library of ours). */
function reach(leanestSweep: string): string {
  if (Number(leanestSweep) <= TARGETS.startupRatio) {
    return 'A minimal sweep should then come near the last sweep row: what is left above it is our own code.';
  }
  return (
    `Even the last sweep row is ${leanestSweep}× \`node -e 0\` here: for a run that makes four requests one after ` +
    `another, ${TARGETS.startupRatio}× is out of reach on this machine whatever the libraries; it stays in reach for ` +
    'the runs that make none (release-gate, triage ignoring a comment), and only after 1.'
  );
}

export function recommendation(results: BenchResults): string {
  const { node, actions, load, kib, ratio, profiled } = facts(results);
  const budget = node * (TARGETS.startupRatio - 1);
  const perRequest = results.clientOverhead ?? {};
  const overhead = (client: string): string => ms((perRequest[client] ?? NaN) - results.settings.latencyMs);
  return [
    '### Recommendation',
    '',
    `The target leaves a minimal run ${ms(budget)} beyond a bare \`node -e 0\` (${ms(node)} here). What the numbers above say:`,
    '',
    `- The libraries alone take ${ms(load('all-libraries'))} to load (${kib('all-libraries')} KiB). The HTTP stack is most of it: ` +
      `undici (${ms(load('undici'))}, ${kib('undici')} KiB) comes in through two doors, @actions/core's OIDC helper ` +
      '(no action uses OIDC) and @actions/github, and @actions/http-client is bundled twice (v3 under @actions/github, v4 under @actions/core).',
    `- Size costs twice at start: V8 compiling the bundle (${spread(actions, COMPILE_BUNDLE)}) and webpack requiring ` +
      `each bundled module (${spread(actions, WEBPACK)}), on top of each library's own initialisation.`,
    `- Each request through the client factory costs ${overhead('src/github/client.ts (retry + throttling)')} over the ` +
      `latency, against ${overhead('@actions/github getOctokit, no plugins')} without the retry and throttling plugins: ` +
      `bottleneck's timer hops. In a minimal run they show as idle time (ack-report: ${ms(profiled('ack-report', IDLE))} ` +
      'for four requests to an emulator that answers at once).',
    `- Templates, the YAML parser and the CVSS calculator load only when a run uses them (\`await import()\`): ` +
      `ack-report spends ${ms(profiled('ack-report', 'handlebars'))} in handlebars on a run with nothing to ` +
      `acknowledge, triage ${ms(profiled('triage', 'handlebars'))} on a comment it ignores. The reads of a run that do ` +
      'not depend on each other (the tracker and the advisory lists) go out together.',
    `- A sweep's four reads and nothing else: ${ms(load('sweep-today'))} over \`node -e 0\` (${ratio('sweep-today')}×) ` +
      `through today's client, ${ms(load('sweep-lean'))} (${ratio('sweep-lean')}×) through @octokit/core on node:http with ` +
      `the same plugins, ${ms(load('sweep-lean-hooks'))} (${ratio('sweep-lean-hooks')}×) without the bottleneck-based plugins.`,
    '',
    'Done: lazy loading of handlebars, yaml and ae-cvss-calculator (the built-in templates are checked by the unit ' +
      'tests and compiled at their first render), and concurrent independent reads. What remains, in order of gain, ' +
      "replaces libraries the project is built on by design (@actions/core, @actions/github, octokit's retry and " +
      'throttling plugins), so it is left as an option rather than done:',
    '',
    '1. **Replace @actions/core** with a small module of our own: inputs from `INPUT_*`, ' +
      '`GITHUB_OUTPUT`/`GITHUB_STATE`/`GITHUB_STEP_SUMMARY` files, `::error`/`::warning`/`::add-mask::` commands, ' +
      'the exit code. The bundler cannot trim @actions/core: its index imports oidc-utils and platform eagerly. ' +
      `Gain: ${ms(load('actions-core'))} and ${kib('actions-core')} KiB on every action, release-gate included.`,
    '2. **Build the client on @octokit/core** with plugin-paginate-rest instead of @actions/github, its `request.fetch` ' +
      'over node:http/https (test/bench/probes/http-fetch.ts), routes called with `client.request(...)`. Load and ' +
      `first request: ${ms(load('request-client-factory'))} today, ${ms(load('request-octokit-http'))} that way ` +
      `(node:http alone: ${ms(load('request-node-http'))}; Node's global fetch: ${ms(load('request-octokit-fetch'))}, ` +
      "as its first request loads Node's internal undici).",
    '3. **Retry and pace with request hooks** (`octokit.hook.wrap`) instead of plugin-retry and plugin-throttling: ' +
      'the same behaviour without bottleneck, the gap between the last two sweep rows above.',
    '',
    `With 1-3, index.js would hold our code and ${kib('octokit-lean')} KiB of client instead of ` +
      `${kib('client-factory')} KiB: well under 1 MB. ${reach(ratio('sweep-lean-hooks'))}`,
  ].join('\n');
}
