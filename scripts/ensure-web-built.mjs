// `npm start` serves the built console. Build it when it is missing or older than its sources, so a
// fresh clone works and a normal start costs only a few file stats.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const web = new URL('../apps/web/', import.meta.url).pathname;
const built = join(web, 'dist/index.html');
const sources = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  new URL('../packages/contracts/src', import.meta.url).pathname,
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
  console.log('building the web console…');
  execSync('npm run build -w @carebridge/web', { stdio: 'inherit' });
}
