import type { z } from 'zod';
import type {
  apiTokenListResponse,
  apiTokenSchema,
  auditSearchQuery,
  auditSearchResponse,
  changePasswordRequest,
  createApiTokenRequest,
  createApiTokenResponse,
  createDepartmentRequest,
  CreatePatientRequest,
  createPractitionerRequest,
  CreateUserRequest,
  Department,
  departmentListResponse,
  eraseResponse,
  JobsOverview,
  LoginResponse,
  Me,
  Patient,
  PatientSearchQuery,
  PatientSearchResponse,
  PatientSummary,
  Practitioner,
  practitionerListResponse,
  ResultTrend,
  runJobResponse,
  staffListResponse,
  staffQuery,
  timelineResponse,
  TimelineType,
  UnmaskResponse,
  UpdatePatientRequest,
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
/** Active colleagues (names only), optionally of one role: for pickers; needs only organisation.read. */
export type StaffQuery = z.infer<typeof staffQuery>;
export type StaffMember = z.infer<typeof staffListResponse>['items'][number];
export const listStaff = (query: StaffQuery = {}) =>
  apiRequest<z.infer<typeof staffListResponse>>('GET', '/api/staff', { query });
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

// Patients (the 360° record). Search terms are patient data: they go in the query string of a GET, which
// the server's request log strips.
export type PatientSearch = Partial<Omit<PatientSearchQuery, 'tags' | 'cursor' | 'vip'>> & {
  tags?: string[];
  vip?: boolean;
};
export type TimelinePage = z.infer<typeof timelineResponse>;
export type DepartmentInput = z.input<typeof createDepartmentRequest>;
export type PractitionerInput = z.input<typeof createPractitionerRequest>;
export type { Department, Patient, PatientSummary, Practitioner, ResultTrend, UnmaskResponse };

const patientPath = (id: string, rest = '') => `/api/patients/${encodeURIComponent(id)}${rest}`;

export const searchPatients = (search: PatientSearch, cursor?: string) =>
  apiRequest<PatientSearchResponse>('GET', '/api/patients', {
    query: {
      ...search,
      tags: search.tags?.length ? search.tags.join(',') : undefined,
      vip: search.vip === undefined ? undefined : String(search.vip),
      cursor,
    },
  });
export const getPatient = (id: string) => apiRequest<Patient>('GET', patientPath(id));
export const createPatient = (body: CreatePatientRequest) =>
  apiRequest<Patient>('POST', '/api/patients', { body });
export const updatePatient = (id: string, body: UpdatePatientRequest) =>
  apiRequest<Patient>('PATCH', patientPath(id), { body });
export const unmaskPatient = (id: string, fields: ('phone' | 'idCard')[], reason: string) =>
  apiRequest<UnmaskResponse>('POST', patientPath(id, '/unmask'), { body: { fields, reason } });
export const getPatientSummary = (id: string) =>
  apiRequest<PatientSummary>('GET', patientPath(id, '/summary'));
export const getPatientTimeline = (
  id: string,
  types: TimelineType[] | undefined,
  cursor?: string,
  limit = 50,
) =>
  apiRequest<TimelinePage>('GET', patientPath(id, '/timeline'), {
    query: { types: types?.length ? types.join(',') : undefined, cursor, limit },
  });
export const getResultTrend = (id: string, code: string) =>
  apiRequest<ResultTrend>('GET', patientPath(id, '/results/trend'), { query: { code } });
/** Everything held about the patient, as the JSON document the server builds (a download). */
export const exportPatient = (id: string, reason: string) =>
  apiRequest<unknown>('GET', patientPath(id, '/export'), { query: { reason } });
export const erasePatient = (id: string, reason: string, confirmName: string) =>
  apiRequest<z.infer<typeof eraseResponse>>('POST', patientPath(id, '/erase'), {
    body: { reason, confirmName },
  });

// Organisation: departments and practitioners.
export const listDepartments = () =>
  apiRequest<z.infer<typeof departmentListResponse>>('GET', '/api/departments');
export const createDepartment = (body: DepartmentInput) =>
  apiRequest<Department>('POST', '/api/departments', { body });
export const updateDepartment = (id: string, body: Partial<DepartmentInput>) =>
  apiRequest<Department>('PATCH', `/api/departments/${encodeURIComponent(id)}`, { body });
export const listPractitioners = (query: { departmentId?: string; q?: string; active?: boolean } = {}) =>
  apiRequest<z.infer<typeof practitionerListResponse>>('GET', '/api/practitioners', {
    query: { ...query, active: query.active === undefined ? undefined : String(query.active) },
  });
export const createPractitioner = (body: PractitionerInput) =>
  apiRequest<Practitioner>('POST', '/api/practitioners', { body });
export const updatePractitioner = (id: string, body: Partial<PractitionerInput>) =>
  apiRequest<Practitioner>('PATCH', `/api/practitioners/${encodeURIComponent(id)}`, { body });
