import type { z } from 'zod';
import type {
  apiTokenListResponse,
  apiTokenSchema,
  auditSearchQuery,
  auditSearchResponse,
  changePasswordRequest,
  createApiTokenRequest,
  createApiTokenResponse,
  CreateUserRequest,
  JobsOverview,
  LoginResponse,
  Me,
  runJobResponse,
  UpdateUserRequest,
  User,
  userListResponse,
} from '@carebridge/contracts';
import { apiRequest, setCsrfToken } from './client';

// Types come from the shared zod contracts, so a contract change breaks the web build, not production.
export type ApiToken = z.infer<typeof apiTokenSchema>;
export type CreatedApiToken = z.infer<typeof createApiTokenResponse>;
export type CreateApiTokenRequest = z.infer<typeof createApiTokenRequest>;
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;
export type AuditSearch = Omit<z.infer<typeof auditSearchQuery>, 'cursor' | 'limit'> & { limit?: number };
export type AuditPage = z.infer<typeof auditSearchResponse>;
export type { JobsOverview };
export type JobQueue = JobsOverview['queues'][number];
export type JobSchedule = JobsOverview['schedules'][number];
export type RunJobResult = z.infer<typeof runJobResponse>;

export async function login(username: string, password: string): Promise<Me> {
  const response = await apiRequest<LoginResponse>('POST', '/api/auth/login', {
    body: { username, password },
  });
  setCsrfToken(response.csrfToken);
  return response.user;
}

export const getMe = () => apiRequest<Me>('GET', '/api/auth/me');

export async function logout(): Promise<void> {
  try {
    await apiRequest<unknown>('POST', '/api/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}

export const changePassword = (body: ChangePasswordRequest) =>
  apiRequest<{ ok: true }>('POST', '/api/auth/password', { body });

export const listUsers = () => apiRequest<z.infer<typeof userListResponse>>('GET', '/api/users');
export const createUser = (body: CreateUserRequest) => apiRequest<User>('POST', '/api/users', { body });
export const updateUser = (id: string, body: UpdateUserRequest) =>
  apiRequest<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, { body });

export const listApiTokens = () => apiRequest<z.infer<typeof apiTokenListResponse>>('GET', '/api/api-tokens');
export const createApiToken = (body: CreateApiTokenRequest) =>
  apiRequest<CreatedApiToken>('POST', '/api/api-tokens', { body });
export const revokeApiToken = (id: string) =>
  apiRequest<unknown>('DELETE', `/api/api-tokens/${encodeURIComponent(id)}`);

export const searchAudit = (search: AuditSearch, cursor?: string) =>
  apiRequest<AuditPage>('GET', '/api/audit-events', { query: { ...search, cursor } });

export const getJobsOverview = () => apiRequest<JobsOverview>('GET', '/api/jobs');
/** Enqueues a job now; the body is the job's payload (an empty object for the built-in jobs). */
export const runJob = (name: string, payload: Record<string, unknown> = {}) =>
  apiRequest<RunJobResult>('POST', `/api/jobs/${encodeURIComponent(name)}`, { body: payload });
