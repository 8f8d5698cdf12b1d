/**
 * Is the emulator itself fast enough to measure the actions? At the largest scale, with no injected latency, the
 * median round trip of each request the sweeps make (client and server in this process, loopback HTTP). Anything
 * well under the injected 50 ms leaves the measurement to the action.
 */
import { startEmulator } from '../emulator/index.js';
import { defaultSeed } from '../emulator/seed.js';
import { median } from './stats.js';
import { BENCH_NOW, ORG, seedWorld, TRACKER, type Scale } from './world.js';
import { TRACKER_LABEL } from '../../src/actions/common/tracker.js';

export interface EndpointSpeed {
  readonly request: string;
  readonly medianMs: number;
  readonly maxMs: number;
}

const SAMPLES = 30;

export async function measureEmulatorSpeed(scale: Scale): Promise<EndpointSpeed[]> {
  const emulator = await startEmulator({ seed: defaultSeed(), now: BENCH_NOW, validate: false });
  try {
    seedWorld(emulator.state, scale);
    const busiest = emulator.state.advisories.reduce<Record<string, number>>((counts, advisory) => {
      counts[advisory.repo] = (counts[advisory.repo] ?? 0) + 1;
      return counts;
    }, {});
    const [busiestRepo = `${ORG}/project-1`] = Object.entries(busiest).sort((a, b) => b[1] - a[1])[0] ?? [];
    const lastRepoPage = Math.ceil(emulator.state.repos.length / 100);
    const requests = [
      `/repos/${ORG}/docs-site`,
      `/orgs/${ORG}/security-advisories?state=triage&per_page=100`,
      `/orgs/${ORG}/security-advisories?state=published&per_page=100`,
      `/repos/${busiestRepo}/security-advisories?per_page=100`,
      `/repos/${ORG}/project-${String(scale.repos - 10).padStart(String(scale.repos).length, '0')}/security-advisories?per_page=100`,
      `/orgs/${ORG}/repos?per_page=100&type=all&page=${lastRepoPage}`,
      `/repos/${TRACKER}/issues?labels=${TRACKER_LABEL}&state=all&per_page=100`,
    ];
    const speeds: EndpointSpeed[] = [];
    for (const request of requests) {
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i += 1) {
        const started = performance.now();
        const response = await fetch(`${emulator.url}${request}`, { headers: { authorization: 'token token-admin' } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`emulator answered ${response.status} to ${request}`);
        times.push(performance.now() - started);
      }
      speeds.push({ request, medianMs: median(times), maxMs: Math.max(...times) });
    }
    return speeds;
  } finally {
    await emulator.stop();
  }
}
