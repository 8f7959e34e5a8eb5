// Sums vitest's "Tests  N failed | M passed" lines of one `npm test` log into "N passed, N failed".
// A non-zero exit with no failed test (lint, type check, a crash) counts as one failure.
import { readFileSync } from 'node:fs';

const [logPath, exitCode] = process.argv.slice(2);
const text = readFileSync(logPath, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
for (const line of text.split('\n')) {
  const m = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (!m) continue;
  passed += Number(/(\d+) passed/.exec(m[1])?.[1] ?? 0);
  failed += Number(/(\d+) failed/.exec(m[1])?.[1] ?? 0);
}
if (Number(exitCode) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
