import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS, type Permission, type Role } from '@carebridge/contracts';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

/** Routes that need no sign-in. Anything else must name a permission; adding a public route means adding it here. */
const EXPLICITLY_PUBLIC = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'GET /api/openapi.json',
  // FHIR servers publish what they support (CapabilityStatement) to anyone: it holds no data.
  'GET /fhir/R4/metadata',
]);
const isDocsRoute = (url: string) => url.startsWith('/api/docs');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('pglite', { jobs: true });
});
afterAll(() => t.close());

describe('every route declares a permission', () => {
  it('has no route without a known permission, and public ones are on the list', () => {
    const routes = t.app.routeCatalogue();
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      expect(r.permission, key).toBeDefined();
      expect([...PERMISSIONS, 'public'], key).toContain(r.permission);
      if (r.permission === 'public' && r.method !== 'HEAD')
        expect(EXPLICITLY_PUBLIC.has(key) || isDocsRoute(r.url), `${key} is public`).toBe(true);
    }
  });

  it('refuses to start when a route has no permission', async () => {
    const other = await import('fastify');
    const { permissionCatalogue } = await import('./permissions');
    const app = other.default();
    await app.register(permissionCatalogue);
    app.get('/api/forgotten', async () => 'oops');
    await expect(app.ready()).rejects.toThrow(/GET \/api\/forgotten/);
  });

  it('puts x-permission on every operation of the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      openapi: string;
      paths: Record<string, Record<string, { 'x-permission'?: string }>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([m, op]) => [`${m} ${path}`, op] as const),
    );
    expect(operations.length).toBeGreaterThan(10);
    for (const [key, op] of operations) expect([...PERMISSIONS, 'public'], key).toContain(op['x-permission']);
    expect(doc.paths['/api/users/{id}']?.patch?.['x-permission']).toBe('users.manage');
  });

  it('serves the browsable API docs from the same annotated document', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
    const spec = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(spec.json().paths['/api/users'].get['x-permission']).toBe('users.read');
  });
});

const NO_SUCH_ID = '00000000-0000-7000-8000-000000000000';

/** One representative call per permission; the matrix says who may make it. */
const PROBES: Record<Permission, { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object }> = {
  'session.self': { method: 'GET', url: '/api/auth/me' },
  'users.read': { method: 'GET', url: '/api/users' },
  'users.manage': {
    method: 'PATCH',
    url: '/api/users/00000000-0000-7000-8000-000000000000',
    payload: { displayName: 'x' },
  },
  'api_tokens.manage': { method: 'GET', url: '/api/api-tokens' },
  'audit.read': { method: 'GET', url: '/api/audit-events' },
  'jobs.read': { method: 'GET', url: '/api/jobs' },
  'jobs.manage': { method: 'POST', url: '/api/jobs/system.noop', payload: {} },
  'patients.read': { method: 'GET', url: '/api/patients' },
  'patients.write': { method: 'POST', url: '/api/patients', payload: {} },
  'patients.unmask': {
    method: 'POST',
    url: `/api/patients/${NO_SUCH_ID}/unmask`,
    payload: { fields: ['phone'], reason: '回访核对' },
  },
  'patients.export': { method: 'GET', url: `/api/patients/${NO_SUCH_ID}/export?reason=x1` },
  'patients.erase': {
    method: 'POST',
    url: `/api/patients/${NO_SUCH_ID}/erase`,
    payload: { reason: '本人申请', confirmName: '某' },
  },
  'organisation.read': { method: 'GET', url: '/api/departments' },
  'organisation.manage': { method: 'POST', url: '/api/departments', payload: {} },
  'mpi.review': { method: 'GET', url: '/api/mpi/reviews' },
  'interop.import': {
    method: 'POST',
    url: '/fhir/R4',
    payload: { resourceType: 'Bundle', type: 'batch', entry: [] },
  },
  'interop.manage': { method: 'GET', url: '/api/interop/hl7/inbox' },
  'segmentation.read': { method: 'GET', url: '/api/segmentation/overview' },
  'segmentation.manage': { method: 'POST', url: '/api/segmentation/policies/preview', payload: {} },
  'segments.manage': {
    method: 'POST',
    url: '/api/segments/count',
    payload: { filter: { type: 'vip', value: true } },
  },
  'segments.export': { method: 'GET', url: `/api/segments/${NO_SUCH_ID}/members` },
};

describe('role matrix', () => {
  const sessions = new Map<Role, Session>();
  beforeAll(async () => {
    for (const role of ROLES) sessions.set(role, await t.login(role));
  });

  it.each(ROLES)('%s may do exactly what the role table grants', async (role) => {
    for (const permission of PERMISSIONS) {
      const probe = PROBES[permission];
      const route = t.app
        .routeCatalogue()
        .find(
          (r) =>
            r.method === probe.method &&
            probe.url.startsWith(r.url.split('/:')[0]!) &&
            r.permission === permission,
        );
      if (!route) continue; // the module providing this permission's routes is not part of this build
      const res = await t.as(sessions.get(role)!, {
        method: probe.method,
        url: probe.url,
        ...(probe.payload ? { payload: probe.payload } : {}),
      });
      const allowed = ROLE_PERMISSIONS[role].includes(permission);
      if (allowed) expect(res.statusCode, `${role} → ${permission}`).not.toBe(403);
      else expect(res.statusCode, `${role} → ${permission}`).toBe(403);
    }
  });

  it('denies anonymous callers everything but public routes, and audits denials of signed-in staff', async () => {
    for (const probe of Object.values(PROBES)) {
      const res = await t.app.inject({
        method: probe.method,
        url: probe.url,
        ...(probe.payload ? { payload: probe.payload } : {}),
      });
      expect([401, 404]).toContain(res.statusCode);
    }
    const auditor = sessions.get('auditor')!;
    await t.as(sessions.get('nurse')!, { method: 'GET', url: '/api/users' });
    const trail = await t.as(auditor, {
      method: 'GET',
      url: '/api/audit-events?action=access.denied&actor=nurse',
    });
    expect(trail.json().items[0]).toMatchObject({
      action: 'access.denied',
      actorName: 'nurse',
      outcome: 'denied',
    });
  });

  it('keeps the admin out of the audit trail and the auditor out of account management', () => {
    expect(ROLE_PERMISSIONS.admin).not.toContain('audit.read');
    expect(ROLE_PERMISSIONS.auditor).not.toContain('users.manage');
  });
});
