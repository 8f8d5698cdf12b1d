// Rebuilds dist/ and fails when it differs from what is committed (new files count too).
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const status = execFileSync('git', ['status', '--porcelain', '--', 'dist'], { encoding: 'utf8' });
if (status.trim() !== '') {
  console.error('dist/ differs from a fresh build; run `npm run build` and commit dist/:\n' + status);
  process.exit(1);
}
console.log('dist/ equals a fresh build');
