import { readDashboardState, type DashboardState } from '../../domain/dashboard.js';
import { ExpectedFailure, PartialFailureError } from '../../domain/errors.js';
import { uniqueBlindSpots } from '../../domain/sla.js';
import type { GitHubClient } from '../../github/client.js';
import { requirePrivateTracker } from '../../github/repos.js';
import { inOrder, sleep } from '../common/concurrency.js';
import type { ActionDependencies } from '../common/runner.js';
import { applySweep, dashboardView, planSweep, type WriteInput } from './apply.js';
import { assessSweep } from './assess.js';
import { dueSoonAt, type SlaConfig } from './config.js';
import { gather, type SweepData } from './gather.js';
import type { InventoryRun } from './inventory.js';
import {
  logSweep,
  setMetricsOutput,
  setSweepOutputs,
  sweepMetrics,
  sweepOutcome,
  writeSweepSummary,
} from './report.js';

function scopeText(config: SlaConfig, data: SweepData): string {
  const parts: string[] = [];
  const org = config.scope.organization;
  if (org) {
    parts.push(
      `organization ${org} (${data.fellBack ? 'each repository listed: the token may not use the organization list' : 'organization advisory list'})`,
    );
  }
  const listed = config.scope.repositories.length;
  if (listed > 0) parts.push(`${listed} listed repositor${listed === 1 ? 'y' : 'ies'}`);
  return parts.join(' and ');
}

/** The inventory's modules load only when it is on. */
async function inventoryBatch(
  client: GitHubClient,
  config: SlaConfig,
  previous: DashboardState,
  now: Date,
): Promise<InventoryRun> {
  const { runInventory } = await import('./inventory.js');
  return runInventory(client, config, previous.inventory, now);
}

/** The sweep, once the inputs are read: gather, assess, write, report. */
export async function sweep(deps: ActionDependencies, config: SlaConfig): Promise<void> {
  const { io } = deps;
  const now = deps.now();
  const client = await deps.openClient(config.token);
  // Read while the tracker's privacy is checked; a public tracker still fails the run first, with nothing written.
  const [, data] = await inOrder(
    requirePrivateTracker(client, config.tracker, 'tracker', io),
    gather(client, config, io),
  );
  const reports = assessSweep(config, data, now, dueSoonAt(config, now));
  const previous = readDashboardState(data.dashboard?.body);
  const inventory = config.inventory.enabled ? await inventoryBatch(client, config, previous, now) : undefined;
  const blindSpots = uniqueBlindSpots([...data.blindSpots, ...(inventory?.blindSpots ?? [])]);
  const metrics = sweepMetrics(reports, now);
  const view = {
    ...dashboardView(reports, {
      policyName: config.policy.name,
      scope: scopeText(config, data),
      now,
      blindSpots,
      inventoryEnabled: config.inventory.enabled,
    }),
    metrics,
  };
  const input: WriteInput = {
    reports,
    dashboard: data.dashboard,
    previous,
    view,
    inventory: inventory?.state ?? previous.inventory,
    sawEverything: blindSpots.length === 0,
  };
  const { tracker, webhook, mention, concurrency } = config;
  const ctx = { client, tracker, webhook, mention, concurrency, log: io, pause: sleep };
  const result = config.dryRun
    ? { ...planSweep(input, io), failures: [], dashboard: data.dashboard }
    : await applySweep(ctx, input);
  const outcome = sweepOutcome(view, reports, {
    inventoryGaps: input.inventory.gaps.length,
    dryRun: config.dryRun,
    dashboardUrl: result.dashboard?.html_url,
    writes: result.writes,
    messages: result.messages,
  });
  if (inventory) io.info(`Inventory: checked batch ${inventory.batch} (${inventory.checked} repositories).`);
  logSweep(outcome, io);
  setSweepOutputs(outcome, io);
  setMetricsOutput(metrics, io, config.metricsFile);
  await writeSweepSummary(outcome, io.summary);
  if (result.failures.length > 0 || data.failures.length > 0) {
    throw new PartialFailureError([...data.failures, ...result.failures]);
  }
  if (config.failOnBreach && outcome.breached.length > 0) {
    throw new ExpectedFailure(
      `${outcome.breached.length} report(s) breached a deadline: ${outcome.breached.map((a) => a.key).join(', ')} (fail-on-breach is on).`,
    );
  }
}
