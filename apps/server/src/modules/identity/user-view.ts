import { permissionsOf, type Me, type Role, type User } from '@carebridge/contracts';
import type { UserRow } from './identity.repository';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    department: row.department,
    roles: row.roles as Role[],
    active: row.active,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export const toMe = (row: UserRow): Me => ({ ...toUser(row), permissions: [...permissionsOf(row.roles)] });
