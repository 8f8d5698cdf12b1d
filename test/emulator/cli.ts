// `npm run emulator`: the GitHub API emulator on its own, seeded with the demo's world and one private report waiting
// to be acknowledged, for running an action by hand (`npx @github/local-action`, or a bundle with INPUT_* set).
// Options: --port N (default 4010), --enterprise-server (answer as GitHub Enterprise Server, under /api/v3),
// --now ISO (the emulator's clock). Stops on Ctrl-C.
import { addAdvisory } from './state.js';
import { defaultSeed } from './seed.js';
import { startEmulator } from './index.js';

const HELP = `npm run emulator -- [--port 4010] [--enterprise-server] [--now 2026-11-02T09:00:00Z]

Starts the GitHub API emulator on 127.0.0.1, seeded with the demo's world (org sample-org, project
sample-org/sample-project, private tracker sample-org/security-tracker) and one private report in state
"triage". Tokens: token-admin (org owner, every permission), token-repo-writer, token-no-advisories,
token-no-admin, token-reporter. Requests are logged here. Ctrl-C stops it.`;

interface CliOptions {
  readonly port: number;
  readonly enterpriseServer: boolean;
  readonly now: string;
}

function parseOptions(args: readonly string[]): CliOptions | 'help' {
  let port = 4010;
  let enterpriseServer = false;
  let now = '2026-11-02T09:00:00Z';
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--enterprise-server') enterpriseServer = true;
    else if (arg === '--port') port = Number(args[++index]);
    else if (arg === '--now') now = new Date(args[++index] ?? '').toISOString();
    else throw new Error(`unknown option ${arg}\n\n${HELP}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port wants a port number\n\n${HELP}`);
  return { port, enterpriseServer, now };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(HELP);
    return;
  }
  const emulator = await startEmulator({
    seed: defaultSeed(),
    now: options.now,
    port: options.port,
    enterpriseServer: options.enterpriseServer,
    forkReadyAfterMs: 300,
  });
  const report = addAdvisory(emulator.state, 'sample-org/sample-project', {
    state: 'triage',
    summary: 'Path traversal in sample-project archive extraction',
    description: 'Embargoed: extracting a crafted archive writes outside the target directory.',
  });
  console.log(`GitHub API emulator listening: GITHUB_API_URL=${emulator.url}`);
  console.log(`A private report waits on sample-org/sample-project: ${report.ghsaId} (state triage).`);
  console.log('Token with every permission: token-admin. Ctrl-C stops the emulator.\n');
  let logged = 0;
  const timer = setInterval(() => {
    for (const entry of emulator.log.slice(logged)) {
      console.log(`${entry.status} ${entry.method} ${entry.path}${entry.write ? ' (write)' : ''}`);
    }
    logged = emulator.log.length;
  }, 200);
  const stop = (): void => {
    clearInterval(timer);
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`emulator failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
