import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '@carebridge/contracts';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';
import { uniqueMobile } from '../../testing/clinical-fixtures';

describe.each(testDbKinds())('registration through the master patient index on %s', (kind) => {
  let t: TestApp;
  let nurse: Session;
  beforeAll(async () => {
    t = await createTestApp(kind);
    nurse = await t.login('nurse');
  });
  afterAll(() => t.close());

  const register = async (payload: object) => {
    const res = await t.as(nurse, { method: 'POST', url: '/api/patients', payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Patient>();
  };

  it('a second registration of the same person (name, birth date, mobile) lands on the first record', async () => {
    const mobile = uniqueMobile();
    const person = {
      name: '马晓燕',
      gender: 'female',
      birthDate: '1988-11-02',
      phones: [{ number: mobile }],
    };
    const first = await register(person);
    const second = await register({ ...person, email: 'mxy@example.cn' });
    expect(second.id).toBe(first.id);
    const search = await t.as(nurse, { method: 'GET', url: '/api/patients?q=马晓燕' });
    expect(search.json().items.map((p: Patient) => p.id)).toEqual([first.id]);
  });

  it('a namesake born on another day is another person', async () => {
    const a = await register({ name: '刘洋', gender: 'male', birthDate: '1990-04-01' });
    const b = await register({ name: '刘洋', gender: 'male', birthDate: '1972-09-23' });
    expect(b.id).not.toBe(a.id);
  });
});
