import { z } from 'zod';
import { ROLES } from './roles';

export const roleSchema = z.enum(ROLES);

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  department: z.string().nullable(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  lastLoginAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type User = z.infer<typeof userSchema>;

export const meSchema = userSchema.extend({ permissions: z.array(z.string()) });
export type Me = z.infer<typeof meSchema>;

export const loginRequest = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const loginResponse = z.object({ user: meSchema, csrfToken: z.string() });
export type LoginResponse = z.infer<typeof loginResponse>;

export const PASSWORD_MIN_LENGTH = 10;
/** Password rules; "not the username" is checked by the server where the username is known. */
export const newPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(256);

export const changePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: newPasswordSchema,
});

const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._-]+$/, { message: 'username_charset' });

export const createUserRequest = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(64),
  department: z.string().trim().max(64).nullable().optional(),
  roles: z.array(roleSchema).min(1),
  password: newPasswordSchema,
});
export type CreateUserRequest = z.infer<typeof createUserRequest>;

export const updateUserRequest = z
  .strictObject({
    displayName: z.string().trim().min(1).max(64),
    department: z.string().trim().max(64).nullable(),
    roles: z.array(roleSchema).min(1),
    active: z.boolean(),
    password: newPasswordSchema,
  })
  .partial();
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;

/** `{id}` path parameter of any resource. */
export const idParams = z.strictObject({ id: z.uuid() });
export const userListResponse = z.object({ items: z.array(userSchema) });

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  tokenPrefix: z.string(),
  roles: z.array(roleSchema),
  createdAt: z.iso.datetime({ offset: true }),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
});
export const createApiTokenRequest = z.strictObject({
  name: z.string().trim().min(1).max(64),
  roles: z.array(roleSchema).min(1),
});
/** The secret is in this response only; the server keeps a hash. */
export const createApiTokenResponse = apiTokenSchema.extend({ token: z.string() });
export const apiTokenListResponse = z.object({ items: z.array(apiTokenSchema) });

/** Colleagues by role, for pickers (e.g. a patient's health manager): names only, no account details. */
export const staffQuery = z.strictObject({ role: roleSchema.optional() });
export const staffMemberSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  department: z.string().nullable(),
});
export const staffListResponse = z.object({ items: z.array(staffMemberSchema) });
