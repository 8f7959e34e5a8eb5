import type { Db, DbOrTx } from '@carebridge/db';
import type { Department, Practitioner } from '@carebridge/contracts';
import type { z } from 'zod';
import type {
  createDepartmentRequest,
  createPractitionerRequest,
  updateDepartmentRequest,
  updatePractitionerRequest,
} from '@carebridge/contracts';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import type * as repo from './organisation.repository';

type CreateDepartment = z.infer<typeof createDepartmentRequest>;
type UpdateDepartment = z.infer<typeof updateDepartmentRequest>;
type CreatePractitioner = z.infer<typeof createPractitionerRequest>;
type UpdatePractitioner = z.infer<typeof updatePractitionerRequest>;

const toDepartment = (r: repo.DepartmentRow): Department => ({
  id: r.id,
  parentId: r.parentId,
  code: r.code,
  name: r.name,
  nameEn: r.nameEn,
  kind: r.kind as Department['kind'],
  active: r.active,
  sortOrder: r.sortOrder,
});

const toPractitioner = (r: {
  practitioner: repo.PractitionerRow;
  departmentName: string | null;
}): Practitioner => ({
  id: r.practitioner.id,
  code: r.practitioner.code,
  name: r.practitioner.name,
  gender: r.practitioner.gender as Practitioner['gender'],
  title: r.practitioner.title,
  departmentId: r.practitioner.departmentId,
  departmentName: r.departmentName,
  specialties: r.practitioner.specialties,
  clinicHours: r.practitioner.clinicHours,
  active: r.practitioner.active,
});

/** Departments (a tree) and practitioners: the hospital's structure that visits and routing refer to. */
export function createOrganisationService(d: {
  db: Db;
  repo: typeof repo;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
}) {
  const ctx = (actor: Actor, origin: RequestOrigin) => ({ tenantId: actor.tenantId, actor, origin });
  const audit = (
    tx: DbOrTx,
    actor: Actor,
    origin: RequestOrigin,
    action: string,
    type: string,
    id: string,
    fields: object,
  ) =>
    d.audit.record(tx, ctx(actor, origin), {
      action,
      resourceType: type,
      resourceId: id,
      detail: `fields=${Object.keys(fields).join(',')}`,
    });

  async function assertDepartment(db: DbOrTx, tenantId: string, id: string | null | undefined, path: string) {
    if (id && !(await d.repo.findDepartment(db, tenantId, id)))
      throw new AppError('validation_failed', [{ path, message: 'unknown_department' }]);
  }

  /** A department may not end up under itself: walk up from the new parent. */
  async function assertNoCycle(
    db: DbOrTx,
    tenantId: string,
    id: string,
    parentId: string | null | undefined,
  ) {
    const all = new Map((await d.repo.listDepartments(db, tenantId)).map((r) => [r.id, r.parentId]));
    for (let at = parentId ?? null, steps = 0; at && steps <= all.size; at = all.get(at) ?? null, steps++)
      if (at === id)
        throw new AppError('validation_failed', [{ path: 'parentId', message: 'department_cycle' }]);
  }

  return {
    async listDepartments(actor: Actor) {
      return (await d.repo.listDepartments(d.db, actor.tenantId)).map(toDepartment);
    },

    async createDepartment(actor: Actor, input: CreateDepartment, origin: RequestOrigin) {
      return d.db.transaction(async (tx) => {
        await assertDepartment(tx, actor.tenantId, input.parentId, 'parentId');
        const row = await d.repo.insertDepartment(tx, { ...input, tenantId: actor.tenantId });
        if (!row) throw new AppError('conflict', [{ path: 'code', message: 'department_code_taken' }]);
        await audit(tx, actor, origin, 'department.created', 'department', row.id, input);
        return toDepartment(row);
      });
    },

    async updateDepartment(actor: Actor, id: string, input: UpdateDepartment, origin: RequestOrigin) {
      return d.db.transaction(async (tx) => {
        if (!(await d.repo.findDepartment(tx, actor.tenantId, id))) throw new AppError('not_found');
        await assertDepartment(tx, actor.tenantId, input.parentId, 'parentId');
        await assertNoCycle(tx, actor.tenantId, id, input.parentId);
        const row = await updateOrConflict(
          () => d.repo.updateDepartment(tx, id, { ...input, updatedAt: d.clock.now() }),
          'code',
          'department_code_taken',
        );
        await audit(tx, actor, origin, 'department.updated', 'department', id, input);
        return toDepartment(row);
      });
    },

    async listPractitioners(actor: Actor, f: { departmentId?: string; q?: string; active?: boolean }) {
      return (await d.repo.listPractitioners(d.db, actor.tenantId, f)).map(toPractitioner);
    },

    async createPractitioner(actor: Actor, input: CreatePractitioner, origin: RequestOrigin) {
      return d.db.transaction(async (tx) => {
        await assertDepartment(tx, actor.tenantId, input.departmentId, 'departmentId');
        const row = await d.repo.insertPractitioner(tx, { ...input, tenantId: actor.tenantId });
        if (!row) throw new AppError('conflict', [{ path: 'code', message: 'practitioner_code_taken' }]);
        await audit(tx, actor, origin, 'practitioner.created', 'practitioner', row.id, input);
        return toPractitioner((await d.repo.findPractitioner(tx, actor.tenantId, row.id))!);
      });
    },

    async updatePractitioner(actor: Actor, id: string, input: UpdatePractitioner, origin: RequestOrigin) {
      return d.db.transaction(async (tx) => {
        if (!(await d.repo.findPractitioner(tx, actor.tenantId, id))) throw new AppError('not_found');
        await assertDepartment(tx, actor.tenantId, input.departmentId, 'departmentId');
        await updateOrConflict(
          () => d.repo.updatePractitioner(tx, id, { ...input, updatedAt: d.clock.now() }),
          'code',
          'practitioner_code_taken',
        );
        await audit(tx, actor, origin, 'practitioner.updated', 'practitioner', id, input);
        return toPractitioner((await d.repo.findPractitioner(tx, actor.tenantId, id))!);
      });
    },
  };
}
export type OrganisationService = ReturnType<typeof createOrganisationService>;

/** A unique-code violation on update becomes a field conflict instead of a 500. */
async function updateOrConflict<T>(run: () => Promise<T | null>, path: string, message: string): Promise<T> {
  try {
    const row = await run();
    if (!row) throw new AppError('not_found');
    return row;
  } catch (error) {
    const code =
      (error as { code?: string; cause?: { code?: string } }).cause?.code ??
      (error as { code?: string }).code;
    if (code === '23505') throw new AppError('conflict', [{ path, message }]);
    throw error;
  }
}
