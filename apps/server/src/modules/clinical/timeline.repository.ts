import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@carebridge/db';
import type { TimelineType } from '@carebridge/contracts';

export interface TimelineRow {
  type: TimelineType;
  id: string;
  at: string;
  encounter_id: string | null;
  data: Record<string, unknown>;
}

export interface TimelinePosition {
  at: string;
  id: string;
}

/**
 * One SELECT per entry type, each walking its (patient_id, time) index backwards and stopping after
 * `limit` rows, merged by time: a page costs a few index range scans however long the history is.
 */
const SOURCES: Record<TimelineType, { table: SQL; at: SQL; encounter: SQL; data: SQL; join?: SQL }> = {
  encounter: {
    table: sql`encounters t`,
    at: sql`t.start_at`,
    encounter: sql`t.id`,
    join: sql`left join departments dep on dep.id = t.department_id left join practitioners pr on pr.id = t.practitioner_id`,
    data: sql`jsonb_build_object('kind', t.kind, 'departmentName', dep.name, 'practitionerName', pr.name,
      'status', t.status, 'endAt', t.end_at, 'registrationChannel', t.registration_channel,
      'waitingMinutes', t.waiting_minutes)`,
  },
  diagnosis: {
    table: sql`diagnoses t`,
    at: sql`t.diagnosed_at`,
    encounter: sql`t.encounter_id`,
    data: sql`jsonb_build_object('icd10Code', t.icd10_code, 'name', t.name, 'chronic', t.chronic)`,
  },
  result: {
    table: sql`results t`,
    at: sql`t.released_at`,
    encounter: sql`t.encounter_id`,
    data: sql`jsonb_build_object('kind', t.kind, 'code', t.code, 'name', t.name,
      'value', coalesce(t.value_numeric::text, t.value_text), 'unit', t.unit,
      'referenceLow', t.reference_low::text, 'referenceHigh', t.reference_high::text,
      'referenceText', t.reference_text, 'abnormalFlag', t.abnormal_flag, 'conclusion', t.conclusion)`,
  },
  medication: {
    table: sql`medications t`,
    at: sql`t.prescribed_at`,
    encounter: sql`t.encounter_id`,
    data: sql`jsonb_build_object('drugName', t.drug_name, 'dose', t.dose, 'frequency', t.frequency,
      'route', t.route, 'startDate', t.start_date, 'endDate', t.end_date, 'chronic', t.chronic)`,
  },
  procedure: {
    table: sql`procedures t`,
    at: sql`t.performed_at`,
    encounter: sql`t.encounter_id`,
    data: sql`jsonb_build_object('code', t.code, 'name', t.name)`,
  },
  charge: {
    table: sql`charges t`,
    at: sql`t.charged_at`,
    encounter: sql`t.encounter_id`,
    data: sql`jsonb_build_object('category', t.category, 'amountFen', t.amount_fen,
      'paymentMethod', t.payment_method, 'payer', t.payer)`,
  },
  allergy: {
    table: sql`allergies t`,
    at: sql`t.recorded_at`,
    encounter: sql`null::uuid`,
    data: sql`jsonb_build_object('substance', t.substance, 'reaction', t.reaction, 'severity', t.severity)`,
  },
};

export async function timelinePage(
  db: DbOrTx,
  patientId: string,
  types: readonly TimelineType[],
  before: TimelinePosition | null,
  limit: number,
): Promise<TimelineRow[]> {
  const parts = types.map((type) => {
    const s = SOURCES[type];
    const after = before ? sql`and (${s.at}, t.id) < (${before.at}::timestamptz, ${before.id}::uuid)` : sql``;
    return sql`(select ${type}::text as type, t.id, ${s.at} as at, ${s.encounter} as encounter_id, ${s.data} as data
      from ${s.table} ${s.join ?? sql``}
      where t.patient_id = ${patientId} ${after}
      order by ${s.at} desc, t.id desc limit ${limit})`;
  });
  const query = sql`select type, id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
      encounter_id, data
    from (${sql.join(parts, sql` union all `)}) merged
    order by merged.at desc, id desc limit ${limit}`;
  const result = await db.execute(query);
  return result.rows as unknown as TimelineRow[];
}
