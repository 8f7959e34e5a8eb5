#!/usr/bin/env node
// `npm run bench -- NAME [args…]` runs bench/NAME.ts (JSON lines out); without a name, lists them.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.startsWith('lib'))
  .map((f) => f.slice(0, -3));
const [name, ...args] = process.argv.slice(2);
if (!name || !benches.includes(name)) {
  process.stdout.write(
    `usage: npm run bench -- <${benches.join('|')}> [options]  (see docs/benchmarks.md)\n`,
  );
  process.exit(name ? 1 : 0);
}
const result = spawnSync('npx', ['tsx', join(here, `${name}.ts`), ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
