/**
 * One batch of the inventory per sweep (see src/domain/inventory.ts): for an organization, one page of its
 * repositories (`inventory-batch` per page, 1 request), the organization's `.github` repository (1 request, plus 1-3 for its SECURITY.md when it exists), then
 * per repository its reporting setting (public repositories only: GitHub offers private reporting on those) and,
 * when the organization has no default policy, its SECURITY.md (1-3 requests). For a list of repositories, one GET
 * per repository of the batch replaces the page.
 */
import {
  batchForRun,
  mergeInventoryBatch,
  type InventoryGapKind,
  type InventoryState,
  type RepositoryCheck,
} from '../../domain/inventory.js';
import type { BlindSpot } from '../../domain/sla.js';
import type { GitHubClient } from '../../github/client.js';
import { getFirstFile, getRepository, isPrivateReportingEnabled, listOrgRepositoryPage } from '../../github/repos.js';
import { fullName, splitFullName, type RepoRef } from '../../github/types.js';
import { mapWithConcurrency } from '../common/concurrency.js';
import type { SlaConfig } from './config.js';

/** Where GitHub looks for a security policy, in its order. */
export const SECURITY_POLICY_PATHS = ['SECURITY.md', '.github/SECURITY.md', 'docs/SECURITY.md'] as const;

interface Candidate {
  readonly ref: RepoRef;
  readonly isPrivate: boolean;
}

interface Batch {
  readonly number: number;
  readonly batches: number;
  readonly candidates: readonly Candidate[];
  readonly notVisible: readonly string[];
}

export interface InventoryRun {
  readonly state: InventoryState;
  readonly batch: number;
  /** Repositories checked in this sweep. */
  readonly checked: number;
  readonly blindSpots: readonly BlindSpot[];
}

const DAY_MS = 24 * 3600_000;

/** The number of pages from the `last` link; without one this page is the last (or, when empty, the org shrank). */
function pageCount(lastPage: number | undefined, page: number, received: number): number {
  if (lastPage !== undefined) return lastPage;
  return received > 0 ? page : 1;
}

function eligible(name: string, repo: { fork: boolean; archived?: boolean }, tracker: string): boolean {
  return !repo.fork && !repo.archived && name.toLowerCase() !== tracker.toLowerCase();
}

async function organizationBatch(
  client: GitHubClient,
  config: SlaConfig,
  org: string,
  previous: InventoryState,
  run: number,
): Promise<Batch> {
  const size = config.inventory.batchSize;
  const page = batchForRun(run, previous.batches);
  const { repositories, lastPage } = await listOrgRepositoryPage(client, org, page, size);
  const batches = pageCount(lastPage, page, repositories.length);
  const tracker = fullName(config.tracker);
  const candidates = repositories
    .filter((repo) => eligible(repo.fullName, repo, tracker))
    .map((repo) => ({ ref: splitFullName(repo.fullName), isPrivate: repo.private }));
  return { number: page, batches, candidates, notVisible: [] };
}

async function listedBatch(client: GitHubClient, config: SlaConfig, run: number): Promise<Batch> {
  const all = config.scope.repositories;
  const size = config.inventory.batchSize;
  const batches = Math.max(1, Math.ceil(all.length / size));
  const number = batchForRun(run, batches);
  const refs = all.slice((number - 1) * size, number * size);
  const found = await mapWithConcurrency(refs, config.concurrency, (ref) => getRepository(client, ref));
  const candidates: Candidate[] = [];
  const notVisible: string[] = [];
  refs.forEach((ref, index) => {
    const repo = found[index];
    if (!repo) notVisible.push(fullName(ref));
    else if (eligible(repo.full_name, repo, fullName(config.tracker)))
      candidates.push({ ref, isPrivate: repo.private });
  });
  return { number, batches, candidates, notVisible };
}

async function hasSecurityPolicy(client: GitHubClient, ref: RepoRef): Promise<boolean> {
  return (await getFirstFile(client, ref, SECURITY_POLICY_PATHS)) !== undefined;
}

async function checkRepository(
  client: GitHubClient,
  candidate: Candidate,
  orgPolicy: boolean,
): Promise<RepositoryCheck> {
  const kinds: InventoryGapKind[] = [];
  if (!candidate.isPrivate) {
    const enabled = await isPrivateReportingEnabled(client, candidate.ref);
    if (enabled === undefined) kinds.push('reporting-unknown');
    else if (!enabled) kinds.push('reporting-disabled');
  }
  if (!orgPolicy && !(await hasSecurityPolicy(client, candidate.ref))) kinds.push('no-security-policy');
  return { repository: fullName(candidate.ref), kinds };
}

/**
 * The organization's default SECURITY.md (its `.github` repository) covers every repository without its own. Most
 * organizations have no such repository: one GET says so before any file is looked for.
 */
async function organizationPolicy(client: GitHubClient, owners: readonly string[]): Promise<Set<string>> {
  const covered = new Set<string>();
  for (const owner of owners) {
    const ref = { owner, repo: '.github' };
    if ((await getRepository(client, ref)) && (await hasSecurityPolicy(client, ref))) covered.add(owner.toLowerCase());
  }
  return covered;
}

export async function runInventory(
  client: GitHubClient,
  config: SlaConfig,
  previous: InventoryState,
  now: Date,
): Promise<InventoryRun> {
  const run = config.runNumber ?? Math.floor(now.getTime() / DAY_MS);
  const org = config.scope.organization;
  const batch = org
    ? await organizationBatch(client, config, org, previous, run)
    : await listedBatch(client, config, run);
  const owners = [...new Set(batch.candidates.map((candidate) => candidate.ref.owner))];
  const covered = await organizationPolicy(client, owners);
  const checks = await mapWithConcurrency(batch.candidates, config.concurrency, (candidate) =>
    checkRepository(client, candidate, covered.has(candidate.ref.owner.toLowerCase())),
  );
  const state = mergeInventoryBatch(previous, batch.number, batch.batches, checks);
  const unknown = state.gaps.filter((gap) => gap.kinds.includes('reporting-unknown'));
  return {
    state,
    batch: batch.number,
    checked: checks.length,
    blindSpots: [
      ...batch.notVisible.map((repository) => ({ repository, reason: 'repository-not-visible' as const })),
      ...unknown.map((gap) => ({ repository: gap.repository, reason: 'reporting-status-unreadable' as const })),
    ],
  };
}
