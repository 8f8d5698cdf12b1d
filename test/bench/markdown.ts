/** BENCHMARKS.md from a run's results. */
import { GROUP_NAMES, type ProbeResult } from './breakdown.js';
import { COMPILE_BUNDLE, GARBAGE, IDLE, NATIVE, NODE_BUILTINS, NODE_CORE, WEBPACK } from './profile.js';
import { recommendation } from './recommendation.js';
import type { BenchResults } from './results.js';
import type { Measured, NaiveMeasured, ScaleResult } from './sweeps.js';

const s = (ms: number): string => (ms / 1000).toFixed(2);
const kib = (bytes: number | undefined): string => (bytes === undefined ? '–' : `${Math.round(bytes / 1024)}`);
const mb = (kb: number | undefined): string => (kb === undefined ? '–' : `${Math.round(kb / 1024)}`);
const n = (value: number): string => value.toLocaleString('en-US');
const verdict = (met: boolean | undefined): string =>
  met === undefined ? 'not measured' : met ? '**met**' : '**not met**';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function runRow(run: Measured): string[] {
  const status = run.exitCode === 0 ? '' : ` (exit ${run.exitCode})`;
  return [
    `${run.label}${status}`,
    n(run.requests),
    n(run.reads),
    n(run.writes),
    `${run.floorMultiple.toFixed(1)}×`,
    s(run.wallMs),
    mb(run.peakRssKb),
  ];
}

function naiveRow(run: NaiveMeasured): string[] {
  return [
    run.alongside ? `${run.label} (alongside)` : run.label,
    n(run.requests),
    n(run.reads),
    n(run.writes),
    `${run.floorMultiple.toFixed(1)}×`,
    `${s(run.listingMs)} (process ${s(run.wallMs)})`,
    '–',
  ];
}

function ratios(scale: ScaleResult): string {
  const sla = scale.runs.find((run) => run.label === 'sla-check, no-change sweep');
  if (!sla) return '';
  const lines = scale.naive.map(
    (naive) =>
      `- ${naive.label} vs sla-check's no-change sweep: **${(naive.requests / sla.requests).toFixed(0)}×** the requests, ` +
      `**${(naive.listingMs / sla.wallMs).toFixed(1)}×** the wall time (the naive listing alone, against sla-check's whole process, start-up included), ` +
      `and it only lists advisories: no tracker, no deadline, no write.`,
  );
  return lines.join('\n');
}

function scaleSection(scale: ScaleResult): string {
  const { world } = scale;
  const heading = `### ${n(scale.scale.repos)} repositories, ${n(scale.scale.advisories)} advisories`;
  const about =
    `${n(world.byState.published)} published, ${n(world.byState.closed)} closed, ${n(world.open)} open ` +
    `(${n(world.byState.triage)} triage, ${n(world.byState.draft)} draft; ${n(world.newReports)} of the triage reports new, without a tracking issue), ` +
    `${n(world.trackerIssues)} tracking issues. **Floor: ${scale.floor} requests** ` +
    `(⌈${world.open}/100⌉ + ⌈${world.trackerIssues}/100⌉).`;
  const header = ['run', 'requests', 'reads', 'writes', '× floor', 'wall time (s)', 'peak RSS (MB)'];
  const rows = [...scale.runs.map(runRow), ...scale.naive.map(naiveRow)];
  const alongside = scale.naive.some((run) => run.alongside)
    ? '\n"(alongside)": on its own emulator with the same world, while the rows above ran (it spends nearly all its ' +
      'time waiting for the latency; `npm run bench -- --serial` runs it alone). Per request: ' +
      scale.naive.map((run) => `${(run.listingMs / run.requests).toFixed(1)} ms`).join(', ') +
      '.\n'
    : '';
  return [heading, '', about, '', table(header, rows), alongside, ratios(scale)].join('\n');
}

function startupSection(results: BenchResults): string {
  const startup = results.startup;
  if (!startup) return '';
  const rows = startup.actions.map((action) => [
    `\`${action.name}\``,
    action.run,
    action.medianMs === undefined ? 'failed' : `${action.medianMs.toFixed(0)} ± ${(action.spreadMs ?? 0).toFixed(0)}`,
    action.ratio === undefined ? '–' : `${action.ratio.toFixed(2)}×`,
    action.floorRatio === undefined
      ? '–'
      : `${action.floorRatio.toFixed(2)}× (${action.floorReads} read${action.floorReads === 1 ? '' : 's'})`,
    action.noInputRatio === undefined ? '–' : `${action.noInputRatio.toFixed(2)}×`,
    `${action.requests} / ${action.writes}`,
    kib(action.indexBytes),
    kib(action.jsBytes),
    kib(action.totalBytes),
  ]);
  rows.push([
    '`node -e 0`',
    'bare Node, same rounds',
    startup.nodeMedianMs.toFixed(0),
    '1.00×',
    '–',
    '–',
    '–',
    '–',
    '–',
    '–',
  ]);
  return [
    '## Start-up',
    '',
    `Median of ${startup.repetitions} complete minimal runs per action, each right after a \`node -e 0\` run; the ratio is ` +
      "the median of (run / that node run), so the machine's changing load cancels out " +
      '(each action after one warm-up run that did whatever there was to do; the emulator without latency); ' +
      '± half the interquartile range of the samples. "× floor": the median of (run / the run of its floor just ' +
      'after it), the floor being a bare node:http script making the same reads one after another (test/bench/floor.ts, ' +
      'built from the run\'s request log). "no inputs": the action started as the runner starts it with no inputs ' +
      '(it fails on the token), against a `node -e 0` run just before it.',
    '',
    table(
      [
        'action',
        'minimal run',
        'median ± ½ IQR (ms)',
        '× node -e 0',
        '× floor',
        'no inputs, × node -e 0',
        'requests / writes',
        'index.js (KiB)',
        'all .js (KiB)',
        'dist/<name>/ (KiB)',
      ],
      rows,
    ),
    ...(startup.distBytes === undefined
      ? []
      : [
          '',
          `dist/runtime/ (undici, @actions/http-client and @actions/exec, shared by every action and loaded only when ` +
            `a run uses them: a proxy, the chat channel, \`core.platform\`): ${kib(startup.runtimeBytes)} KiB. ` +
            `The actions' directories and dist/runtime/ together: ${kib(startup.distBytes)} KiB.`,
        ]),
  ].join('\n');
}

function probeRows(probes: readonly ProbeResult[], allLoadMs: number, nodeMs: number): string[][] {
  return probes.map((probe) => [
    probe.label,
    kib(probe.bytes),
    `${probe.loadMs.toFixed(0)} ± ${(probe.spreadMs ?? 0).toFixed(0)}`,
    `${(probe.medianMs / nodeMs).toFixed(2)}×`,
    allLoadMs > 0 && probe.name !== 'empty' && !/^(request|sweep)-/.test(probe.name)
      ? `${Math.round((100 * probe.loadMs) / allLoadMs)}%`
      : '–',
  ]);
}

function shareRows(byteShares: Record<string, Record<string, number>>): string[][] {
  const actions = Object.keys(byteShares);
  return GROUP_NAMES.map((group) => [
    group,
    ...actions.map((action) => {
      const shares = byteShares[action] ?? {};
      const total = Object.values(shares).reduce((sum, bytes) => sum + bytes, 0);
      const bytes = shares[group] ?? 0;
      return bytes === 0 ? '–' : `${Math.round((100 * bytes) / total)}%`;
    }),
  ]);
}

const PROFILE_CATEGORIES = [COMPILE_BUNDLE, WEBPACK, ...GROUP_NAMES, NODE_BUILTINS, NODE_CORE, GARBAGE, NATIVE, IDLE];

function profileSection(results: BenchResults): string {
  const profiled = (results.startup?.actions ?? []).filter((action) => action.profileMs);
  if (profiled.length === 0) return '';
  const cell = (ms: number | undefined): string => (ms === undefined || ms < 0.5 ? '–' : ms.toFixed(0));
  const rows = PROFILE_CATEGORIES.map((category) => [
    category,
    ...profiled.map((action) => cell(action.profileMs?.[category])),
  ]);
  const total = (action: (typeof profiled)[number]): number =>
    Object.values(action.profileMs ?? {}).reduce((sum, ms) => sum + ms, 0);
  rows.push(['**profiled in all**', ...profiled.map((action) => `**${total(action).toFixed(0)}**`)]);
  rows.push(['wall time (median above)', ...profiled.map((action) => (action.medianMs ?? 0).toFixed(0))]);
  return [
    "Where each minimal run spends its time: V8's sampling profiler (`--cpu-prof`, 250 µs), each sample mapped " +
      "through the snapshot's source maps to the file it ran in, self time summed per library; mean of 3 runs, in ms. " +
      "The profile starts after Node's own bootstrap (about the `node -e 0` time), and profiling slows a run down a little.",
    '',
    table(['', ...profiled.map((action) => `\`${action.name}\``)], rows),
  ].join('\n');
}

function breakdownSection(results: BenchResults): string {
  const breakdown = results.breakdown;
  if (!breakdown) return '';
  const all = breakdown.probes.find((probe) => probe.name === 'all-libraries');
  const actions = Object.keys(breakdown.byteShares);
  return [
    '## Start-up breakdown',
    '',
    `Each library bundled alone with the project's ncc flags (a probe in test/bench/probes/ that imports it), started ` +
      `${breakdown.repetitions} times, each time right after a \`node -e 0\` (median ${breakdown.nodeMedianMs.toFixed(0)} ms here): ` +
      'load = the median of (probe − that node run), so the machine\'s changing load cancels out; the "request" and ' +
      '"sweep" probes also make their requests to the emulator (no latency). ' +
      'Shares are of the load of all libraries together; rows indented with "of which" are parts of the row above, ' +
      'and libraries share dependencies (undici is in both @actions/core and @actions/github), so rows do not add up.',
    '',
    table(
      ['probe', 'JS (KiB)', 'load ± ½ IQR (ms)', '× node -e 0', 'share of all libraries'],
      probeRows(breakdown.probes, all?.loadMs ?? 0, breakdown.nodeMedianMs),
    ),
    '',
    profileSection(results),
    '',
    "Share of what each action loads at start (index.js, lazy chunks left out) by library: webpack's module sizes before minifying, from ncc's stats.",
    '',
    table(['library', ...actions.map((name) => `\`${name}\``)], shareRows(breakdown.byteShares)),
    '',
    recommendation(results),
  ].join('\n');
}

function targetsSection(results: BenchResults): string {
  return [
    '## Targets',
    '',
    table(
      ['target', 'measured', 'verdict'],
      results.targets.map((check) => [check.target, check.measured, verdict(check.met)]),
    ),
  ].join('\n');
}

function emulatorSection(results: BenchResults): string {
  if (!results.emulatorSpeed) return '';
  return [
    '## The emulator at the largest scale',
    '',
    'Round trip without injected latency (client and emulator in one process, loopback HTTP), 30 requests each: ' +
      'what the emulator adds to the injected 50 ms.',
    '',
    table(
      ['request', 'median (ms)', 'max (ms)'],
      results.emulatorSpeed.map((speed) => [
        `\`GET ${speed.request}\``,
        speed.medianMs.toFixed(1),
        speed.maxMs.toFixed(1),
      ]),
    ),
  ].join('\n');
}

function clientSection(results: BenchResults): string {
  const perRequest = results.clientOverhead;
  if (!perRequest) return '';
  const latency = results.settings.latencyMs;
  const rows = Object.entries(perRequest).map(([client, ms]) => [client, ms.toFixed(1), (ms - latency).toFixed(1)]);
  return [
    '## Per-request cost of the client',
    '',
    `The same GET, 40 times one after another at ${latency} ms latency, from a separate process ` +
      '(test/bench/client-overhead.ts). plugin-retry schedules every request through a new bottleneck limiter and ' +
      'plugin-throttling through its own; bottleneck yields to the event loop at each step of a job, so the time ' +
      'adds up per request. It matters where a sweep works one request after another, as the writes of a fresh ' +
      'sweep do. The client factory makes bottleneck yield with `setImmediate` rather than `setTimeout(0)`, for the ' +
      'whole process (so the plugin rows have it too), and sends through node:http (src/github/fetch.ts); the other ' +
      "octokit rows use the toolkit's fetch (undici).",
    '',
    table(['client', 'ms per request', `over the ${latency} ms latency`], rows),
  ].join('\n');
}

function stepsSection(results: BenchResults): string {
  if (!results.steps) return '';
  const rows = results.steps.measures.map((step) => [step.change, step.measure, step.ratio, step.note ?? '']);
  return [
    '## Changes measured one by one',
    '',
    results.steps.about,
    '',
    table(['change', 'measure', 'after / before', 'note'], rows),
  ].join('\n');
}

export function renderMarkdown(results: BenchResults): string {
  const { machine, settings } = results;
  const intro = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\`${results.quick ? ' --quick' : ''} on ${results.date.slice(0, 10)} (${results.date}), ` +
      `commit \`${results.commit}\`, in ${results.durationS.toFixed(0)} s (${(results.buildS ?? 0).toFixed(0)} s of it bundling with ncc). ` +
      'Raw numbers: [benchmarks/results.json](benchmarks/results.json).',
    '',
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}; ` +
      `load average ${machine.loadAverage.start.toFixed(2)} at the start, ${machine.loadAverage.end.toFixed(2)} at the end.`,
    `- Node: the bundles run on ${machine.actionNode} (as \`runs.using: node24\`); the benchmark and the emulator on ${machine.benchNode}.`,
    `- Bundles: ${settings.bundles}.`,
    `- GitHub API: the project's emulator (test/emulator) in the benchmark's process, ${settings.latencyMs} ms latency added to every request, ` +
      'response validation off; the world is seeded straight into its state (test/bench/world.ts). ' +
      `Sweeps run at ${settings.world.now} with \`DISCLOSURE_API_PACING=none\`.`,
    `- Requests and writes: the emulator's log. Wall time: spawn to exit of the action's process. Peak RSS: ${settings.peakRss}.`,
    '- Scope: `organization` with a token that may use the organisation-level advisory list (an org owner), except the ' +
      '"per-repository fallback" rows (a token without it: sla-check lists each repository, 8 at a time).',
    "- The naive baseline (test/bench/naive.ts): the project's client factory, `GET /orgs/{org}/repos`, then " +
      '`GET /repos/{o}/{r}/security-advisories` for each repository, one after another (and 8 at a time).',
    '- Run it: `npm run bench` (this report), `-- --quick` (smallest scale, 5 start-up rounds, written under ' +
      'bench-output/), `-- --serial` (the largest baseline alone rather than alongside), `-- --dist dist` (the ' +
      'bundles in dist/ instead of a snapshot of src/), `-- --render benchmarks/results.json` (this file again).',
  ].join('\n');
  const sweeps = ['## Sweeps', ...results.scales.map(scaleSection)].join('\n\n');
  const failures = (results.errors ?? []).length
    ? ['## Failed parts of this run', '', ...(results.errors ?? []).map((error) => `- ${error.split('\n')[0]}`)].join(
        '\n',
      )
    : '';
  return (
    [
      intro,
      failures,
      targetsSection(results),
      sweeps,
      clientSection(results),
      emulatorSection(results),
      startupSection(results),
      breakdownSection(results),
      stepsSection(results),
    ]
      .filter((section) => section !== '')
      .join('\n\n') + '\n'
  );
}
