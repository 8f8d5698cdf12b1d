/** The four reads of a sweep with nothing to do (tracker, tracking issues, open advisories by state), one by one. */
type Request = (route: string, parameters: Record<string, string | number>) => Promise<unknown>;

export async function sweepRequests(request: Request): Promise<void> {
  const tracker = { owner: 'sample-org', repo: 'security-tracker' };
  await request('GET /repos/{owner}/{repo}', tracker);
  await request('GET /repos/{owner}/{repo}/issues', {
    ...tracker,
    labels: 'disclosure-tracker',
    state: 'all',
    per_page: 100,
  });
  for (const state of ['triage', 'draft']) {
    await request('GET /orgs/{org}/security-advisories', { org: 'sample-org', state, per_page: 100 });
  }
}
