import type { Db, DbOrTx } from '@carebridge/db';
import {
  TIMELINE_TYPES,
  type PatientSummary,
  type ResultTrend,
  type TimelineEntry,
  type TimelineQuery,
} from '@carebridge/contracts';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { Clock } from '../../platform/clock';
import { ageOn, todayIn } from '@carebridge/domain';
import type { AuditService } from '../audit/audit.service';
import { auditedPatientRead } from '../audit/patient-read';
import type * as repo from './clinical.repository';
import type * as timelineRepo from './timeline.repository';
import { fromResultRow, resultFields } from './result-format';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor';

const DAY = 86_400_000;

export interface ClinicalDeps {
  db: Db;
  repo: typeof repo;
  timeline: Pick<typeof timelineRepo, 'timelinePage'>;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
  timeZone: string;
  /** The patient in the caller's tenant, or null (then the answer is 404). */
  findPatient: (
    db: DbOrTx,
    tenantId: string,
    patientId: string,
  ) => Promise<{ birthDate: string | null } | null>;
}

export function createClinicalService(d: ClinicalDeps) {
  // Reads of clinical data are audited like reads of the record itself (auditedPatientRead).
  async function timeline(actor: Actor, patientId: string, q: TimelineQuery, origin: RequestOrigin) {
    const types = q.types?.length ? q.types : TIMELINE_TYPES;
    const before = q.cursor ? decodeCursor(q.cursor, 'cursor', isPosition) : null;
    return auditedPatientRead(d, actor, origin, patientId, 'timeline', async (tx) => {
      const rows = await d.timeline.timelinePage(tx, patientId, types, before, q.limit + 1);
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map(toEntry),
        nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
      };
    });
  }

  async function summary(actor: Actor, patientId: string, origin: RequestOrigin): Promise<PatientSummary> {
    const now = d.clock.now();
    return auditedPatientRead(d, actor, origin, patientId, 'summary', async (tx, patient) => {
      const yearAgo = new Date(now.getTime() - 365 * DAY);
      const visits = await d.repo.visitFigures(tx, patientId, yearAgo);
      const spend = await d.repo.spendSince(tx, patientId, yearAgo);
      const chronic = await d.repo.chronicConditions(tx, patientId);
      const allergies = await d.repo.allergiesOf(tx, patientId);
      const abnormal = await d.repo.abnormalResultsSince(tx, patientId, new Date(now.getTime() - 90 * DAY));
      const family = await d.repo.familyHistoryOf(tx, patientId);
      return {
        age: patient.birthDate ? ageOn(patient.birthDate, todayIn(d.timeZone, now)) : null,
        lastVisitAt: visits.lastVisitAt?.toISOString() ?? null,
        visits12m: visits.visits,
        spend12mFen: spend,
        chronicConditions: chronic.map((c) => ({ ...c, since: new Date(c.since).toISOString() })),
        allergies,
        abnormalResults90d: abnormal.map((r) => ({
          id: r.id,
          releasedAt: r.releasedAt.toISOString(),
          ...fromResultRow(r),
        })),
        familyHistory: family,
        nextAppointment: null,
      };
    });
  }

  async function trend(
    actor: Actor,
    patientId: string,
    code: string,
    origin: RequestOrigin,
  ): Promise<ResultTrend> {
    return auditedPatientRead(d, actor, origin, patientId, `trend:${code}`, async (tx) => {
      const rows = await d.repo.resultSeries(tx, patientId, code);
      const latest = rows.at(-1);
      return {
        code,
        name: latest?.name ?? null,
        unit: latest?.unit ?? null,
        referenceLow: latest?.referenceLow != null ? Number(latest.referenceLow) : null,
        referenceHigh: latest?.referenceHigh != null ? Number(latest.referenceHigh) : null,
        points: rows.map((r) => ({
          at: r.releasedAt.toISOString(),
          value: r.valueNumeric != null ? Number(r.valueNumeric) : null,
          text: r.valueText,
          abnormalFlag: r.abnormalFlag,
          abnormal: fromResultRow(r).abnormal,
        })),
      };
    });
  }

  /** For the patient's own export; the caller audits it. */
  const exportRows = (tx: DbOrTx, patientId: string) => d.repo.allClinicalRows(tx, patientId);
  /** For erasure; runs in the caller's transaction. */
  const anonymise = (tx: DbOrTx, patientId: string) => d.repo.anonymiseClinicalRows(tx, patientId);

  return { timeline, summary, trend, exportRows, anonymise };
}
export type ClinicalService = ReturnType<typeof createClinicalService>;

const isPosition = (v: unknown): v is { at: string; id: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { at?: unknown }).at === 'string' &&
  !Number.isNaN(Date.parse((v as { at: string }).at)) &&
  typeof (v as { id?: unknown }).id === 'string' &&
  /^[0-9a-f-]{36}$/i.test((v as { id: string }).id);

function toEntry(row: timelineRepo.TimelineRow): TimelineEntry {
  const base = { id: row.id, at: row.at, encounterId: row.encounter_id };
  const data = row.data;
  if (row.type === 'result') {
    const r = data as Record<string, string | null>;
    return {
      type: 'result',
      ...base,
      ...resultFields({
        kind: r.kind!,
        code: r.code!,
        name: r.name!,
        value: r.value ?? null,
        unit: r.unit ?? null,
        referenceLow: r.referenceLow ?? null,
        referenceHigh: r.referenceHigh ?? null,
        referenceText: r.referenceText ?? null,
        abnormalFlag: r.abnormalFlag ?? null,
        conclusion: r.conclusion ?? null,
      }),
    };
  }
  if (row.type === 'encounter' && typeof data.endAt === 'string')
    return {
      type: 'encounter',
      ...base,
      ...data,
      endAt: new Date(data.endAt).toISOString(),
    } as TimelineEntry;
  if (row.type === 'charge')
    return { type: 'charge', ...base, ...data, amountFen: Number(data.amountFen) } as TimelineEntry;
  return { type: row.type, ...base, ...data } as TimelineEntry;
}
