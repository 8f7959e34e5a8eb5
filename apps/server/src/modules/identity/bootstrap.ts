import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@carebridge/db';
import { ROLES, ROLE_LABELS } from '@carebridge/contracts';
import { hashPassword, randomSecret } from '../../platform/auth/secrets';
import * as repo from './identity.repository';

export interface BootstrapOptions {
  adminPassword: string | undefined;
  demo: boolean;
  demoPassword: string;
}

export interface BootstrapResult {
  tenantId: string;
  /** Set only on the very first start when no admin password was configured: print it once. */
  generatedAdminPassword: string | null;
  /** Usernames of the demo accounts created on this start. */
  demoUsersCreated: string[];
}

// Any constant shared by every CareBridge process: serialises first start across processes.
const BOOTSTRAP_LOCK = 4_242_001;

/** First start on an empty database: demo tenant, `admin`, and in demo mode one user per role. */
export async function bootstrapIdentity(db: Db, options: BootstrapOptions): Promise<BootstrapResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    const existing = await repo.findDefaultTenant(tx);
    if (existing) return { tenantId: existing.id, generatedAdminPassword: null, demoUsersCreated: [] };
    const tenant = await repo.insertTenant(tx, { code: 'default', name: '康桥示范医院' });
    const generated = options.adminPassword ? null : randomSecret(12);
    await repo.insertUser(tx, {
      tenantId: tenant.id,
      username: 'admin',
      displayName: '系统管理员',
      department: '信息科',
      roles: ['admin'],
      passwordHash: await hashPassword(options.adminPassword ?? generated!),
    });
    const demoUsersCreated = options.demo ? await seedDemoUsers(tx, tenant.id, options.demoPassword) : [];
    return { tenantId: tenant.id, generatedAdminPassword: generated, demoUsersCreated };
  });
}

/** One demo account per role, username = role name; existing accounts are left alone. */
export async function seedDemoUsers(tx: DbOrTx, tenantId: string, password: string): Promise<string[]> {
  const passwordHash = await hashPassword(password);
  const created: string[] = [];
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    const row = await repo.insertUser(tx, {
      tenantId,
      username: role,
      displayName: `演示${ROLE_LABELS[role].zh}`,
      department: DEMO_DEPARTMENT[role] ?? null,
      roles: [role],
      passwordHash,
    });
    if (row) created.push(role);
  }
  return created;
}

const DEMO_DEPARTMENT: Partial<Record<(typeof ROLES)[number], string>> = {
  service_agent: '客户服务中心',
  health_manager: '健康管理中心',
  doctor: '心血管内科',
  nurse: '门诊部',
  marketing: '市场部',
  account_manager: '大客户部',
  analyst: '运营管理部',
  quality_officer: '质控科',
  auditor: '审计科',
  leadership: '院办',
};
