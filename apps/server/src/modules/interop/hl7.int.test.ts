import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';
import { sharedFiles } from '../../testing/shared-data';
import { startMllpServer } from './mllp/mllp-server';
import { connectMllp } from './mllp/mllp-client';

const HL7 = sharedFiles('hl7v2', '.hl7');
const msa = (ack: string) => /MSA\|(\w\w)/.exec(ack)?.[1];

describe.each(testDbKinds())('HL7 v2 in on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const post = (message: string) =>
    t.as(admin, {
      method: 'POST',
      url: '/api/hl7',
      headers: { 'content-type': 'text/plain' },
      payload: message,
    });

  it('takes every shared message without an error, and a resend is acknowledged but not applied', async () => {
    const codes: Record<string, number> = {};
    for (const f of HL7) {
      const res = await post(readFileSync(f, 'utf8'));
      expect(res.statusCode, `${f}: ${res.body}`).toBe(200);
      const code = res.json().ackCode as string;
      codes[code] = (codes[code] ?? 0) + 1;
    }
    expect(codes.AR ?? 0).toBe(0);
    expect(codes.AA).toBeGreaterThan(100);
    const resent = await post(
      readFileSync(
        HL7.find((f) => f.includes('ORU'))!,
        'utf8',
      ),
    );
    expect(resent.json()).toMatchObject({ ackCode: 'AA', duplicate: true, counts: { created: 0 } });
    const results = await t.deps.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from results where abnormal_flag is not null`,
    );
    expect(results.rows[0]!.n).toBeGreaterThan(5);
  });

  it('refuses a message with a wrong date, keeps it in the inbox, and reprocesses it once fixed upstream', async () => {
    const bad = [
      'MSH|^~\\&|HIS|HOSP|CB|CB|20261101083000||ADT^A04^ADT_A01|BAD-1|P|2.5',
      'PID|1||7001^^^HOSP^MR||张^三丰||19611345|M',
      'PV1|1|O|NK^101',
    ].join('\r');
    const res = await post(bad);
    expect(res.json().ackCode).toBe('AE');
    expect(res.json().ack).toMatch(/ERR\|\|PID\^1\^7/);
    const agent = await t.login('quality_officer');
    const inbox = await t.as(agent, { method: 'GET', url: '/api/interop/hl7/inbox' });
    expect(inbox.statusCode, inbox.body).toBe(200);
    const item = inbox.json().items.find((i: { controlId: string }) => i.controlId === 'BAD-1');
    expect(item.problems[0]).toMatchObject({ where: 'PID-7', message: 'hl7_date_invalid' });
    const noReason = await t.as(agent, {
      method: 'POST',
      url: `/api/interop/hl7/inbox/${item.id}/raw`,
      payload: {},
    });
    expect(noReason.statusCode).toBe(400);
    const raw = await t.as(agent, {
      method: 'POST',
      url: `/api/interop/hl7/inbox/${item.id}/raw`,
      payload: { reason: '核对接口错误' },
    });
    expect(raw.json().raw).toContain('张^三丰');
    // Still wrong: reprocessing keeps it refused.
    const again = await t.as(agent, { method: 'POST', url: `/api/interop/hl7/inbox/${item.id}/reprocess` });
    expect(again.json().message.status).toBe('rejected');
    // The sender fixes the date and resends under the same control id: accepted now.
    const fixed = await post(bad.replace('19611345', '19611105'));
    expect(fixed.json().ackCode).toBe('AA');
    const garbage = await post('this is not HL7');
    expect(garbage.json().ackCode).toBe('AR');
  });

  it('answers a pipelined MLLP stream in order, each batch in one transaction', async () => {
    const server = await startMllpServer({
      port: 0,
      handleBatch: async (m) =>
        (
          await t.deps.hl7.receive(
            { tenantId: t.deps.tenantId, actor: null, origin: { ip: null, userAgent: 'mllp' } },
            m,
          )
        ).map((o) => o.ack),
    });
    const client = await connectMllp({ port: server.port });
    const template = readFileSync(
      HL7.find((f) => f.includes('ADT-A04-01'))!,
      'utf8',
    );
    const messages = Array.from({ length: 60 }, (_, i) =>
      template.replace(/(MSH(?:\|[^|\r\n]*){8}\|)([^|\r\n]*)/, `$1MLLP-${i}`),
    );
    const acks = await client.sendMany(messages, { window: 20 });
    expect(acks.map(msa)).toEqual(messages.map(() => 'AA'));
    expect(acks.map((a) => /MSA\|AA\|([^|\r]+)/.exec(a)?.[1])).toEqual(messages.map((_, i) => `MLLP-${i}`));
    await client.close();
    await server.close();
  });
});
