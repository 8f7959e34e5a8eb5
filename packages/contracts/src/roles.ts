/**
 * Roles from the hospital's organisation and the one table that maps them to permissions.
 * Deny by default: a role has exactly the permissions listed here. Shared by the server (enforcement)
 * and the web app (which menu items to show).
 */
export const ROLES = [
  'admin',
  'service_agent',
  'health_manager',
  'doctor',
  'nurse',
  'marketing',
  'account_manager',
  'analyst',
  'quality_officer',
  'auditor',
  'leadership',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  service_agent: { zh: '客服专员', en: 'Service agent' },
  health_manager: { zh: '健康管家', en: 'Health manager' },
  doctor: { zh: '医生', en: 'Doctor' },
  nurse: { zh: '护士', en: 'Nurse' },
  marketing: { zh: '市场营销', en: 'Marketing' },
  account_manager: { zh: '大客户经理', en: 'Key-account manager' },
  analyst: { zh: '数据分析师', en: 'Analyst' },
  quality_officer: { zh: '质控专员', en: 'Quality officer' },
  auditor: { zh: '审计员', en: 'Auditor' },
  leadership: { zh: '院领导', en: 'Leadership' },
};

export const PERMISSIONS = [
  'session.self', // any signed-in staff member: own profile, own password, logout
  'users.read',
  'users.manage',
  'api_tokens.manage',
  'audit.read',
  'jobs.read',
  'jobs.manage',
  'patients.read', // the 360° record: demographics (masked), visits, results, medications, charges
  'patients.write',
  'patients.unmask', // see a full phone or ID-card number, with a reason; audited
  'patients.export', // PIPL art. 45: hand a patient everything held about them
  'patients.erase', // PIPL art. 47: anonymise on request
  'organisation.read', // departments and practitioners
  'organisation.manage',
  'interop.import', // FHIR/HL7 interfaces and CSV/Excel imports (writes patient data, reads none back)
  'interop.manage', // the HL7 inbox: rejected messages, their raw text (audited), reprocess
  'mpi.review', // the duplicate review queue: merge, keep apart, undo merges
  'segmentation.read', // tiers, levels, value figures and the 80/20 view, in aggregate
  'segmentation.manage', // edit the tiering policy, start a recompute
  'segments.manage', // build, count and save segments (counts only: no patient is shown)
  'segments.export', // list and export a segment's members (names, masked numbers); audited
] as const;
export type Permission = (typeof PERMISSIONS)[number];
/** A route is either protected by one permission or explicitly public. */
export type RoutePermission = Permission | 'public';

const ALL_STAFF: Permission[] = ['session.self', 'organisation.read'];
// Those who serve individual patients. Marketing, analysts and leadership work on aggregates and
// segments, and IT administers accounts: none of them open individual records (minimum necessary).
const CARE_TEAM: Permission[] = [...ALL_STAFF, 'patients.read', 'patients.write', 'patients.unmask'];
// Those who work from lists of patients: campaigns, follow-up plans, key accounts.
const SEGMENT_USERS: Permission[] = ['segmentation.read', 'segments.manage', 'segments.export'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...ALL_STAFF,
    'users.read',
    'users.manage',
    'api_tokens.manage',
    'jobs.read',
    'jobs.manage',
    'organisation.manage',
    'interop.import',
    'interop.manage',
    // The policy is the hospital's business rule, kept by the admin (documents: 管理员可编辑); the admin sees
    // the preview's masked examples, never full records.
    'segmentation.read',
    'segmentation.manage',
  ],
  service_agent: [...CARE_TEAM, 'patients.export', 'mpi.review', ...SEGMENT_USERS],
  health_manager: [...CARE_TEAM, ...SEGMENT_USERS],
  doctor: [...CARE_TEAM, 'segmentation.read'],
  // Nurses call patients about their care but work from masked numbers; the dialler unmasks (later issue).
  nurse: [...ALL_STAFF, 'patients.read', 'patients.write'],
  // Marketing works on segments (counts, member lists with masked numbers for campaigns), not on records.
  marketing: [...ALL_STAFF, ...SEGMENT_USERS],
  account_manager: [...ALL_STAFF, 'patients.read', 'segmentation.read', 'segments.manage'],
  analyst: [...ALL_STAFF, 'jobs.read', 'segmentation.read', 'segments.manage'],
  // The privacy officer's desk: requests to see or erase one's data are handled and evidenced here; also
  // the medical-records desk that decides possible duplicates and reads refused interface messages.
  quality_officer: [
    ...ALL_STAFF,
    'patients.read',
    'patients.export',
    'patients.erase',
    'mpi.review',
    'interop.manage',
    'segmentation.read',
  ],
  // Separation of duties: the auditor reads the trail; the admin who manages accounts does not.
  auditor: [...ALL_STAFF, 'audit.read', 'users.read'],
  leadership: [...ALL_STAFF, 'users.read', 'segmentation.read', 'segments.manage'],
};

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role as Role] ?? []) granted.add(p);
  return granted;
}

export function can(roles: readonly string[], permission: RoutePermission): boolean {
  return permission === 'public' || permissionsOf(roles).has(permission);
}
