import type { Db } from '@carebridge/db';
import { hashPassword } from '../../platform/auth/secrets';
import { AppError } from '../../platform/errors';
import { insertUser } from './identity.repository';
import { assertAcceptablePassword } from './password-rules';

/** Used by `carebridge create-admin`: another administrator, e.g. when the first one left. */
export async function createAdmin(
  db: Db,
  tenantId: string,
  input: { username: string; displayName: string; password: string },
) {
  assertAcceptablePassword(input.password, input.username);
  const created = await insertUser(db, {
    tenantId,
    username: input.username,
    displayName: input.displayName,
    roles: ['admin'],
    passwordHash: await hashPassword(input.password),
  });
  if (!created) throw new AppError('conflict', [{ path: 'username', message: 'username_taken' }]);
  return created;
}
