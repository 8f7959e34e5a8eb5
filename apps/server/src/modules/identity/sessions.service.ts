import type { Db } from '@carebridge/db';
import { permissionsOf, type Role } from '@carebridge/contracts';
import { sessionState, shouldRecordActivity } from '@carebridge/domain';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import { AppError } from '../../platform/errors';
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  randomSecret,
  safeEqual,
  sha256,
  verifyPassword,
} from '../../platform/auth/secrets';
import type { AuditService } from '../audit/audit.service';
import type * as repo from './identity.repository';
import { assertAcceptablePassword } from './password-rules';
import { toMe } from './user-view';

type Repo = Pick<
  typeof repo,
  | 'findUserByUsername'
  | 'findUserById'
  | 'recordFailedLogin'
  | 'updateUser'
  | 'insertSession'
  | 'findSessionWithUser'
  | 'touchSession'
  | 'revokeSession'
  | 'revokeUserSessions'
  | 'findApiTokenByHash'
  | 'touchApiToken'
>;

export interface SessionDeps {
  db: Db;
  repo: Repo;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
  session: Config['session'];
  login: Config['login'];
  tenantId: string;
}

export function createSessionService(d: SessionDeps) {
  const auditCtx = (
    origin: RequestOrigin,
    actor: Pick<Actor, 'id' | 'username'> | null,
    actorName?: string,
  ) => ({
    tenantId: d.tenantId,
    actor,
    origin,
    ...(actorName ? { actorName } : {}),
  });

  async function login(username: string, password: string, origin: RequestOrigin) {
    const now = d.clock.now();
    const user = await d.repo.findUserByUsername(d.db, d.tenantId, username);
    const passwordOk = await verifyPassword(user?.passwordHash ?? DUMMY_PASSWORD_HASH, password);
    if (user && user.lockedUntil && user.lockedUntil > now) {
      await d.audit.record(d.db, auditCtx(origin, null, user.username), {
        action: 'auth.login',
        outcome: 'denied',
        detail: 'locked',
        resourceType: 'user',
        resourceId: user.id,
      });
      throw new AppError('account_locked', [], {
        'retry-after': String(Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000)),
      });
    }
    if (!user || !passwordOk) {
      await d.db.transaction(async (tx) => {
        if (user)
          await d.repo.recordFailedLogin(
            tx,
            user.id,
            d.login.maxFailures,
            new Date(now.getTime() + d.login.lockoutMs),
          );
        await d.audit.record(tx, auditCtx(origin, null, username.slice(0, 64)), {
          action: 'auth.login',
          outcome: 'failure',
          resourceType: 'user',
          ...(user ? { resourceId: user.id } : {}),
        });
      });
      throw new AppError('invalid_credentials');
    }
    if (!user.active) {
      await d.audit.record(d.db, auditCtx(origin, null, user.username), {
        action: 'auth.login',
        outcome: 'denied',
        detail: 'disabled',
        resourceType: 'user',
        resourceId: user.id,
      });
      throw new AppError('account_disabled');
    }
    const token = randomSecret();
    const csrfToken = randomSecret();
    const actor = { id: user.id, username: user.username };
    const updated = await d.db.transaction(async (tx) => {
      await d.repo.insertSession(tx, {
        tenantId: user.tenantId,
        userId: user.id,
        tokenHash: sha256(token),
        csrfToken,
        ip: origin.ip,
        userAgent: origin.userAgent?.slice(0, 512) ?? null,
        createdAt: now,
        lastSeenAt: now,
      });
      await d.audit.record(tx, auditCtx(origin, actor), {
        action: 'auth.login',
        resourceType: 'user',
        resourceId: user.id,
      });
      return d.repo.updateUser(tx, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    });
    return { token, csrfToken, user: toMe(updated ?? user) };
  }

  /** Resolves a session cookie to its actor, or says why it cannot (expired, revoked, unknown). */
  async function fromSessionToken(token: string): Promise<Actor | 'expired' | null> {
    const found = await d.repo.findSessionWithUser(d.db, sha256(token));
    if (!found) return null;
    const { session, user } = found;
    const now = d.clock.now();
    if (!user.active || sessionState(session, d.session, now) !== 'active') return 'expired';
    if (shouldRecordActivity(session.lastSeenAt, now)) await d.repo.touchSession(d.db, session.id, now);
    const permissions = permissionsOf(user.roles);
    return {
      kind: 'user',
      id: user.id,
      tenantId: user.tenantId,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles as Role[],
      permissions,
      sessionId: session.id,
      csrfToken: session.csrfToken,
      profile: toMe(user, permissions),
    };
  }

  async function fromApiToken(token: string): Promise<Actor | null> {
    const row = await d.repo.findApiTokenByHash(d.db, sha256(token));
    if (!row || row.revokedAt) return null;
    const now = d.clock.now();
    if (!row.lastUsedAt || shouldRecordActivity(row.lastUsedAt, now))
      await d.repo.touchApiToken(d.db, row.id, now);
    return {
      kind: 'api_token',
      id: row.id,
      tenantId: row.tenantId,
      username: `token:${row.name}`,
      displayName: row.name,
      roles: row.roles as Role[],
      permissions: permissionsOf(row.roles),
    };
  }

  async function logout(actor: Actor, origin: RequestOrigin) {
    if (!actor.sessionId) return;
    const sessionId = actor.sessionId;
    await d.db.transaction(async (tx) => {
      await d.repo.revokeSession(tx, sessionId, d.clock.now());
      await d.audit.record(tx, auditCtx(origin, actor), {
        action: 'auth.logout',
        resourceType: 'user',
        resourceId: actor.id,
      });
    });
  }

  /** Changes the caller's own password and ends their other sessions. */
  async function changePassword(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
    origin: RequestOrigin,
  ) {
    const user = await d.repo.findUserById(d.db, actor.tenantId, actor.id);
    if (!user) throw new AppError('not_found');
    if (!(await verifyPassword(user.passwordHash, currentPassword)))
      throw new AppError('validation_failed', [
        { path: 'currentPassword', message: 'current_password_wrong' },
      ]);
    assertAcceptablePassword(newPassword, user.username, 'newPassword');
    if (safeEqual(currentPassword, newPassword))
      throw new AppError('password_rejected', [{ path: 'newPassword', message: 'password_reused' }]);
    const passwordHash = await hashPassword(newPassword);
    const now = d.clock.now();
    await d.db.transaction(async (tx) => {
      await d.repo.updateUser(tx, user.id, { passwordHash, passwordChangedAt: now, updatedAt: now });
      await d.repo.revokeUserSessions(tx, user.id, now, actor.sessionId);
      await d.audit.record(tx, auditCtx(origin, actor), {
        action: 'auth.password_changed',
        resourceType: 'user',
        resourceId: user.id,
      });
    });
  }

  async function me(actor: Actor) {
    // Cookie sessions carry the profile loaded with the session; API tokens are not staff members.
    if (!actor.profile) throw new AppError('not_found');
    return actor.profile;
  }

  return { login, logout, fromSessionToken, fromApiToken, changePassword, me };
}
export type SessionService = ReturnType<typeof createSessionService>;
