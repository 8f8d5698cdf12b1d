/**
 * The start-up recommendation, written with the run's own numbers: what the probes and the profiles show, what to
 * replace, what to load lazily, and what a minimal sweep costs on the leaner stack.
 */
import type { ProbeResult } from './breakdown.js';
import { COMPILE_BUNDLE, IDLE, WEBPACK } from './profile.js';
import type { BenchResults } from './results.js';
import type { StartupResult } from './startup.js';
import { FALLBACK_CONCURRENCY, MAX_CONCURRENCY } from './sweeps.js';
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

/** What the largest fresh sweep's request count alone costs at the latency, one request per slot in flight. */
function freshSweepBound(results: BenchResults): string {
  const largest = results.scales.at(-1);
  const fresh = largest?.runs.find((run) => run.label === 'sla-check, fresh sweep');
  if (!fresh) return '4. **The fresh sweep at scale**: not measured in this run.';
  const seconds = (inFlight: number): string =>
    `${((fresh.requests * results.settings.latencyMs) / inFlight / 1000).toFixed(1)} s`;
  return (
    '4. **The fresh sweep at scale is bound by its requests**: each tracked report is a chain of dependent ' +
    'requests (post, list, update, read, write, settle, read). At ' +
    `${results.settings.latencyMs} ms each, its ${fresh.requests} requests take at least ${seconds(MAX_CONCURRENCY)} ` +
    `with ${MAX_CONCURRENCY} in flight and ${seconds(FALLBACK_CONCURRENCY)} with the default ${FALLBACK_CONCURRENCY}; ` +
    'only fewer requests per report would bring it under the target.'
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
    'Done: lazy loading of handlebars, yaml and ae-cvss-calculator, concurrent independent reads, and (issue 20, ' +
      'keeping ncc, @actions/core, @actions/github and the retry and throttling plugins): undici, ' +
      '@actions/http-client and @actions/exec out of the action bundles, into dist/runtime/, each behind a small ' +
      "stand-in that loads it on first use (scripts/build.mjs), so @actions/core's OIDC and `core.platform` imports " +
      "cost nothing at start; octokit's `request.fetch` on node:http/https (src/github/fetch.ts) unless a proxy is " +
      "set (then the toolkit's proxy-aware undici fetch, as before); bottleneck yielding with `setImmediate` instead " +
      "of `setTimeout(0)`; plugin-throttling's global group sized to the largest `concurrency` under pacing `none`; " +
      "the built-in templates precompiled at build time (Handlebars' runtime only, the compiler just for a project's " +
      'own templates); each action reading its inputs before importing its steps; no CVSS calculator or YAML parser ' +
      'at start through shared helpers; text ordered without ICU for ASCII; a tracking issue waiting for its update ' +
      'to settle giving its request slot to another (the fresh sweep). ' +
      '"Changes measured one by one" below gives the earlier changes\' gains. What remains:',
    '',
    `1. **The retry and throttling plugins** (kept by the issue): their bottleneck scheduling is most of what a ` +
      `minimal run costs over its bare node:http floor (the sweep's four reads above: ${ratio('sweep-lean')}× with ` +
      `them, ${ratio('sweep-lean-hooks')}× without).`,
    "2. **@actions/core's own imports**: node:crypto (file commands) and fs/promises (the step summary) load at " +
      'start in every action; only a core of our own would avoid them.',
    '3. **ICU**: release-gate shows the release slot in five time zones with `Intl.DateTimeFormat`, which ' +
      'initialises ICU (about 16 ms of CPU). A table of zone rules would avoid it, at the price of showing wrong local ' +
      "times once a government changes its rules: the runner's Node brings the current time-zone database.",
    freshSweepBound(results),
  ].join('\n');
}
