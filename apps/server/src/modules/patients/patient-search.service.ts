import type { Db } from '@carebridge/db';
import { birthDateBounds, queryKind, readPatientQuery, todayIn } from '@carebridge/domain';
import type { PatientSearchQuery, PatientSearchResponse } from '@carebridge/contracts';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { Clock } from '../../platform/clock';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor';
import { AppError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import type * as repo from './patient-search.repository';
import { toListItem } from './patient-view';

const COUNT_CAP = 10_000;

export interface PatientSearchDeps {
  db: Db;
  repo: Pick<typeof repo, 'searchPatients' | 'countPatients' | 'listDecorations'>;
  audit: Pick<AuditService, 'record'>;
  cipher: PersonalDataCipher;
  clock: Clock;
  timeZone: string;
}

const isSortKey = (v: unknown): v is [string, string, string] =>
  Array.isArray(v) &&
  v.length === 3 &&
  v.every((x) => typeof x === 'string') &&
  /^[0-9a-f-]{36}$/i.test(String(v[1]));

export function createPatientSearchService(d: PatientSearchDeps) {
  function spec(tenantId: string, q: PatientSearchQuery, today: string): repo.PatientSearchSpec {
    const readings = q.q ? readPatientQuery(q.q) : {};
    const { latest, earliestExclusive } = birthDateBounds(today, q.ageMin, q.ageMax);
    return {
      tenantId,
      name: readings.name,
      pinyin: readings.pinyin,
      latinName: readings.latinName,
      phoneTail: readings.phoneTail,
      recordNumber: readings.recordNumber,
      // Clear numbers are turned into their blind index here and go no further.
      phoneHash: readings.phone ? d.cipher.blindIndex('phone', readings.phone) : undefined,
      idCardHash: readings.idCard ? d.cipher.blindIndex('id_card', readings.idCard) : undefined,
      gender: q.gender,
      bornOnOrBefore: latest,
      bornAfter: earliestExclusive,
      tags: q.tags,
      departmentId: q.departmentId,
      chronicCodePrefix: q.chronic?.toUpperCase(),
      healthManagerId: q.healthManagerId,
      vip: q.vip,
    };
  }

  async function search(
    actor: Actor,
    q: PatientSearchQuery,
    origin: RequestOrigin,
  ): Promise<PatientSearchResponse> {
    const today = todayIn(d.timeZone, d.clock.now());
    const s = spec(actor.tenantId, q, today);
    const cursor = q.cursor ? decodeCursor(q.cursor, 'cursor', isSortKey) : null;
    // A cursor from another sort order would page through the wrong key.
    const after = cursor && cursor[2] === q.sort ? ([cursor[0], cursor[1]] as repo.SortKey) : null;
    if (cursor && !after)
      throw new AppError('validation_failed', [{ path: 'cursor', message: 'unknown_cursor' }]);
    return d.db.transaction(async (tx) => {
      const rows = await d.repo.searchPatients(tx, s, q.sort, after, q.limit + 1);
      // A short first page is its own count; only a full one needs counting.
      const total =
        !after && rows.length <= q.limit ? rows.length : await d.repo.countPatients(tx, s, COUNT_CAP);
      const page = rows.slice(0, q.limit);
      const { phones, mrns } = await d.repo.listDecorations(
        tx,
        page.map((r) => r.id),
      );
      // Searching is access to patient data: who searched, for what kind of key, how many hits.
      await d.audit.record(
        tx,
        { tenantId: actor.tenantId, actor, origin },
        {
          action: 'patient.searched',
          resourceType: 'patient',
          detail: `query=${q.q ? queryKind(readPatientQuery(q.q)) : 'none'};hits=${Math.min(total, COUNT_CAP)}`,
        },
      );
      const last = page.at(-1);
      return {
        items: page.map((r) => toListItem(r, today, phones.get(r.id) ?? null, mrns.get(r.id) ?? null)),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.sortKey, last.id, q.sort]) : null,
        total: Math.min(total, COUNT_CAP),
        totalExact: total <= COUNT_CAP,
      };
    });
  }

  return { search };
}
export type PatientSearchService = ReturnType<typeof createPatientSearchService>;
