import type { Db } from '@carebridge/db';
import type { Role } from '@carebridge/contracts';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { randomSecret, sha256 } from '../../platform/auth/secrets';
import type { AuditService } from '../audit/audit.service';
import type * as repo from './identity.repository';
import type { ApiTokenRow } from './identity.repository';

type Repo = Pick<typeof repo, 'insertApiToken' | 'listApiTokens' | 'revokeApiToken'>;

/** Tokens look like `cbt_<43 chars>`: the prefix makes a leaked token recognisable to secret scanners. */
const TOKEN_PREFIX = 'cbt_';

export function createApiTokensService(d: {
  db: Db;
  repo: Repo;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
}) {
  const ctx = (actor: Actor, origin: RequestOrigin) => ({ tenantId: actor.tenantId, actor, origin });

  async function create(actor: Actor, input: { name: string; roles: Role[] }, origin: RequestOrigin) {
    const token = TOKEN_PREFIX + randomSecret();
    return d.db.transaction(async (tx) => {
      const row = await d.repo.insertApiToken(tx, {
        tenantId: actor.tenantId,
        name: input.name,
        tokenHash: sha256(token),
        tokenPrefix: token.slice(0, 10),
        roles: input.roles,
        createdBy: actor.kind === 'user' ? actor.id : null,
        createdAt: d.clock.now(),
      });
      await d.audit.record(tx, ctx(actor, origin), {
        action: 'api_token.created',
        resourceType: 'api_token',
        resourceId: row.id,
        detail: `roles=${input.roles.join(',')}`,
      });
      return { ...toApiToken(row), token };
    });
  }

  async function list(actor: Actor) {
    return (await d.repo.listApiTokens(d.db, actor.tenantId)).map(toApiToken);
  }

  async function revoke(actor: Actor, id: string, origin: RequestOrigin) {
    await d.db.transaction(async (tx) => {
      const row = await d.repo.revokeApiToken(tx, actor.tenantId, id, d.clock.now());
      if (!row) throw new AppError('not_found');
      await d.audit.record(tx, ctx(actor, origin), {
        action: 'api_token.revoked',
        resourceType: 'api_token',
        resourceId: id,
      });
    });
  }

  return { create, list, revoke };
}

function toApiToken(r: ApiTokenRow) {
  return {
    id: r.id,
    name: r.name,
    tokenPrefix: r.tokenPrefix,
    roles: r.roles as Role[],
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}
