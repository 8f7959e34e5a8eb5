import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPersonalDataCipher, generateDataKey } from './personal-data';
import { resolveDataKey } from './data-key';
import { ConfigError } from '../config';

const key = Buffer.from(generateDataKey(), 'base64');

describe('personal-data cipher', () => {
  const cipher = createPersonalDataCipher(key);

  it('round-trips, with a fresh IV each time, and refuses tampered ciphertext', () => {
    const a = cipher.encrypt('13812345678');
    const b = cipher.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(cipher.decrypt(a)).toBe('13812345678');
    const raw = Buffer.from(a.slice(3), 'base64url');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => cipher.decrypt(`v1.${raw.toString('base64url')}`)).toThrow();
    expect(() => createPersonalDataCipher(Buffer.from(generateDataKey(), 'base64')).decrypt(a)).toThrow();
  });

  it('indexes deterministically per key and kind, so equal numbers are found and kinds never collide', () => {
    expect(cipher.blindIndex('phone', '13812345678')).toBe(cipher.blindIndex('phone', '13812345678'));
    expect(cipher.blindIndex('phone', '13812345678')).not.toBe(cipher.blindIndex('id_card', '13812345678'));
    const other = createPersonalDataCipher(Buffer.from(generateDataKey(), 'base64'));
    expect(other.blindIndex('phone', '13812345678')).not.toBe(cipher.blindIndex('phone', '13812345678'));
  });
});

describe('resolveDataKey', () => {
  it('requires a configured key with PostgreSQL', () => {
    expect(() =>
      resolveDataKey({ dataKey: undefined, databaseUrl: 'postgres://x/y', dataDir: './data' }),
    ).toThrow(ConfigError);
    expect(resolveDataKey({ dataKey: key, databaseUrl: 'postgres://x/y', dataDir: './data' })).toBe(key);
  });

  it('creates an owner-only key file once in an embedded data directory and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-key-'));
    try {
      const first = resolveDataKey({ dataKey: undefined, databaseUrl: undefined, dataDir: dir });
      expect(first).toHaveLength(32);
      expect(statSync(join(dir, 'data-key')).mode & 0o777).toBe(0o600);
      expect(resolveDataKey({ dataKey: undefined, databaseUrl: undefined, dataDir: dir })).toEqual(first);
      expect(Buffer.from(readFileSync(join(dir, 'data-key'), 'utf8').trim(), 'base64')).toEqual(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
