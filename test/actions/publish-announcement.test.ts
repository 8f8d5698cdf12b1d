import { beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Emulator } from '../emulator/index.js';
import { addToken } from '../emulator/state.js';
import type { Advisory } from '../emulator/types.js';
import { runInProcess } from '../harness/in-process.js';
import { runAction } from '../harness/run-action.js';
import { runAgain } from '../harness/second-run.js';
import { watchedEmulator } from '../harness/watched-emulator.js';
import {
  baseInputs,
  denialOfService,
  embargoedBystander,
  issueNow,
  NOW,
  PRIVATE_LIB,
  PROJECT,
  pathTraversal,
  publish,
  release,
  stateOf,
  TRACKER,
  trackingIssue,
  webhookPath,
  writesOf,
} from './publish-announcement.world.js';

const GOLDEN_DIR = fileURLToPath(new URL('../fixtures/announcements/', import.meta.url));

// The leak check after each test: published advisories' text is public; the sentinels sit only where it never is
// (a bystander advisory this run does not release, and the private tracker).
const watched = watchedEmulator(() => ({ now: NOW }));
const results = watched.results;
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
});

function twoCveWorld(): { a: Advisory; b: Advisory; issues: ReturnType<typeof trackingIssue>[] } {
  const a = pathTraversal(emulator);
  const b = denialOfService(emulator);
  embargoedBystander(emulator);
  release(emulator);
  const laterSteps = {
    acknowledgedAt: '2026-01-07T14:00:00.000Z',
    triagedAt: '2026-01-08T10:00:00.000Z',
    fixTeamAt: '2026-01-08T10:00:00.000Z',
    cveRequestedAt: '2026-01-08T10:00:00.000Z',
  };
  const issues = [trackingIssue(emulator, a), trackingIssue(emulator, b, laterSteps)];
  emulator.resetLog();
  return { a, b, issues };
}

describe('publish-announcement: the full release day', () => {
  it('publishes, announces, notifies, thanks, closes the loop, and a re-run writes nothing', async () => {
    const { a, b, issues } = twoCveWorld();
    const [issueA, issueB] = issues;
    if (!issueA || !issueB) throw new Error('no tracking issues');
    const inputs = baseInputs(emulator, [a, b]);
    const result = await publish(emulator, inputs, results);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);

    const advisoryPath = (advisory: Advisory) => `/repos/${PROJECT}/security-advisories/${advisory.ghsaId}`;
    const releaseId = emulator.state.releases.find((r) => r.tagName === 'v1.4.2')?.id;
    const retrospective = Math.max(issueA.number, issueB.number) + 1;
    expect(writesOf(emulator)).toEqual([
      `PATCH ${advisoryPath(a)}`,
      `PATCH ${advisoryPath(b)}`,
      `PATCH /repos/${PROJECT}/releases/${releaseId}`,
      'POST /graphql',
      `POST ${webhookPath(emulator)}`,
      `PATCH /repos/${TRACKER}/issues/${issueA.number}`,
      `PATCH /repos/${TRACKER}/issues/${issueB.number}`,
      `POST ${advisoryPath(a)}/comments`,
      `POST ${advisoryPath(b)}/comments`,
      `POST /repos/${TRACKER}/issues`,
      `POST /repos/${TRACKER}/issues/${issueA.number}/comments`,
      `PATCH /repos/${TRACKER}/issues/${issueA.number}`,
      `POST /repos/${TRACKER}/issues/${issueB.number}/comments`,
      `PATCH /repos/${TRACKER}/issues/${issueB.number}`,
    ]);

    // 2: both published, the bystander untouched.
    expect([a.state, b.state]).toEqual(['published', 'published']);
    expect(emulator.state.advisories.filter((x) => x.state === 'published')).toHaveLength(2);
    expect(JSON.parse(result.outputs.published ?? '[]')).toEqual([a.ghsaId, b.ghsaId]);

    // 3: the Security section, once, linking both.
    const releaseBody = emulator.state.releases.find((r) => r.tagName === 'v1.4.2')?.body ?? '';
    expect(releaseBody).toMatch(
      /^Bug fixes and a security fix\.\n\n<!-- disclosure-actions:security-section -->\n## Security/,
    );
    expect(releaseBody).toContain(
      `- CVE-2026-41234 ([${a.ghsaId}](https://github.com/${PROJECT}/security/advisories/${a.ghsaId}))`,
    );
    expect(releaseBody).toContain(`- CVE-2026-41300 ([${b.ghsaId}]`);
    expect(result.outputs['release-url']).toBe(`https://github.com/${PROJECT}/releases/tag/v1.4.2`);

    // 4: the Discussion in Announcements, with the rendered body.
    expect(emulator.state.discussions).toHaveLength(1);
    const discussion = emulator.state.discussions[0];
    const category = emulator.state.discussionCategories.find((c) => c.id === discussion?.categoryId);
    expect(category?.name).toBe('Announcements');
    expect(discussion?.title).toBe('Security release of sample-project 1.4.2 is now available');
    expect(discussion?.body).toContain(result.outputs.body?.trim() ?? 'no body');
    expect(result.outputs.subject).toBe(discussion?.title);
    expect(result.outputs['discussion-url']).toBe(discussion?.url);
    expect(readFileSync(result.outputs['body-path'] ?? '', 'utf8')).toBe(result.outputs.body);

    // 5: subject and link only.
    expect(emulator.state.webhookDeliveries).toHaveLength(1);
    const text = `Security release of sample-project 1.4.2 is now available: ${discussion?.url}`;
    expect(emulator.state.webhookDeliveries[0]?.body).toEqual({ text, content: text, body: text });

    // 6: each reporter thanked on their advisory, credited as the credits say.
    const thanks = emulator.state.advisoryComments;
    expect(thanks.map((c) => c.ghsaId)).toEqual([a.ghsaId, b.ghsaId]);
    expect(thanks[0]?.body).toContain('Thank you, @reporter-rita,');
    expect(thanks[0]?.body).toContain('The advisory credits you as reporter.');
    expect(thanks[1]?.body).toContain('Thank you, @carol,');
    expect(thanks[1]?.body).toContain('The advisory credits you as finder.');

    // 7: checked off, closed with a summary, the retrospective opened and recorded.
    for (const issue of [issueA, issueB]) {
      const now = issueNow(emulator, issue);
      expect(now.state).toBe('closed');
      expect(now.stateReason).toBe('completed');
      expect(now.body).toContain('- [x] Release the fix');
      expect(now.body).toContain('- [x] Publish the advisory and the announcement');
      expect(stateOf(emulator, issue)).toMatchObject({
        releasedAt: '2026-01-26T16:05:00.000Z',
        publishedAt: expect.stringMatching(/^2026-01-26T16:05:00/),
        retrospectiveIssue: retrospective,
        notified: ['publish-announcement:webhook'],
      });
      const summary = emulator.state.issueComments.filter(
        (c) => c.repo === TRACKER && c.issueNumber === issue.number && c.body.includes('release-summary'),
      );
      expect(summary).toHaveLength(1);
      expect(summary[0]?.body).toContain(`Retrospective: #${retrospective}, due 2026-01-29 16:05 UTC`);
    }
    const retro = emulator.state.issues.find((i) => i.repo === TRACKER && i.number === retrospective);
    expect(retro?.labels).toEqual(['disclosure-retrospective']);
    expect(retro?.title).toBe('Retrospective: security release sample-project 1.4.2');
    expect(result.outputs['retrospective-issue']).toBe(String(retrospective));

    expect(result.summary).toContain('Security release: publish and announce');
    expect(result.summary).toContain(`published ${a.ghsaId}, ${b.ghsaId}`);

    const again = await runAgain(
      'publish-announcement',
      { emulator, now: NOW, repository: PROJECT, inputs },
      emulator,
      runInProcess,
    );
    results.push(again.result);
    expect(again.result.exitCode).toBe(0);
    expect(again.writes).toEqual([]);
    expect(again.result.outputs).toMatchObject({
      published: result.outputs.published,
      'discussion-url': result.outputs['discussion-url'],
      'retrospective-issue': String(retrospective),
      body: result.outputs.body,
    });
    expect(again.result.summary).toMatch(/Publish the advisories<\/td><td>already done/);
    expect(again.result.summary).toMatch(/Chat webhook<\/td><td>already done/);
  });

  it('fills the retrospective timeline from the tracker state against the policy deadlines', async () => {
    const { a, b, issues } = twoCveWorld();
    const result = await publish(emulator, baseInputs(emulator, [a, b]), results);
    expect(result.exitCode).toBe(0);
    const retro = emulator.state.issues.find((i) => i.labels.includes('disclosure-retrospective'));
    const body = retro?.body ?? '';
    expect(body).toContain('<!-- disclosure-actions:retrospective ');
    expect(body).toContain('**Due 2026-01-29 16:05 UTC** (policy `spec11`: within 3 days of the release)');
    expect(body).toContain('### Timeline of CVE-2026-41234');
    const rows = body.split('\n').filter((line) => line.startsWith('| '));
    expect(rows).toEqual(
      expect.arrayContaining([
        '| Report received | 2026-01-05 09:00 UTC | 0 min | - | no deadline |',
        '| Acknowledged | 2026-01-05 11:00 UTC | 2 h | 2026-01-07 09:00 UTC | met |',
        '| Triaged | 2026-01-06 10:00 UTC | 25 h | 2026-01-12 09:00 UTC | met |',
        '| Fix team assigned | 2026-01-06 10:00 UTC | 25 h | 2026-01-12 09:00 UTC | met |',
        '| CVE requested | 2026-01-06 10:00 UTC | 25 h | 2026-01-12 09:00 UTC | met |',
        '| CVE assigned (CVE-2026-41234; first seen then) | 2026-01-26 16:05 UTC | 21 d 7 h | - | no deadline |',
        '| Temporary private fork created | 2026-01-06 11:00 UTC | 26 h | - | no deadline |',
        '| Fix released | 2026-01-26 16:05 UTC | 21 d 7 h | 2026-01-26 17:00 UTC | met |',
        // SPEC 11 states no disclosure deadline.
        '| Advisory published | 2026-01-26 16:05 UTC | 21 d 7 h | - | no deadline |',
        // The second report arrived two days later: its fix release met its deadline.
        '| Fix released | 2026-01-26 16:05 UTC | 19 d 4 h | 2026-01-28 17:00 UTC | met |',
      ]),
    );
    expect(body).toContain(`tracking issue #${issues[0]?.number}`);
    expect(body).toContain('- Collaborators on the advisories: alice');
    expect(body).toContain('- Teams on the advisories: maintainers');
    expect(body).toContain('- Fix team: bob, maintainers');
    expect(body).toContain('- Credited: carol (finder), reporter-rita (reporter)');
    expect(body).toContain('### What went well?');
    expect(body).toContain('### What was slow or hard?');
    expect(body).toContain('### What will we change?');
  });
});

describe('publish-announcement: a run that fails part-way', () => {
  it('fails at the announcement without Discussions permission; a re-run finishes 4-7 without repeating 1-3', async () => {
    const { a, b, issues } = twoCveWorld();
    const inputs = baseInputs(emulator, [a, b]);
    // A token with everything but "Discussions: write".
    addToken(emulator.state, 'token-no-discussions', {
      login: 'release-manager',
      advisoriesWrite: true,
      issuesWrite: true,
      contentsWrite: true,
    });
    const failed = await publish(emulator, { ...inputs, token: 'token-no-discussions' }, results);
    expect(failed.exitCode).toBe(1);
    expect(failed.errors).toHaveLength(1);
    const message = failed.errors[0]?.message ?? '';
    expect(message).toContain('step 4 (Announcement) failed');
    expect(message).toContain('Discussions: write');
    expect(message).toContain(`2 Publish the advisories (done: published ${a.ghsaId}, ${b.ghsaId})`);
    expect(message).toContain('3 Security section in the GitHub release (done:');
    // A missing permission does not pass by itself: no bare "re-run" advice.
    expect(message).toContain('A re-run cannot help until that is fixed');
    expect(message).not.toContain('Re-run the job to finish');
    expect(failed.summary).toMatch(/Announcement<\/td><td>failed/);
    expect(failed.summary).toMatch(/Chat webhook<\/td><td>not reached/);
    expect([a.state, b.state]).toEqual(['published', 'published']);
    expect(emulator.state.discussions).toEqual([]);
    expect(emulator.state.webhookDeliveries).toEqual([]);
    for (const issue of issues) expect(issueNow(emulator, issue).state).toBe('open');
    // Published advisories' announcement is public by now: the outputs already carry it.
    expect(JSON.parse(failed.outputs.published ?? '[]')).toEqual([a.ghsaId, b.ghsaId]);

    emulator.resetLog();
    const rerun = await publish(emulator, inputs, results);
    expect(rerun.exitCode).toBe(0);
    const writes = writesOf(emulator);
    expect(writes.filter((w) => w.includes('/security-advisories/') && w.startsWith('PATCH'))).toEqual([]);
    expect(writes.filter((w) => w.includes('/releases/'))).toEqual([]);
    expect(writes).toContain('POST /graphql');
    expect(writes).toContain(`POST ${webhookPath(emulator)}`);
    expect(emulator.state.discussions).toHaveLength(1);
    expect(emulator.state.webhookDeliveries).toHaveLength(1);
    expect(rerun.summary).toMatch(/Publish the advisories<\/td><td>already done/);
    expect(rerun.summary).toMatch(/Security section in the GitHub release<\/td><td>already done/);
    expect(rerun.summary).toMatch(/Announcement<\/td><td>done/);
    for (const issue of issues) expect(issueNow(emulator, issue).state).toBe('closed');
  });

  it('fails at a webhook that refused the message; a re-run posts it once and finishes, without repeating 1-4', async () => {
    const { a, b } = twoCveWorld();
    const inputs = baseInputs(emulator, [a, b]);
    emulator.webhook.failNext(404);
    const failed = await publish(emulator, inputs, results);
    expect(failed.exitCode).toBe(1);
    expect(failed.errors[0]?.message).toContain(
      'step 5 (Chat webhook) failed: the generic webhook refused it with HTTP 404',
    );
    expect(failed.errors[0]?.message).toContain('4 Announcement (done: discussion:');
    expect(emulator.state.discussions).toHaveLength(1);
    expect(emulator.state.advisoryComments).toEqual([]);

    emulator.resetLog();
    const rerun = await publish(emulator, inputs, results);
    expect(rerun.exitCode).toBe(0);
    expect(writesOf(emulator).filter((w) => w === 'POST /graphql' || w.includes('/releases/'))).toEqual([]);
    expect(emulator.state.discussions).toHaveLength(1);
    expect(emulator.state.webhookDeliveries).toHaveLength(1);
    expect(emulator.state.advisoryComments).toHaveLength(2);
    expect(rerun.summary).toMatch(/Announcement<\/td><td>already done/);
  });

  it('takes a chat message whose fate a 502 left unknown as sent, says so, and never posts it again', async () => {
    const { a, b } = twoCveWorld();
    const inputs = baseInputs(emulator, [a, b]);
    emulator.webhook.failNext(502);
    const result = await publish(emulator, inputs, results);
    expect(result.exitCode).toBe(0);
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/^The release announcement: the generic webhook answered HTTP 502.*counts as sent/),
    );
    expect(emulator.state.webhookDeliveries).toEqual([]);
    const rerun = await publish(emulator, inputs, results);
    expect(rerun.exitCode).toBe(0);
    expect(emulator.state.webhookDeliveries).toEqual([]);
  });

  it("passes on GitHub's refusal to publish, reporting the advisory it did publish", async () => {
    const a = pathTraversal(emulator);
    const b = denialOfService(emulator, PROJECT, { vulnerabilities: [] });
    trackingIssue(emulator, a);
    trackingIssue(emulator, b);
    release(emulator);
    emulator.resetLog();
    const result = await publish(emulator, baseInputs(emulator, [a, b]), results);
    expect(result.exitCode).toBe(1);
    const message = result.errors[0]?.message ?? '';
    expect(message).toContain(`step 2 (Publish the advisories) failed: GitHub refused to publish ${b.ghsaId}`);
    expect(message).toContain('An advisory needs at least one affected product');
    expect(message).toContain(`published before it in this run: ${a.ghsaId}`);
    expect(message).toContain('A re-run cannot help until that is fixed');
    expect([a.state, b.state]).toEqual(['published', 'draft']);
    expect(writesOf(emulator)).toEqual([`PATCH /repos/${PROJECT}/security-advisories/${a.ghsaId}`]);
    expect(JSON.parse(result.outputs.published ?? '[]')).toEqual([a.ghsaId]);
    // Not everything is public: the announcement is withheld.
    expect(result.outputs.body).toBe('');
    expect(result.outputs.subject).toBe('');
  });
});

describe('publish-announcement: the text reviewed for publication', () => {
  it('refuses, writing nothing, while a text was never reviewed or changed after its review, even with confirm', async () => {
    const a = pathTraversal(emulator);
    const b = denialOfService(emulator);
    const issueA = trackingIssue(emulator, a, { sanitized: undefined });
    const issueB = trackingIssue(emulator, b);
    release(emulator);
    b.description = `${b.description ?? ''}\n\nEdited after the review.`;
    emulator.resetLog();
    const result = await publish(
      emulator,
      { ...baseInputs(emulator, [a, b]), 'gate-open': '', confirm: 'true' },
      results,
    );
    expect(result.exitCode).toBe(1);
    const message = result.errors[0]?.message ?? '';
    expect(message).toContain('refusing to publish: a text was not reviewed for publication');
    expect(message).toContain(`${a.ghsaId}'s text was not reviewed for publication yet`);
    expect(message).toContain(`https://github.com/${TRACKER}/issues/${issueA.number}`);
    expect(message).toContain(`${b.ghsaId}'s summary or description changed after sirt-lead reviewed it`);
    expect(message).toContain(`https://github.com/${TRACKER}/issues/${issueB.number}`);
    expect(writesOf(emulator)).toEqual([]);
    expect([a.state, b.state]).toEqual(['draft', 'draft']);
  });
});

describe('publish-announcement: a reporter who wrote outside GitHub', () => {
  it('leaves the thank-you for a person to send through that channel, addressed by the chosen name, once', async () => {
    const a = pathTraversal(emulator, PROJECT, { author: 'sirt-lead', submissionAccepted: null, credits: [] });
    const issue = trackingIssue(emulator, a, {
      ackChannel: 'manual',
      intakeChannel: 'E-mail',
      credit: { name: 'Jane Doe' },
    });
    release(emulator);
    const result = await publish(emulator, baseInputs(emulator, [a]), results);
    expect(result.exitCode).toBe(0);
    const thanks = emulator.state.issueComments.filter(
      (c) => c.issueNumber === issue.number && c.body.includes('disclosure-actions:reporter-thanks'),
    );
    expect(thanks).toHaveLength(1);
    expect(thanks[0]?.body).toContain('the report came through E-mail, outside GitHub');
    expect(thanks[0]?.body).toContain('> Thank you, Jane Doe, for reporting this vulnerability');
    expect(thanks[0]?.body).toContain('> The announcement credits you as Jane Doe.');
    expect(thanks[0]?.body).not.toContain('@Jane');
    const again = await publish(emulator, baseInputs(emulator, [a]), results);
    expect(again.exitCode).toBe(0);
    expect(
      emulator.state.issueComments.filter((c) => c.body.includes('disclosure-actions:reporter-thanks')),
    ).toHaveLength(1);
  });
});

describe('publish-announcement: the temporary private fork', () => {
  it('records the fork deleted at publication, as GitHub deletes it then, so nobody is asked to delete it', async () => {
    const a = pathTraversal(emulator);
    const fork = { fullName: `${PROJECT}-ghsa-fork`, url: `https://github.com/${PROJECT}-ghsa-fork` };
    const issue = trackingIssue(emulator, a, { fork });
    release(emulator);
    const result = await publish(emulator, baseInputs(emulator, [a]), results);
    expect(result.exitCode).toBe(0);
    const state = stateOf(emulator, issue);
    expect(state.forkDeletedAt).toBe(state.publishedAt);
    expect(issueNow(emulator, issue).body).toContain(`- [x] Temporary private fork deleted`);
  });
});

describe('publish-announcement: a policy without a retrospective', () => {
  it('opens no retrospective under conda-forge, whose process holds none, and says so in the tracking issue', async () => {
    const a = pathTraversal(emulator);
    const issue = trackingIssue(emulator, a);
    release(emulator);
    emulator.resetLog();
    const result = await publish(emulator, { ...baseInputs(emulator, [a]), policy: 'conda-forge' }, results);
    expect(result.exitCode).toBe(0);
    expect(a.state).toBe('published');
    expect(emulator.state.issues.filter((i) => i.labels.includes('disclosure-retrospective'))).toEqual([]);
    expect(result.outputs['retrospective-issue']).toBe('');
    expect(stateOf(emulator, issue).retrospectiveIssue).toBeUndefined();
    const summary = emulator.state.issueComments.find((c) => c.body.includes('disclosure-actions:release-summary'));
    expect(summary?.body).toContain('- Retrospective: none (the policy holds none)');
  });
});

describe('publish-announcement: channels', () => {
  it('leaves the thank-you in the tracking issue when advisory comments are not available', async () => {
    emulator.state.features.advisoryComments = false;
    const a = pathTraversal(emulator);
    const issue = trackingIssue(emulator, a);
    release(emulator);
    const inputs = baseInputs(emulator, [a]);
    const result = await publish(emulator, inputs, results);
    expect(result.exitCode).toBe(0);
    expect(emulator.state.advisoryComments).toEqual([]);
    const comments = emulator.state.issueComments.filter((c) => c.repo === TRACKER && c.issueNumber === issue.number);
    const manual = comments.find((c) => c.body.includes('Manual step: thank the reporter'));
    expect(manual?.body).toContain('the advisory comments API answered 404');
    expect(manual?.body).toContain('> Thank you, @\u200Dreporter-rita,');
    expect(result.warnings.map((w) => w.message).join('\n')).toContain(
      'Thank the reporter: message left in the tracking issue',
    );
    expect(result.summary).toMatch(/Thank the reporter<\/td><td>manual/);
    const again = await runAgain(
      'publish-announcement',
      { emulator, now: NOW, repository: PROJECT, inputs },
      emulator,
      runInProcess,
    );
    results.push(again.result);
    expect(again.writes).toEqual([]);
  });

  it('thanks by hand in a private repository and names a GHSA id where no CVE is assigned', async () => {
    const a = pathTraversal(emulator, PRIVATE_LIB, { cveId: null });
    const issue = trackingIssue(emulator, a);
    const inputs = {
      ...baseInputs(emulator, [a]),
      repository: PRIVATE_LIB,
      'discussion-category': '',
      'release-notes': 'false',
      project: 'private-lib',
      'notify-webhook': '',
    };
    const result = await publish(emulator, inputs, results);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.body).toContain(`* ${a.ghsaId} (CVSS score 8.2, high):`);
    expect(result.outputs.body).toContain('This addresses the following vulnerability:');
    expect(result.outputs.body).toContain('Upgrading to 1.4.2 is encouraged to fix this issue.');
    expect(result.outputs.body).toContain(
      'A vulnerability that has no CVE id yet is listed by its GitHub Security Advisory (GHSA) id.',
    );
    expect(result.outputs.body).not.toMatch(/CVE-YEAR|CVE-\d/);
    expect(result.summary).toMatch(/Security section in the GitHub release<\/td><td>skipped/);
    const comments = emulator.state.issueComments.filter((c) => c.issueNumber === issue.number && c.repo === TRACKER);
    expect(comments.map((c) => c.body).join('\n')).toContain(`${PRIVATE_LIB} is private`);
  });
});

describe('publish-announcement: golden announcements (two CVEs, CVSS 3.1 and 4.0)', () => {
  const MITIGATION = [
    'If you cannot upgrade yet:',
    '',
    '* do not extract archives from untrusted sources with `extract_archive`;',
    '* set `SAMPLE_PROJECT_MAX_DEPTH=64` to cap the nesting depth of YAML documents.',
  ].join('\n');

  it.each([
    ['two-cves-with-mitigation.md', MITIGATION],
    ['two-cves-without-mitigation.md', undefined],
  ])('renders %s exactly', async (file, mitigation) => {
    const a = pathTraversal(emulator);
    const b = denialOfService(emulator);
    trackingIssue(emulator, a);
    trackingIssue(emulator, b);
    release(emulator);
    const inputs = { ...baseInputs(emulator, [a, b]), ...(mitigation ? { mitigation } : {}) };
    const result = await publish(emulator, inputs, results);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    const rendered = `Subject: ${result.outputs.subject}\n\n${result.outputs.body}`;
    const path = join(GOLDEN_DIR, file);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(path, rendered);
    }
    expect(existsSync(path)).toBe(true);
    expect(rendered).toBe(readFileSync(path, 'utf8'));
  });
});

// The process boundary: the built bundle reads its inputs from the environment, writes its outputs and summary to the
// runner's files and exits 0. Every other scenario runs `main` in this process (runInProcess).
describe('bundle smoke', () => {
  it('announces in an issue when asked, once', async () => {
    const a = pathTraversal(emulator);
    trackingIssue(emulator, a);
    release(emulator);
    const inputs = { ...baseInputs(emulator, [a]), 'announce-issue': 'true', 'discussion-category': '' };
    const result = await publish(emulator, inputs, results, {}, runAction);
    expect(result.exitCode).toBe(0);
    const announcement = emulator.state.issues.filter((i) => i.repo === PROJECT);
    expect(announcement).toHaveLength(1);
    expect(announcement[0]?.title).toBe('Security release of sample-project 1.4.2 is now available');
    expect(announcement[0]?.labels).toEqual(['security-announcement']);
    expect(result.outputs['announcement-url']).toBe(`https://github.com/${PROJECT}/issues/${announcement[0]?.number}`);
    expect(result.outputs['discussion-url']).toBe('');
    expect(emulator.state.discussions).toEqual([]);
    const again = await runAgain('publish-announcement', { emulator, now: NOW, repository: PROJECT, inputs }, emulator);
    results.push(again.result);
    expect(again.writes).toEqual([]);
  });
});
