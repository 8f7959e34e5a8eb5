// `npm start` from installed to ready: `carebridge all` on an embedded database until /api/health answers.
// The first start (migrations + demo accounts) is reported separately; the target is for later starts.
// Usage: npx tsx bench/startup.ts [--runs 5]
import { parseArgs } from 'node:util';
import { emit, median, removeDir, scratchDir, startServer } from './lib';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const dir = scratchDir();
const env = { CAREBRIDGE_DATA_DIR: dir, CAREBRIDGE_ADMIN_PASSWORD: 'bench-admin-password' };
try {
  const first = await startServer('all', env);
  await first.stop();
  const later: number[] = [];
  for (let i = 0; i < runs; i++) {
    const server = await startServer('all', env);
    later.push(server.readyMs);
    await server.stop();
  }
  emit({
    bench: 'startup',
    db: 'pglite',
    firstStartMs: first.readyMs,
    medianReadyMs: median(later),
    runsMs: later,
    targetMs: 10_000,
  });
} finally {
  removeDir(dir);
}
