import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPopulation, DEMO_TABLES, parseMobile, type DemoTable } from '@carebridge/domain';
import { createTestDatabase, testDbKinds, type TestDatabase } from '../../testing/test-db';
import { createPersonalDataCipher } from '../../platform/crypto/personal-data';
import { BULK_TABLES, LOAD_ORDER } from './demo-tables';
import { DemoSeedRefused, rowsByTable, seedDemoPopulation, seedDemoPopulationIfEmpty } from './demo-seed';

const TENANT = '0190a000-0000-7000-8000-0000000000aa';
const MANAGERS = ['0190a000-0000-7000-8000-0000000000b1', '0190a000-0000-7000-8000-0000000000b2'];
const AS_OF = '2025-06-30';
const PATIENTS = 400;
const cipher = createPersonalDataCipher(randomBytes(32));

/** A migrated database with one tenant and two active health managers (fixed ids, so runs compare). */
async function prepared(kind: TestDatabase['kind']): Promise<TestDatabase> {
  const db = await createTestDatabase(kind);
  await db.pool.query(`INSERT INTO tenants (id, code, name) VALUES ($1, 'demo', '康桥示范医院')`, [TENANT]);
  for (const [i, id] of MANAGERS.entries()) {
    await db.pool.query(
      `INSERT INTO users (id, tenant_id, username, display_name, roles, password_hash)
       VALUES ($1, $2, $3, $4, '{health_manager}', 'not-a-real-hash')`,
      [id, TENANT, `hm${i}`, `健康管家${i}`],
    );
  }
  return db;
}

/** Every row of the demo tables, ciphertexts left out (their IVs are random), ordered by id. */
async function snapshot(db: TestDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of BULK_TABLES) {
    const { rows } = await db.pool.query<{ row: unknown }>(
      `SELECT to_jsonb(t) - 'id_card_cipher' - 'cipher' - 'phone_cipher' AS row FROM "${table}" t ORDER BY id`,
    );
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

describe.each(testDbKinds())('demo population seeding (%s)', (kind) => {
  let db: TestDatabase;
  let expected: Record<DemoTable, number>;

  beforeAll(async () => {
    db = await prepared(kind);
    expected = Object.fromEntries(DEMO_TABLES.map((t) => [t, 0])) as Record<DemoTable, number>;
    for (const batch of createDemoPopulation({ patients: PATIENTS, seed: 11, asOf: AS_OF }).batches(100)) {
      for (const t of DEMO_TABLES) expected[t] += batch[t].length;
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  it('writes every generated row, with the roster and the tenant’s health managers', async () => {
    const summary = await seedDemoPopulation(db, {
      tenantId: TENANT,
      patients: PATIENTS,
      seed: 11,
      asOf: AS_OF,
      cipher,
    });
    expect(summary.method).toBe(kind === 'postgres' ? 'copy-binary' : 'insert-unnest');
    expect(rowsByTable(summary)).toEqual(expected);
    expect(summary.healthManagers).toBe(2);
    for (const spec of LOAD_ORDER) {
      const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${spec.table}"`);
      expect(rows[0]!.n, spec.table).toBe(expected[spec.key]);
    }
    const { rows: roster } = await db.pool.query<{ d: number; p: number; lab: string }>(
      `SELECT (SELECT count(*)::int FROM departments) AS d, (SELECT count(*)::int FROM practitioners) AS p,
              (SELECT name FROM departments WHERE code = 'LAB') AS lab`,
    );
    expect(roster[0]).toEqual({ d: summary.departments, p: summary.practitioners, lab: '检验科' });
    expect(summary.departments).toBeGreaterThanOrEqual(20);
    const { rows: managed } = await db.pool.query<{ id: string; n: number }>(
      `SELECT health_manager_id AS id, count(*)::int AS n FROM patients WHERE health_manager_id IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    expect(managed.map((m) => m.id)).toEqual(MANAGERS);
    expect(Math.abs(managed[0]!.n - managed[1]!.n)).toBeLessThanOrEqual(1);
    // Every visit points at a department of the roster, and clinical rows are marked as demo data.
    const { rows: orphans } = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM encounters e LEFT JOIN departments d ON d.id = e.department_id
        WHERE d.id IS NULL OR e.source_system <> 'demo'`,
    );
    expect(orphans[0]!.n).toBe(0);
  });

  it('stores phones and ID numbers encrypted, blind-indexed and masked; they decrypt to the generated ones', async () => {
    const generated = [
      ...createDemoPopulation({ patients: PATIENTS, seed: 11, asOf: AS_OF }).batches(PATIENTS),
    ][0]!;
    const { rows: phones } = await db.pool.query<{
      id: string;
      cipher: string;
      hash: string;
      masked: string;
      last4: string;
    }>(`SELECT id, cipher, hash, masked, last4 FROM patient_phones ORDER BY id LIMIT 50`);
    expect(phones).toHaveLength(50);
    for (const row of phones) {
      const number = generated.phones.find((p) => p.id === row.id)!.number;
      expect(row.cipher.startsWith('v1.')).toBe(true);
      expect(row.cipher).not.toContain(number);
      expect(cipher.decrypt(row.cipher)).toBe(number);
      expect(parseMobile(number).ok).toBe(true);
      expect(row.hash).toBe(cipher.blindIndex('phone', number));
      expect(row.masked).toBe(`${number.slice(0, 3)}****${number.slice(-4)}`);
      expect(row.last4).toBe(number.slice(-4));
    }
    // Exact lookup by blind index finds the patient, as the search does.
    const someone = generated.patients[7]!;
    const { rows: found } = await db.pool.query<{ id: string; card: string }>(
      `SELECT id, id_card_cipher AS card FROM patients WHERE tenant_id = $1 AND id_card_hash = $2`,
      [TENANT, cipher.blindIndex('id_card', someone.idCard)],
    );
    expect(found.map((f) => f.id)).toEqual([someone.id]);
    expect(cipher.decrypt(found[0]!.card)).toBe(someone.idCard);
  });

  it('refuses to seed a tenant that has patients; the if-empty variant does nothing', async () => {
    const before = await snapshot(db);
    await expect(
      seedDemoPopulation(db, { tenantId: TENANT, patients: 10, seed: 12, asOf: AS_OF, cipher }),
    ).rejects.toBeInstanceOf(DemoSeedRefused);
    expect(
      await seedDemoPopulationIfEmpty(db, { tenantId: TENANT, patients: 10, seed: 12, asOf: AS_OF, cipher }),
    ).toBeNull();
    expect(await snapshot(db)).toEqual(before);
  });

  it('writes the same rows (ciphertexts aside) into another database, rebuilding indexes after the load', async () => {
    const other = await prepared(kind);
    try {
      const indexes = async (d: TestDatabase) =>
        (
          await d.pool.query<{ def: string }>(
            `SELECT indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1::text[]) ORDER BY 1`,
            [BULK_TABLES],
          )
        ).rows.map((r) => r.def);
      const foreignKeys = async (d: TestDatabase) =>
        (
          await d.pool.query<{ def: string }>(
            `SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated AS def
               FROM pg_constraint WHERE contype = 'f' ORDER BY 1`,
          )
        ).rows.map((r) => r.def);
      const indexesBefore = await indexes(other);
      const keysBefore = await foreignKeys(other);
      const summary = await seedDemoPopulationIfEmpty(other, {
        tenantId: TENANT,
        patients: PATIENTS,
        seed: 11,
        asOf: AS_OF,
        cipher,
        healthManagerIds: MANAGERS,
        rebuildIndexes: 'always',
      });
      expect(summary?.indexesRebuilt).toBe(true);
      expect(await indexes(other)).toEqual(indexesBefore);
      expect(await foreignKeys(other)).toEqual(keysBefore);
      expect(await snapshot(other)).toEqual(await snapshot(db));
    } finally {
      await other.close();
    }
  });
});
