import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// In a bare process (vitest keeps timers of its own): after close(), nothing may keep a finished CLI
// command alive. A leftover 10 s safety timer once made every `carebridge migrate` take 11 s.
const script = `
  import { openDb } from ${JSON.stringify(fileURLToPath(new URL('./open.ts', import.meta.url)))};
  const database = await openDb({ dataDir: 'memory://' });
  await database.pool.query('select 1');
  await database.close();
  console.log(JSON.stringify(process.getActiveResourcesInfo()));
`;

describe('embedded database', () => {
  it('leaves no timer running after close', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carebridge-db-'));
    try {
      writeFileSync(join(dir, 'close.mts'), script);
      const out = execFileSync(process.execPath, ['--import', 'tsx', join(dir, 'close.mts')], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      const resources = JSON.parse(out.trim().split('\n').at(-1)!) as string[];
      expect(resources.filter((r) => r === 'Timeout')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
