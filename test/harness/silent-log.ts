import type { ClientLog } from '../../src/github/client.js';

/** A client log for tests that open a client by hand and assert on requests, not on the job log. */
export const silentLog: ClientLog = { warning: () => undefined, setSecret: () => undefined };
