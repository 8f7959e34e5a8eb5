import type { Db, DbOrTx } from '@carebridge/db';
import type { CreateUserRequest, UpdateUserRequest } from '@carebridge/contracts';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { hashPassword } from '../../platform/auth/secrets';
import type { AuditService } from '../audit/audit.service';
import type * as repo from './identity.repository';
import { assertAcceptablePassword } from './password-rules';
import { toUser } from './user-view';

type Repo = Pick<
  typeof repo,
  'listUsers' | 'findUserById' | 'insertUser' | 'updateUser' | 'revokeUserSessions'
>;

export function createUsersService(d: {
  db: Db;
  repo: Repo;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
}) {
  const ctx = (actor: Actor, origin: RequestOrigin) => ({ tenantId: actor.tenantId, actor, origin });

  async function list(actor: Actor) {
    return (await d.repo.listUsers(d.db, actor.tenantId)).map(toUser);
  }

  async function create(actor: Actor, input: CreateUserRequest, origin: RequestOrigin) {
    assertAcceptablePassword(input.password, input.username);
    const passwordHash = await hashPassword(input.password);
    return d.db.transaction(async (tx) => {
      const created = await d.repo.insertUser(tx, {
        tenantId: actor.tenantId,
        username: input.username,
        displayName: input.displayName,
        department: input.department ?? null,
        roles: input.roles,
        passwordHash,
      });
      if (!created) throw new AppError('conflict', [{ path: 'username', message: 'username_taken' }]);
      await d.audit.record(tx, ctx(actor, origin), {
        action: 'user.created',
        resourceType: 'user',
        resourceId: created.id,
        detail: `roles=${input.roles.join(',')}`,
      });
      return toUser(created);
    });
  }

  async function update(actor: Actor, id: string, input: UpdateUserRequest, origin: RequestOrigin) {
    const existing = await d.repo.findUserById(d.db, actor.tenantId, id);
    if (!existing) throw new AppError('not_found');
    if (
      id === actor.id &&
      (input.active === false ||
        (input.roles && !input.roles.includes('admin') && existing.roles.includes('admin')))
    )
      throw new AppError('validation_failed', [
        { path: input.active === false ? 'active' : 'roles', message: 'cannot_remove_own_admin' },
      ]);
    if (input.password) assertAcceptablePassword(input.password, existing.username);
    const now = d.clock.now();
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    const changed = Object.keys(input).filter((k) => input[k as keyof UpdateUserRequest] !== undefined);
    return d.db.transaction(async (tx) => {
      const updated = await d.repo.updateUser(tx, id, {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.department !== undefined ? { department: input.department } : {}),
        ...(input.roles ? { roles: input.roles } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        // Re-enabling an account also lifts a lockout; an admin has vouched for it.
        ...(input.active ? { failedLogins: 0, lockedUntil: null } : {}),
        ...(passwordHash ? { passwordHash, passwordChangedAt: now } : {}),
        updatedAt: now,
      });
      // Taking rights away must take effect now, not when the session expires.
      if (input.active === false || input.roles || passwordHash) await d.repo.revokeUserSessions(tx, id, now);
      await d.audit.record(tx, ctx(actor, origin), {
        action: input.active === false ? 'user.disabled' : 'user.updated',
        resourceType: 'user',
        resourceId: id,
        detail: `changed=${changed.join(',')}${input.roles ? `; roles=${input.roles.join(',')}` : ''}`,
      });
      return toUser(updated!);
    });
  }

  /** Other modules name staff (a patient's health manager) through this, never through the users table. */
  async function staffMember(tenantId: string, id: string, db: DbOrTx = d.db) {
    // Callers inside a transaction pass it: the embedded database has one connection.
    const row = await d.repo.findUserById(db, tenantId, id);
    return row ? { id: row.id, displayName: row.displayName, roles: row.roles, active: row.active } : null;
  }

  /** Active colleagues, optionally of one role: what a picker needs and nothing more. */
  async function directory(tenantId: string, role?: string) {
    return (await d.repo.listUsers(d.db, tenantId))
      .filter((u) => u.active && (!role || u.roles.includes(role)))
      .map((u) => ({ id: u.id, displayName: u.displayName, department: u.department }));
  }

  return { list, create, update, staffMember, directory };
}
export type UsersService = ReturnType<typeof createUsersService>;
