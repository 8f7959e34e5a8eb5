import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import type { Patient } from '@carebridge/contracts';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { idCardFor } from '../../testing/clinical-fixtures';

/**
 * The log is read by IT staff and shipped to log stores: it must never hold a phone or ID-card number.
 * Every patient path runs at trace level, including failures, and the captured log is scanned.
 */
describe('patient data stays out of the log', () => {
  let t: TestApp;
  let agent: Session;
  let quality: Session;
  let log = '';
  const mobile = '13687654321';
  const idCard = idCardFor('420106', '19720229', 91);
  const contactPhone = '13911112222';

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (log += chunk.toString()));
    t = await createTestApp('pglite', { env: { LOG_LEVEL: 'trace' }, logStream: stream });
    agent = await t.login('service_agent');
    quality = await t.login('quality_officer');
  });
  afterAll(() => t.close());

  it('logs requests but no number, in any of their written forms', async () => {
    const created = await t.as(agent, {
      method: 'POST',
      url: '/api/patients',
      payload: {
        name: '冯十二',
        gender: 'male',
        idCard,
        phones: [{ number: `+86 ${mobile}`, kind: 'mobile' }],
        contacts: [{ relation: 'spouse', name: '陈十三', phone: contactPhone }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<Patient>().id;
    for (const q of [mobile, `+86${mobile}`, mobile.slice(-4), idCard])
      expect(
        (await t.as(agent, { method: 'GET', url: `/api/patients?q=${encodeURIComponent(q)}` })).statusCode,
      ).toBe(200);
    await t.as(agent, { method: 'GET', url: `/api/patients/${id}` });
    await t.as(agent, {
      method: 'POST',
      url: `/api/patients/${id}/unmask`,
      payload: { fields: ['phone', 'idCard'], reason: '核对' },
    });
    await t.as(quality, { method: 'GET', url: `/api/patients/${id}/export?reason=check` });
    // Failures log more: a duplicate, a bad number, a malformed body.
    await t.as(agent, {
      method: 'POST',
      url: '/api/patients',
      payload: { name: '冯十二', gender: 'male', idCard },
    });
    await t.as(agent, {
      method: 'POST',
      url: '/api/patients',
      payload: { name: '冯十二', gender: 'male', phones: [{ number: `${mobile}9`, kind: 'mobile' }] },
    });
    await t.as(agent, {
      method: 'POST',
      url: '/api/patients',
      headers: { 'content-type': 'application/json' },
      payload: `{"name":"冯十二","idCard":"${idCard}",`,
    });

    expect(log.length).toBeGreaterThan(1000);
    expect(log).toContain('/api/patients');
    for (const secret of [
      mobile,
      idCard,
      contactPhone,
      idCard.slice(0, 17),
      mobile.replace(/(\d{3})(\d{4})(\d{4})/, '$1-$2-$3'),
    ])
      expect(log, `log contains ${secret}`).not.toContain(secret);
  });
});
