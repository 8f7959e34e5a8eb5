import { permissionsOf, type Me, type Role, type User } from '@carebridge/contracts';
import type { UserRow } from './identity.repository';

/** The columns a user's public view needs (the session lookup loads only these). */
export type UserProfileRow = Pick<
  UserRow,
  'id' | 'username' | 'displayName' | 'department' | 'roles' | 'active' | 'lastLoginAt' | 'createdAt'
>;

export function toUser(row: UserProfileRow): User {
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

export const toMe = (row: UserProfileRow, permissions = permissionsOf(row.roles)): Me => ({
  ...toUser(row),
  permissions: [...permissions],
});
