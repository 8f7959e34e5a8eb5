import { sql } from 'drizzle-orm';
import type { InboundRef } from '@carebridge/domain';
import { newId, type DbOrTx } from '@carebridge/db';
import { arrayParam } from '../../platform/db/source-upsert';

export type OrgTable = 'departments' | 'practitioners';

export interface OrgRef extends InboundRef {
  /** What the inbound record calls it; the title of a practitioner when the source has one. */
  title?: string;
  gender?: string;
  /** The sending system, used as source_system when the department or doctor has to be created. */
  system: string;
}

/** A stable lookup key for a reference within one batch. */
export const orgRefKey = (r: OrgRef) =>
  r.source ? `s:${r.source.system}:${r.source.id}` : r.code ? `c:${r.code}` : `n:${r.name ?? ''}`;

/**
 * Finds the departments or practitioners inbound records name, by source key, then code, then name, and
 * creates the ones the hospital has not registered yet (HIS sends its own department codes; an admin
 * can tidy names later in 科室管理). Returns ref key → id.
 */
export async function resolveOrgRefs(
  tx: DbOrTx,
  table: OrgTable,
  tenantId: string,
  refs: readonly OrgRef[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = new Map(refs.filter((r) => r.source || r.code || r.name).map((r) => [orgRefKey(r), r]));
  if (unique.size === 0) return out;
  const existing = await tx.execute<{ id: string; code: string; name: string; src: string | null }>(sql`
    SELECT id, code, name, source_system || ':' || source_id AS src FROM ${sql.raw(table)}
    WHERE tenant_id = ${tenantId}
      AND (code = ANY(${arrayParam(
        [...unique.values()].map((r) => r.code ?? ''),
        'text',
      )})
        OR name = ANY(${arrayParam(
          [...unique.values()].map((r) => r.name ?? ''),
          'text',
        )})
        OR source_system || ':' || source_id = ANY(${arrayParam(
          [...unique.values()].map((r) => (r.source ? `${r.source.system}:${r.source.id}` : '')),
          'text',
        )}))`);
  const bySource = new Map(existing.rows.filter((r) => r.src).map((r) => [r.src!, r.id]));
  const byCode = new Map(existing.rows.map((r) => [r.code, r.id]));
  const byName = new Map(existing.rows.map((r) => [r.name, r.id]));
  const create: { id: string; ref: OrgRef; code: string }[] = [];
  for (const [key, ref] of unique) {
    const found =
      (ref.source && bySource.get(`${ref.source.system}:${ref.source.id}`)) ||
      (ref.code && byCode.get(ref.code)) ||
      (ref.name && byName.get(ref.name));
    if (found) out.set(key, found);
    else {
      const code = ref.code ?? `${ref.system}:${ref.source?.id ?? ref.name}`.slice(0, 60);
      if (byCode.has(code)) {
        out.set(key, byCode.get(code)!);
        continue;
      }
      const row = { id: newId(), ref, code };
      byCode.set(code, row.id);
      create.push(row);
      out.set(key, row.id);
    }
  }
  if (create.length) await insertOrg(tx, table, tenantId, create);
  return out;
}

async function insertOrg(
  tx: DbOrTx,
  table: OrgTable,
  tenantId: string,
  rows: { id: string; ref: OrgRef; code: string }[],
) {
  const ids = arrayParam(
    rows.map((r) => r.id),
    'uuid',
  );
  const codes = arrayParam(
    rows.map((r) => r.code),
    'text',
  );
  const names = arrayParam(
    rows.map((r) => r.ref.name ?? r.code),
    'text',
  );
  const systems = arrayParam(
    rows.map((r) => r.ref.source?.system ?? r.ref.system),
    'text',
  );
  const sourceIds = arrayParam(
    rows.map((r) => r.ref.source?.id ?? r.code),
    'text',
  );
  if (table === 'departments')
    await tx.execute(sql`
      INSERT INTO departments (id, tenant_id, code, name, kind, source_system, source_id)
      SELECT id, ${tenantId}, code, name, 'clinical', sys, sid
      FROM unnest(${ids}, ${codes}, ${names}, ${systems}, ${sourceIds})
        AS u(id, code, name, sys, sid)
      ON CONFLICT DO NOTHING`);
  else
    await tx.execute(sql`
      INSERT INTO practitioners (id, tenant_id, code, name, title, gender, source_system, source_id)
      SELECT id, ${tenantId}, code, name, title, gender, sys, sid
      FROM unnest(${ids}, ${codes}, ${names}, ${arrayParam(
        rows.map((r) => r.ref.title ?? '医师'),
        'text',
      )},
        ${arrayParam(
          rows.map((r) => r.ref.gender ?? null),
          'text',
        )}, ${systems}, ${sourceIds})
        AS u(id, code, name, title, gender, sys, sid)
      ON CONFLICT DO NOTHING`);
}
