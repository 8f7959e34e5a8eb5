import type { Db } from '@carebridge/db';
import type { UnmaskResponse } from '@carebridge/contracts';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { Clock } from '../../platform/clock';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import { AppError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import type { ClinicalService } from '../clinical/clinical.service';
import type * as repo from './patients.repository';

export interface PatientPrivacyDeps {
  db: Db;
  repo: Pick<
    typeof repo,
    'findPatient' | 'loadPatientParts' | 'updatePatientIfVersion' | 'erasePersonalRows'
  >;
  clinical: Pick<ClinicalService, 'exportRows' | 'anonymise'>;
  audit: Pick<AuditService, 'record' | 'search'>;
  cipher: PersonalDataCipher;
  clock: Clock;
}

const ERASED_NAME = '已匿名';

/** PIPL rights and the unmask path: the only ways clear ID-card and phone numbers leave the database. */
export function createPatientPrivacyService(d: PatientPrivacyDeps) {
  const ctx = (actor: Actor, origin: RequestOrigin) => ({ tenantId: actor.tenantId, actor, origin });

  async function unmask(
    actor: Actor,
    id: string,
    input: { fields: ('phone' | 'idCard')[]; reason: string },
    origin: RequestOrigin,
  ): Promise<UnmaskResponse> {
    return d.db.transaction(async (tx) => {
      const row = await d.repo.findPatient(tx, actor.tenantId, id);
      if (!row) throw new AppError('not_found');
      const out: UnmaskResponse = {};
      if (input.fields.includes('idCard'))
        out.idCard = row.idCardCipher ? d.cipher.decrypt(row.idCardCipher) : null;
      if (input.fields.includes('phone')) {
        const { phones } = await d.repo.loadPatientParts(tx, id);
        out.phones = phones.map((p) => ({
          id: p.id,
          kind: p.kind as 'mobile',
          number: d.cipher.decrypt(p.cipher),
        }));
      }
      await d.audit.record(tx, ctx(actor, origin), {
        action: 'patient.unmasked',
        resourceType: 'patient',
        resourceId: id,
        patientId: id,
        reason: input.reason,
        detail: `fields=${[...new Set(input.fields)].join(',')}`,
      });
      return out;
    });
  }

  /** Everything held about the person, in clear: it is their own data (PIPL art. 45). */
  async function exportAll(actor: Actor, id: string, reason: string, origin: RequestOrigin) {
    return d.db.transaction(async (tx) => {
      const row = await d.repo.findPatient(tx, actor.tenantId, id);
      if (!row) throw new AppError('not_found');
      const parts = await d.repo.loadPatientParts(tx, id);
      const clinical = await d.clinical.exportRows(tx, id);
      const access = await d.audit.search(tx, actor.tenantId, { patientId: id, limit: 200 });
      await d.audit.record(tx, ctx(actor, origin), {
        action: 'patient.exported',
        resourceType: 'patient',
        resourceId: id,
        patientId: id,
        reason,
      });
      const { idCardCipher, idCardHash: _h, tenantId: _t, ...patient } = row;
      return {
        exportedAt: d.clock.now().toISOString(),
        patient: { ...patient, idCard: idCardCipher ? d.cipher.decrypt(idCardCipher) : null },
        sections: {
          phones: parts.phones.map((p) => ({
            kind: p.kind,
            primary: p.isPrimary,
            number: d.cipher.decrypt(p.cipher),
          })),
          identifiers: parts.identifiers.map(({ kind, system, value }) => ({ kind, system, value })),
          contacts: parts.contacts.map((c) => ({
            relation: c.relation,
            name: c.name,
            phone: c.phoneCipher ? d.cipher.decrypt(c.phoneCipher) : null,
            emergency: c.emergency,
            note: c.note,
          })),
          consents: parts.consents.map(({ purpose, channel, granted, grantedAt, withdrawnAt, source }) => ({
            purpose,
            channel,
            granted,
            grantedAt,
            withdrawnAt,
            source,
          })),
          ...clinical,
          // Who accessed the record, most recent 200 (PIPL art. 44: the right to know about processing).
          accessLog: access.items.map(({ actorName, action, occurredAt, reason: why }) => ({
            actorName,
            action,
            occurredAt,
            reason: why,
          })),
        },
      };
    });
  }

  /**
   * Anonymisation on request (PIPL art. 47). The person becomes unidentifiable: names, numbers,
   * contacts, free text and links to source systems go; gender, birth year and province stay so the
   * hospital's aggregates (visits, revenue, age mix) remain true. The audit trail is kept: it holds no
   * personal data and is the evidence that the request was honoured.
   */
  async function erase(
    actor: Actor,
    id: string,
    input: { reason: string; confirmName: string },
    origin: RequestOrigin,
  ) {
    const now = d.clock.now();
    return d.db.transaction(async (tx) => {
      const row = await d.repo.findPatient(tx, actor.tenantId, id);
      if (!row) throw new AppError('not_found');
      if (row.erasedAt) throw new AppError('conflict', [{ path: 'id', message: 'patient_erased' }]);
      if (input.confirmName.replace(/\s+/g, '') !== row.name.replace(/\s+/g, ''))
        throw new AppError('validation_failed', [{ path: 'confirmName', message: 'confirm_name_mismatch' }]);
      const updated = await d.repo.updatePatientIfVersion(tx, id, row.version, anonymousColumns(row, now));
      if (!updated) throw new AppError('conflict', [{ path: 'version', message: 'version_conflict' }]);
      await d.repo.erasePersonalRows(tx, id, now);
      await d.clinical.anonymise(tx, id);
      await d.audit.record(tx, ctx(actor, origin), {
        action: 'patient.erased',
        resourceType: 'patient',
        resourceId: id,
        patientId: id,
        reason: input.reason,
      });
      return { erasedAt: now.toISOString() };
    });
  }

  return { unmask, exportAll, erase };
}
export type PatientPrivacyService = ReturnType<typeof createPatientPrivacyService>;

function anonymousColumns(row: repo.PatientRow, now: Date): Partial<repo.NewPatientRow> {
  return {
    name: ERASED_NAME,
    namePinyin: '',
    nameInitials: '',
    // The year alone (mid-year) keeps age statistics right without pinpointing the person.
    birthDate: row.birthDate ? `${row.birthDate.slice(0, 4)}-07-01` : null,
    idCardCipher: null,
    idCardHash: null,
    idCardMasked: null,
    email: null,
    city: null,
    district: null,
    addressDetail: null,
    nativePlace: null,
    education: null,
    maritalStatus: null,
    occupation: null,
    position: null,
    employer: null,
    economicStatus: null,
    hobbies: null,
    personalityNotes: null,
    consumptionHabits: null,
    preferredChannel: null,
    preferredLanguage: null,
    specialDays: [],
    tags: [],
    vip: false,
    healthManagerId: null,
    erasedAt: now,
    updatedAt: now,
  };
}
