import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, type Config } from '../config';
import { generateDataKey } from './personal-data';

/**
 * The master key for personal data. A PostgreSQL deployment must supply CAREBRIDGE_DATA_KEY (kept in
 * the hospital's secret store, never beside a backup of the database). Embedded mode is for trying
 * CareBridge: it creates a key once and keeps it in the data directory with owner-only permissions,
 * so `npm start` works on a bare machine and data stays readable across restarts.
 */
export function resolveDataKey(config: Pick<Config, 'dataKey' | 'databaseUrl' | 'dataDir'>): Buffer {
  if (config.dataKey) return config.dataKey;
  if (config.databaseUrl)
    throw new ConfigError(
      'invalid configuration:\n  CAREBRIDGE_DATA_KEY: required with DATABASE_URL (32 random bytes, base64; ' +
        'generate one with `npx carebridge keygen`)',
    );
  // An in-memory database dies with the process, and so may its key.
  if (config.dataDir.startsWith('memory://')) return randomBytes(32);
  return embeddedDataKey(config.dataDir);
}

function embeddedDataKey(dataDir: string): Buffer {
  const file = join(dataDir, 'data-key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, generateDataKey() + '\n', { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new ConfigError(`invalid data key in ${file}: expected 32 bytes, base64`);
  return key;
}
