import type { Db, DbOrTx } from '@carebridge/db';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import { AppError } from '../../platform/errors';
import type { AuditService } from './audit.service';

export interface PatientReadDeps<P> {
  db: Db;
  audit: Pick<AuditService, 'record'>;
  /** The patient in the caller's tenant, or null (then the answer is 404). */
  findPatient: (db: DbOrTx, tenantId: string, id: string) => Promise<P | null>;
}

/**
 * A read of one patient's data (a view of the record: timeline, results, value figures …): 404 unless the
 * patient is in the caller's tenant, and a `patient.viewed` audit row naming the view, in the same
 * transaction as the read, so no read goes unrecorded.
 */
export function auditedPatientRead<P, T>(
  d: PatientReadDeps<P>,
  actor: Actor,
  origin: RequestOrigin,
  patientId: string,
  view: string,
  read: (tx: DbOrTx, patient: P) => Promise<T>,
): Promise<T> {
  return d.db.transaction(async (tx) => {
    const patient = await d.findPatient(tx, actor.tenantId, patientId);
    if (!patient) throw new AppError('not_found');
    await d.audit.record(
      tx,
      { tenantId: actor.tenantId, actor, origin },
      {
        action: 'patient.viewed',
        resourceType: 'patient',
        resourceId: patientId,
        patientId,
        detail: `view=${view}`,
      },
    );
    return read(tx, patient);
  });
}
