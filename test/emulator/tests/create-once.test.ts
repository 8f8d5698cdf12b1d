import { silentLog } from '../../harness/silent-log.js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/github/client.js';
import { createComment, createIssue } from '../../../src/github/issues.js';
import { startEmulator, type Emulator } from '../index.js';

let emulator: Emulator | undefined;

afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

const TRACKER = { owner: 'sample-org', repo: 'security-tracker' };

/** The emulator, with its fault injector answering the given write with a 5xx only AFTER applying it. */
async function withLostAnswer(): Promise<Emulator> {
  emulator = await startEmulator();
  return emulator;
}

describe('a create whose answer GitHub lost is made once', () => {
  it('finds the issue it made when the create answered 502 after GitHub applied it', async () => {
    const emu = await withLostAnswer();
    const client = createClient({ token: 'token-admin', log: silentLog, apiUrl: emu.url, pacing: 'none' });
    // A 502 after the write: the emulator applies the create, then the next answer on the wire is lost.
    let lost = 0;
    client.hook.after('request', (_response, options) => {
      if (options.method === 'POST' && lost === 0) {
        lost += 1;
        throw Object.assign(new Error('Server Error'), { status: 502, request: options, response: { headers: {} } });
      }
    });
    const issue = await createIssue(client, TRACKER, { title: 'Report', body: 'body <!-- m -->', labels: ['x'] });
    const comment = await createComment(client, TRACKER, issue.number, 'hello <!-- c -->');
    expect(emu.state.issues.filter((i) => i.repo === 'sample-org/security-tracker')).toHaveLength(1);
    expect(emu.state.issueComments.filter((c) => c.body === 'hello <!-- c -->')).toHaveLength(1);
    expect(comment.body).toBe('hello <!-- c -->');
    expect(emu.log.map((entry) => `${entry.method} ${entry.path.replace(/\d+/g, 'N')}`)).toEqual([
      'POST /repos/sample-org/security-tracker/issues',
      'GET /repos/sample-org/security-tracker/issues',
      'POST /repos/sample-org/security-tracker/issues/N/comments',
    ]);
  });

  it('sends again when the lookup shows the create did not happen', async () => {
    const emu = await withLostAnswer();
    const client = createClient({ token: 'token-admin', log: silentLog, apiUrl: emu.url, pacing: 'none' });
    let refused = 0;
    client.hook.before('request', (options) => {
      if (options.method === 'POST' && refused === 0) {
        refused += 1;
        throw Object.assign(new Error('Bad Gateway'), { status: 502, request: options, response: { headers: {} } });
      }
    });
    await createIssue(client, TRACKER, { title: 'Report', body: 'b' });
    expect(emu.log.map((entry) => entry.method)).toEqual(['GET', 'POST']);
    expect(emu.state.issues).toHaveLength(1);
  });

  it('never sends again what it could not check, and sends a create GitHub refused with a 4xx once', async () => {
    const emu = await withLostAnswer();
    emu.setFaults({ serverErrorRate: 1, serverErrorStatuses: [503] });
    const client = createClient({ token: 'token-admin', log: silentLog, apiUrl: emu.url, pacing: 'none' });
    await expect(createIssue(client, TRACKER, { title: 'Report', body: 'b' })).rejects.toMatchObject({ status: 503 });
    // The lookup (itself retried by the client) fails too: the create is not sent blind a second time.
    expect(emu.log.map((entry) => entry.method)).toEqual(['POST', 'GET', 'GET', 'GET', 'GET']);
    emu.setFaults({});
    emu.resetLog();
    await expect(
      createIssue(client, { owner: 'sample-org', repo: 'nope' }, { title: 'x', body: 'y' }),
    ).rejects.toMatchObject({
      status: 404,
    });
    expect(emu.log).toHaveLength(1);
  });
});
