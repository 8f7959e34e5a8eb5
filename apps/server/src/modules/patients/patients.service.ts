import { todayIn } from '@carebridge/domain';
import type { Db, DbOrTx } from '@carebridge/db';
import type { CreatePatientRequest, Patient, UpdatePatientRequest } from '@carebridge/contracts';
import { newId } from '@carebridge/db';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { Clock } from '../../platform/clock';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import { AppError, type FieldProblem } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../identity/users.service';
import type { MpiService } from '../mpi/mpi.service';
import type * as repo from './patients.repository';
import { consentRows, contactRows, identifierRows, patientColumns, phoneRows } from './patient-row';
import { toPatient } from './patient-view';
import { protectIdCard } from './personal-identifiers';

type Repo = Pick<
  typeof repo,
  | 'findPatient'
  | 'loadPatientParts'
  | 'insertPatient'
  | 'updatePatientIfVersion'
  | 'lockIdCard'
  | 'findPatientIdByIdCardHash'
  | 'findIdentifierOwners'
  | 'replacePhones'
  | 'replaceIdentifiers'
  | 'replaceContacts'
  | 'upsertConsents'
>;

export interface PatientsDeps {
  db: Db;
  repo: Repo;
  audit: Pick<AuditService, 'record'>;
  staff: Pick<UsersService, 'staffMember'>;
  cipher: PersonalDataCipher;
  clock: Clock;
  timeZone: string;
  /** The master patient index: every registration is matched against the people already known. */
  matching: Pick<MpiService, 'registerById' | 'reindex'>;
}

export function createPatientsService(d: PatientsDeps) {
  const ctx = (actor: Actor, origin: RequestOrigin) => ({ tenantId: actor.tenantId, actor, origin });
  const today = () => todayIn(d.timeZone, d.clock.now());

  async function view(db: DbOrTx, row: repo.PatientRow): Promise<Patient> {
    const parts = await d.repo.loadPatientParts(db, row.id);
    const manager = row.healthManagerId
      ? await d.staff.staffMember(row.tenantId, row.healthManagerId, db)
      : null;
    return toPatient(row, parts, today(), manager && { id: manager.id, displayName: manager.displayName });
  }

  async function assertHealthManager(tenantId: string, id: string | null | undefined) {
    if (!id) return;
    const member = await d.staff.staffMember(tenantId, id);
    if (!member?.active || !member.roles.includes('health_manager'))
      throw new AppError('validation_failed', [
        { path: 'healthManagerId', message: 'unknown_health_manager' },
      ]);
  }

  /** Identifiers already held by another person are a conflict, named by their position in the input. */
  async function assertIdentifiersFree(
    tx: DbOrTx,
    tenantId: string,
    patientId: string,
    ids: { system: string; value: string }[],
  ) {
    const owners = await d.repo.findIdentifierOwners(tx, tenantId, ids);
    const taken: FieldProblem[] = ids.flatMap((id, i) =>
      owners.some((o) => o.system === id.system && o.value === id.value && o.patientId !== patientId)
        ? [{ path: `identifiers.${i}.value`, message: 'identifier_taken' }]
        : [],
    );
    if (taken.length) throw new AppError('conflict', taken);
  }

  async function claimIdCard(tx: DbOrTx, tenantId: string, patientId: string, hash: string) {
    await d.repo.lockIdCard(tx, hash);
    const owner = await d.repo.findPatientIdByIdCardHash(tx, tenantId, hash);
    if (owner && owner !== patientId)
      throw new AppError('conflict', [{ path: 'idCard', message: 'id_card_taken' }]);
  }

  async function writeLists(
    tx: DbOrTx,
    tenantId: string,
    patientId: string,
    input: CreatePatientRequest | UpdatePatientRequest,
  ) {
    const c = { tenantId, patientId, now: d.clock.now(), cipher: d.cipher };
    // Entries naming a stored phone or contact keep its number, which the editor saw only masked.
    const stored = input.phones || input.contacts ? await d.repo.loadPatientParts(tx, patientId) : null;
    if (input.phones) await d.repo.replacePhones(tx, patientId, phoneRows(c, input.phones, stored!.phones));
    if (input.identifiers) {
      await assertIdentifiersFree(tx, tenantId, patientId, input.identifiers);
      await d.repo.replaceIdentifiers(tx, patientId, identifierRows(c, input.identifiers));
    }
    if (input.contacts)
      await d.repo.replaceContacts(tx, patientId, contactRows(c, input.contacts, stored!.contacts));
    if (input.consents) await d.repo.upsertConsents(tx, consentRows(c, input.consents));
  }

  async function create(actor: Actor, input: CreatePatientRequest, origin: RequestOrigin): Promise<Patient> {
    await assertHealthManager(actor.tenantId, input.healthManagerId);
    const id = newId();
    const idCard = input.idCard ? protectIdCard(d.cipher, input.idCard) : null;
    const columns = patientColumns(input);
    // The ID number states birth date and sex; a registration that leaves them out takes them from it.
    if (idCard) {
      columns.birthDate ??= idCard.card.birthDate;
      if (input.gender === 'unknown') columns.gender = idCard.card.gender;
    }
    return d.db.transaction(async (tx) => {
      if (idCard) await claimIdCard(tx, actor.tenantId, id, idCard.stored.idCardHash);
      const row = await d.repo.insertPatient(tx, {
        ...(columns as repo.NewPatientRow),
        ...(idCard?.stored ?? {}),
        id,
        tenantId: actor.tenantId,
        createdAt: d.clock.now(),
        updatedAt: d.clock.now(),
      });
      await writeLists(tx, actor.tenantId, id, input);
      await d.audit.record(tx, ctx(actor, origin), {
        action: 'patient.created',
        resourceType: 'patient',
        resourceId: id,
        patientId: id,
      });
      // The same person registered twice is one person: a sure match merges into the known record.
      const personId = await d.matching.registerById(tx, ctx(actor, origin), id);
      if (personId === id) return view(tx, row);
      return view(tx, (await d.repo.findPatient(tx, actor.tenantId, personId))!);
    });
  }

  async function update(
    actor: Actor,
    id: string,
    input: UpdatePatientRequest,
    origin: RequestOrigin,
  ): Promise<Patient> {
    const existing = await d.repo.findPatient(d.db, actor.tenantId, id);
    if (!existing) throw new AppError('not_found');
    if (existing.erasedAt) throw new AppError('conflict', [{ path: 'id', message: 'patient_erased' }]);
    if (input.version !== undefined && input.version !== existing.version)
      throw new AppError('conflict', [{ path: 'version', message: 'version_conflict' }]);
    if (input.healthManagerId !== existing.healthManagerId)
      await assertHealthManager(actor.tenantId, input.healthManagerId);
    const columns = patientColumns(input);
    const idCard = input.idCard ? protectIdCard(d.cipher, input.idCard) : null;
    if (idCard)
      assertAgrees(idCard.card, columns.birthDate ?? existing.birthDate, columns.gender ?? existing.gender);
    if (input.idCard === null)
      Object.assign(columns, { idCardCipher: null, idCardHash: null, idCardMasked: null });
    const changed = Object.keys(input).filter((k) => k !== 'version');
    return d.db.transaction(async (tx) => {
      if (idCard) await claimIdCard(tx, actor.tenantId, id, idCard.stored.idCardHash);
      const row = await d.repo.updatePatientIfVersion(tx, id, existing.version, {
        ...columns,
        ...(idCard?.stored ?? {}),
        updatedAt: d.clock.now(),
      });
      if (!row) throw new AppError('conflict', [{ path: 'version', message: 'version_conflict' }]);
      await writeLists(tx, actor.tenantId, id, input);
      if (!row.mergedInto) await d.matching.reindex(tx, actor.tenantId, id);
      await d.audit.record(tx, ctx(actor, origin), {
        action: 'patient.updated',
        resourceType: 'patient',
        resourceId: id,
        patientId: id,
        // Which fields, never their values.
        detail: `fields=${changed.join(',')}`,
      });
      return view(tx, row);
    });
  }

  /** Every read of a record is evidence of access (PIPL): the audit row is written with the read. */
  async function get(actor: Actor, id: string, origin: RequestOrigin): Promise<Patient> {
    return d.db.transaction(async (tx) => {
      const row = await d.repo.findPatient(tx, actor.tenantId, id);
      if (!row) throw new AppError('not_found');
      await d.audit.record(tx, ctx(actor, origin), {
        action: 'patient.viewed',
        resourceType: 'patient',
        resourceId: id,
        patientId: id,
      });
      return view(tx, row);
    });
  }

  return { create, update, get, view };
}
export type PatientsService = ReturnType<typeof createPatientsService>;

function assertAgrees(
  card: { birthDate: string; gender: 'male' | 'female' },
  birthDate: string | null | undefined,
  gender: string,
) {
  const problems: FieldProblem[] = [];
  if (birthDate && birthDate !== card.birthDate)
    problems.push({ path: 'birthDate', message: 'id_card_birth_date_mismatch' });
  if ((gender === 'male' || gender === 'female') && gender !== card.gender)
    problems.push({ path: 'gender', message: 'id_card_gender_mismatch' });
  if (problems.length) throw new AppError('validation_failed', problems);
}
