import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';
import { idCardFor, uniqueMobile } from '../../testing/clinical-fixtures';
import { addPerson, addValue } from './segment-fixtures';
import { memberSheetColumns } from './member-workbook';

describe.each(testDbKinds())('saved segments on %s', (kind) => {
  let t: TestApp;
  let marketing: Session;
  let analyst: Session;
  beforeAll(async () => {
    t = await createTestApp(kind);
    marketing = await t.login('marketing');
    analyst = await t.login('analyst');
  });
  afterAll(() => t.close());

  const person = (name: string, tag: string) =>
    addPerson(t.database.db, t.deps.tenantId, t.clock.now(), { name, gender: 'female', tags: [tag] });
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.as(marketing, { method: 'POST', url, payload, headers });
  const get = (url: string, who = marketing) => t.as(who, { method: 'GET', url });
  const save = async (name: string, kind: 'dynamic' | 'snapshot', tag: string) => {
    const res = await post('/api/segments', { name, kind, filter: { type: 'tags', any: [tag] } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const auditOf = async (action: string, segmentId: string) =>
    (
      await t.database.db.execute<{ detail: string; actor_name: string; patient_id: string | null }>(
        sql`select detail, actor_name, patient_id from audit_events where action = ${action} and resource_id = ${segmentId}`,
      )
    ).rows;

  it('a snapshot keeps the members it had; a dynamic segment follows the filter', async () => {
    await person('甲一', '快照组');
    const erasedLater = await person('甲二', '快照组');
    const snapshot = await save('快照', 'snapshot', '快照组');
    const dynamic = await save('动态', 'dynamic', '快照组');
    expect(snapshot).toMatchObject({ kind: 'snapshot', count: 2, frozenAt: t.clock.now().toISOString() });
    expect(dynamic).toMatchObject({ kind: 'dynamic', count: 2, frozenAt: null });

    await person('甲三', '快照组');
    expect((await get(`/api/segments/${snapshot.id}`)).json().count).toBe(2);
    expect((await get(`/api/segments/${dynamic.id}`)).json().count).toBe(3);
    const listed = (await get('/api/segments')).json().items;
    expect(listed.find((s: { id: string }) => s.id === dynamic.id).count).toBe(3); // stored by the recount
    // Who saved it, by name (the list shows staff names, not user ids).
    const author = await t.database.db.execute<{ display_name: string }>(
      sql`select display_name from users where id = ${dynamic.createdBy}`,
    );
    expect(author.rows[0]!.display_name).toEqual(expect.any(String));
    expect(dynamic.createdByName).toBe(author.rows[0]!.display_name);
    expect(listed.find((s: { id: string }) => s.id === dynamic.id).createdByName).toBe(dynamic.createdByName);
    expect((await get(`/api/segments/${snapshot.id}/members`)).json().total).toBe(2);
    expect((await get(`/api/segments/${dynamic.id}/members`)).json().total).toBe(3);

    // A frozen member later anonymised is no longer listed (the frozen count stays what it was).
    await t.database.db.execute(sql`update patients set erased_at = now() where id = ${erasedLater}`);
    const members = (await get(`/api/segments/${snapshot.id}/members`)).json();
    expect(members.items.map((m: { name: string }) => m.name)).toEqual(['甲一']);
    expect((await get(`/api/segments/${snapshot.id}`)).json().count).toBe(2);
  });

  it('members and the Excel export show masked numbers only, money in yuan, and are audited', async () => {
    const nurse = await t.login('nurse');
    const mobile = uniqueMobile();
    const idCard = idCardFor('110105', '19800101', 21);
    const created = await t.as(nurse, {
      method: 'POST',
      url: '/api/patients',
      payload: {
        name: '钱多多',
        gender: 'male',
        birthDate: '1980-01-01',
        idCard,
        phones: [{ number: mobile, primary: true }],
        tags: ['导出组'],
        address: { province: '上海市', city: '上海市', district: '徐汇区' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const patientId = created.json().id;
    await addValue(t.database.db, t.deps.tenantId, patientId, t.clock.now(), {
      tier: 'A',
      level: 'gold',
      revenueFen: 123_456,
      churn: 'high',
      lastVisitDaysAgo: 1,
    });
    const segment = await save('导出 (高价值) 客户', 'dynamic', '导出组');

    const page = await get(`/api/segments/${segment.id}/members?limit=10`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toEqual({
      total: 1,
      items: [
        {
          patientId,
          name: '钱多多',
          gender: 'male',
          age: 46,
          phoneMasked: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`,
          tier: 'A',
          level: 'gold',
          revenueFen: 123_456,
        },
      ],
    });
    expect(await auditOf('segment.members_viewed', segment.id)).toEqual([
      { detail: 'rows=1;offset=0', actor_name: 'marketing', patient_id: null },
    ]);

    const file = await get(`/api/segments/${segment.id}/export`);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="segment-2026-11-02.xlsx"; filename*=UTF-8''` +
        `%E5%AF%BC%E5%87%BA%20%28%E9%AB%98%E4%BB%B7%E5%80%BC%29%20%E5%AE%A2%E6%88%B7-2026-11-02.xlsx`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...memberSheetColumns(12).map((c) => c.header)]);
    expect(sheet.getRow(1).getCell(8).value).toBe('近12月消费(元)');
    const row = sheet.getRow(2);
    expect(row.values).toEqual([
      undefined,
      '钱多多',
      '男',
      46,
      `${mobile.slice(0, 3)}****${mobile.slice(-4)}`,
      `${idCard.slice(0, 3)}***********${idCard.slice(-4)}`,
      'A',
      '金卡',
      1234.56,
      '上海市 上海市 徐汇区',
      '2026-11-01',
      '高',
      '否',
      '导出组',
    ]);
    expect(row.getCell(8).numFmt).toBe('#,##0.00');
    const everything = JSON.stringify(sheet.getSheetValues());
    expect(everything).not.toContain(mobile);
    expect(everything).not.toContain(idCard);
    expect(sheet.rowCount).toBe(2);
    expect(await auditOf('segment.exported', segment.id)).toEqual([
      { detail: 'rows=1', actor_name: 'marketing', patient_id: null },
    ]);
  });

  it('a segment is deleted once; unknown segments are 404 in the error envelope', async () => {
    await person('乙一', '删除组');
    const segment = await save('待删除', 'snapshot', '删除组');
    const deleted = await t.as(marketing, { method: 'DELETE', url: `/api/segments/${segment.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(await auditOf('segment.deleted', segment.id)).toHaveLength(1);
    for (const url of ['', '/members', '/export'].map((s) => `/api/segments/${segment.id}${s}`)) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const again = await t.as(marketing, { method: 'DELETE', url: `/api/segments/${segment.id}` });
    expect(again.statusCode).toBe(404);
    const rows = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from segment_members where segment_id = ${segment.id}`,
    );
    expect(rows.rows[0]!.n).toBe(0);
  });

  it('counting needs segments.manage; member lists need segments.export', async () => {
    const filter = { type: 'vip', value: true };
    const counted = await t.as(analyst, { method: 'POST', url: '/api/segments/count', payload: { filter } });
    expect(counted.statusCode).toBe(200);
    const segment = await save('权限', 'dynamic', '无人');
    expect((await get(`/api/segments/${segment.id}/members`, analyst)).statusCode).toBe(403);
    expect((await get(`/api/segments/${segment.id}/export`, analyst)).statusCode).toBe(403);
  });

  describe('invalid filters are 400 with field paths, in the caller’s language', () => {
    const count = (filter: unknown, headers: Record<string, string> = {}) =>
      post('/api/segments/count', { filter }, headers);
    type Field = { path: string; message: string };
    const fieldsOf = (res: { statusCode: number; json(): { error: { fields: Field[] } } }) => {
      expect(res.statusCode).toBe(400);
      return res.json().error.fields;
    };

    it('a reversed range names the bound, in Chinese by default and in English on request', async () => {
      const filter = {
        type: 'and',
        conditions: [
          { type: 'vip', value: true },
          { type: 'age', min: 50, max: 40 },
        ],
      };
      expect(fieldsOf(await count(filter))).toEqual([
        { path: 'filter.conditions.1.max', message: '上限不能小于下限' },
      ]);
      expect(fieldsOf(await count(filter, { 'accept-language': 'en' }))).toEqual([
        { path: 'filter.conditions.1.max', message: 'The upper bound is below the lower bound' },
      ]);
    });

    it('an unknown condition type, an unknown field, a bad ICD-10 prefix', async () => {
      const unknown = fieldsOf(
        await count({ type: 'or', conditions: [{ type: 'vip', value: true }, { type: 'shoeSize' }] }),
      );
      expect(unknown.map((f) => f.path)).toEqual(['filter.conditions.1.type']);
      const extra = fieldsOf(await count({ type: 'vip', value: true, sql: 'drop table patients' }));
      expect(extra).toEqual([{ path: 'filter', message: '不允许的字段：sql' }]);
      const icd = fieldsOf(
        await count({ type: 'diagnosis', codes: ["I10' OR 1=1"] }, { 'accept-language': 'en' }),
      );
      expect(icd).toEqual([
        { path: 'filter.codes.0', message: 'An ICD-10 code or prefix, such as I10 or E11' },
      ]);
    });

    it('nesting: seven levels are refused by the schema, thousands before they reach it', async () => {
      const nest = (levels: number) => {
        let f: unknown = { type: 'vip', value: true };
        for (let i = 0; i < levels; i++) f = { type: 'not', condition: f };
        return f;
      };
      expect((await count(nest(6))).statusCode).toBe(200);
      const seven = fieldsOf(await count(nest(7)));
      expect(seven.map((f) => f.message)).toContain('条件嵌套不能超过 6 层');
      const body = `{"filter":${'{"type":"not","condition":'.repeat(5000)}{"type":"vip","value":true}${'}'.repeat(5001)}`;
      const deep = await t.as(marketing, {
        method: 'POST',
        url: '/api/segments/count',
        payload: body,
        headers: { 'content-type': 'application/json' },
      });
      expect(fieldsOf(deep)).toEqual([{ path: 'filter', message: '条件嵌套不能超过 6 层' }]);
    });

    it('a NUL character (which PostgreSQL refuses) is a field error, not a server error', async () => {
      expect(fieldsOf(await count({ type: 'tags', any: ['高血压', 'a\u0000b'] }))).toEqual([
        { path: 'filter.any.1', message: '不能包含空字符（\\u0000）' },
      ]);
      const named = await post('/api/segments', {
        name: 'x\u0000',
        kind: 'dynamic',
        filter: { type: 'vip', value: true },
      });
      expect(fieldsOf(named)).toEqual([{ path: 'name', message: '不能包含空字符（\\u0000）' }]);
    });
  });

  it('the routes are in the OpenAPI document with their permissions', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/segments/count'].post['x-permission']).toBe('segments.manage');
    expect(doc.paths['/api/segments/{id}/export'].get['x-permission']).toBe('segments.export');
  });
});
