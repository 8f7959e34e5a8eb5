import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Department, Practitioner } from '@carebridge/contracts';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';

describe.each(testDbKinds())('departments and practitioners on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  let doctor: Session;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('admin');
    doctor = await t.login('doctor');
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, who = admin) => t.as(who, { method: 'POST', url, payload });

  it('keeps a department tree with unique codes and no cycles', async () => {
    const internal = (
      await post('/api/departments', { code: 'NK', name: '内科', kind: 'clinical' })
    ).json<Department>();
    const cardio = await post('/api/departments', {
      code: 'XNK',
      name: '心血管内科',
      nameEn: 'Cardiology',
      kind: 'clinical',
      parentId: internal.id,
    });
    expect(cardio.statusCode, cardio.body).toBe(201);
    const dup = await post('/api/departments', { code: 'XNK', name: '重复', kind: 'clinical' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0]).toEqual({ path: 'code', message: '科室编码已被使用' });
    const cycle = await t.as(admin, {
      method: 'PATCH',
      url: `/api/departments/${internal.id}`,
      payload: { parentId: cardio.json<Department>().id },
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.fields[0].path).toBe('parentId');
    const list = await t.as(doctor, { method: 'GET', url: '/api/departments' });
    expect(list.json<{ items: Department[] }>().items.map((d) => d.code)).toEqual(
      expect.arrayContaining(['NK', 'XNK']),
    );
    expect(
      (await post('/api/departments', { code: 'X1', name: 'x', kind: 'clinical' }, doctor)).statusCode,
    ).toBe(403);
  });

  it('names active colleagues of a role for pickers, to any staff member', async () => {
    const res = await t.as(doctor, { method: 'GET', url: '/api/staff?role=health_manager' });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { displayName: string }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(Object.keys(items[0]!).sort()).toEqual(['department', 'displayName', 'id']);
    expect((await t.as(doctor, { method: 'GET', url: '/api/staff?role=king' })).statusCode).toBe(400);
  });

  it('lists practitioners by department and name, with clinic hours', async () => {
    const dept = (
      await post('/api/departments', { code: 'NFM', name: '内分泌科', kind: 'clinical' })
    ).json<Department>();
    const created = await post('/api/practitioners', {
      code: 'D0001',
      name: '林医生',
      title: '主任医师',
      departmentId: dept.id,
      specialties: ['糖尿病'],
      clinicHours: [{ weekday: 1, period: 'morning' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<Practitioner>()).toMatchObject({ departmentName: '内分泌科', title: '主任医师' });
    const bad = await post('/api/practitioners', { code: 'D0002', name: '某', title: '院长' });
    expect(bad.json().error.fields[0].path).toBe('title');
    const found = await t.as(doctor, {
      method: 'GET',
      url: `/api/practitioners?departmentId=${dept.id}&q=林`,
    });
    expect(found.json<{ items: Practitioner[] }>().items.map((p) => p.code)).toEqual(['D0001']);
    const moved = await t.as(admin, {
      method: 'PATCH',
      url: `/api/practitioners/${created.json<Practitioner>().id}`,
      payload: { active: false },
    });
    expect(moved.json<Practitioner>().active).toBe(false);
  });
});
