import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Patient, PatientSearchResponse } from '@carebridge/contracts';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';
import { addClinicalHistory, idCardFor, uniqueMobile } from '../../testing/clinical-fixtures';

describe.each(testDbKinds())('patient record on %s', (kind) => {
  let t: TestApp;
  let agent: Session;
  let nurse: Session;
  let marketing: Session;
  const create = async (payload: object, who?: Session) =>
    t.as(who ?? agent, { method: 'POST', url: '/api/patients', payload });

  beforeAll(async () => {
    t = await createTestApp(kind);
    agent = await t.login('service_agent');
    nurse = await t.login('nurse');
    marketing = await t.login('marketing');
  });
  afterAll(() => t.close());

  it('registers a patient, derives pinyin, and shows phone and ID-card numbers only masked', async () => {
    const idCard = idCardFor('110105', '19850315', 123);
    const mobile = '13812345678';
    const res = await create({
      name: '张三丰',
      gender: 'male',
      idCard,
      phones: [{ number: `+86 ${mobile}`, kind: 'mobile' }],
      identifiers: [{ kind: 'mrn', system: 'HIS', value: 'MZ20260001' }],
      address: { province: '北京市', city: '北京市', district: '朝阳区', detail: '建国路 1 号' },
      tags: ['高血压'],
      consents: [{ purpose: 'care_follow_up', channel: 'sms', granted: true, source: 'counter' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json<Patient>();
    expect(p).toMatchObject({
      name: '张三丰',
      namePinyin: 'zhangsanfeng',
      nameInitials: 'zsf',
      birthDate: '1985-03-15', // taken from the ID number
      idCardMasked: `110***********${idCard.slice(-4)}`,
      phones: [{ kind: 'mobile', primary: true, masked: '138****5678' }],
      version: 1,
    });
    expect(res.body).not.toContain(mobile);
    expect(res.body).not.toContain(idCard);
    expect(p.consents[0]).toMatchObject({ purpose: 'care_follow_up', channel: 'sms', granted: true });

    // At rest: ciphertext and a blind index, never the number.
    const stored = await t.database.db.execute(
      sql`select id_card_cipher, id_card_hash from patients where id = ${p.id}`,
    );
    expect(JSON.stringify(stored.rows)).not.toContain(idCard);
    const phones = await t.database.db.execute(sql`select * from patient_phones where patient_id = ${p.id}`);
    expect(JSON.stringify(phones.rows)).not.toContain(mobile);
  });

  it('names the wrong field, in Chinese by default and in English on request, and writes nothing', async () => {
    const before = await t.database.db.execute(sql`select count(*)::int as n from patients`);
    const payload = {
      name: '李四',
      gender: 'female',
      idCard: idCardFor('110105', '19900101', 111), // odd sequence: a man's number
      phones: [{ number: '12345678901', kind: 'mobile' }],
      birthDate: '2099-01-01',
    };
    const zh = await create(payload);
    expect(zh.statusCode).toBe(400);
    const fields = zh.json<{ error: { fields: { path: string; message: string }[] } }>().error.fields;
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'phones.0.number', message: '不是有效的中国大陆手机号段' },
        { path: 'birthDate', message: '日期不能晚于今天' },
      ]),
    );
    const badChecksum = idCardFor('110105', '19900101', 112).slice(0, 17) + 'Y';
    const en = await t.as(agent, {
      method: 'POST',
      url: '/api/patients',
      headers: { 'accept-language': 'en' },
      payload: {
        name: '李四',
        gender: 'female',
        idCard: badChecksum.replace('Y', '0') === badChecksum ? '1' : badChecksum,
      },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields[0].path).toBe('idCard');
    const mismatch = await create({
      name: '李四',
      gender: 'female',
      idCard: idCardFor('110105', '19900101', 111),
    });
    expect(mismatch.json().error.fields).toEqual([{ path: 'gender', message: '性别与身份证号不一致' }]);
    const after = await t.database.db.execute(sql`select count(*)::int as n from patients`);
    expect(after.rows).toEqual(before.rows);
  });

  it('refuses a second registration of the same ID-card number and a taken record number', async () => {
    const idCard = idCardFor('440305', '19700707', 246);
    expect((await create({ name: '王五', gender: 'female', idCard })).statusCode).toBe(201);
    const again = await create({ name: '王五', gender: 'female', idCard: idCard.toLowerCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual([
      { path: 'idCard', message: '该身份证号已登记在另一位患者名下' },
    ]);
    const mrn = await create({
      name: '赵六',
      gender: 'male',
      identifiers: [{ kind: 'mrn', system: 'HIS', value: 'MZ20260001' }],
    });
    expect(mrn.statusCode).toBe(409);
    expect(mrn.json().error.fields[0].path).toBe('identifiers.0.value');
  });

  it('assigns an active health manager, and refuses anyone else', async () => {
    const staff = await t.as(agent, { method: 'GET', url: '/api/staff?role=health_manager' });
    const manager = staff.json<{ items: { id: string; displayName: string }[] }>().items[0]!;
    const p = (await create({ name: '褚一', gender: 'male', healthManagerId: manager.id })).json<Patient>();
    expect(p.healthManager).toEqual({ id: manager.id, displayName: manager.displayName });
    const doctors = await t.as(agent, { method: 'GET', url: '/api/staff?role=doctor' });
    const doctor = doctors.json<{ items: { id: string }[] }>().items[0]!;
    const wrong = await t.as(agent, {
      method: 'PATCH',
      url: `/api/patients/${p.id}`,
      payload: { healthManagerId: doctor.id },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('healthManagerId');
    const cleared = await t.as(agent, {
      method: 'PATCH',
      url: `/api/patients/${p.id}`,
      payload: { healthManagerId: null },
    });
    expect(cleared.json<Patient>().healthManager).toBeNull();
    const read = await t.as(agent, { method: 'GET', url: `/api/patients/${p.id}` });
    expect(read.statusCode).toBe(200);
  });

  it('updates with optimistic concurrency: a stale version is a 409, not a silent overwrite', async () => {
    const p = (await create({ name: '钱七', gender: 'male' })).json<Patient>();
    const first = await t.as(agent, {
      method: 'PATCH',
      url: `/api/patients/${p.id}`,
      payload: { version: 1, occupation: '教师', name: '钱七七' },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, occupation: '教师', namePinyin: 'qianqiqi' });
    const stale = await t.as(agent, {
      method: 'PATCH',
      url: `/api/patients/${p.id}`,
      payload: { version: 1, occupation: '医生' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.fields[0].path).toBe('version');
  });

  it('keeps stored phones and contact numbers named by id, which the editor saw only masked', async () => {
    const first = uniqueMobile();
    const contactPhone = uniqueMobile();
    const p = (
      await create({
        name: '冯二',
        gender: 'female',
        phones: [{ number: first, kind: 'mobile' }],
        contacts: [{ relation: 'spouse', name: '冯大', phone: contactPhone }],
      })
    ).json<Patient>();
    const second = uniqueMobile();
    const res = await t.as(agent, {
      method: 'PATCH',
      url: `/api/patients/${p.id}`,
      payload: {
        phones: [
          { number: second, kind: 'mobile', primary: true },
          { id: p.phones[0]!.id, kind: 'work' },
        ],
        contacts: [{ id: p.contacts[0]!.id, relation: 'spouse', name: '冯大', emergency: true }],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const unmasked = await t.as(agent, {
      method: 'POST',
      url: `/api/patients/${p.id}/unmask`,
      payload: { fields: ['phone'], reason: '核对' },
    });
    expect(
      unmasked.json().phones.map((x: { number: string; kind: string }) => `${x.kind}:${x.number}`),
    ).toEqual([`mobile:${second}`, `work:${first}`]);
    expect(res.json<Patient>().contacts[0]).toMatchObject({
      emergency: true,
      phoneMasked: p.contacts[0]!.phoneMasked,
    });
    const duplicate = await t.as(agent, {
      method: 'PATCH',
      url: `/api/patients/${p.id}`,
      payload: { phones: [{ number: second }, { id: res.json<Patient>().phones[0]!.id }] },
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error.fields[0].path).toBe('phones.1.number');
    const foreign = await t.as(agent, {
      method: 'PATCH',
      url: `/api/patients/${p.id}`,
      payload: { phones: [{ id: '00000000-0000-7000-8000-000000000001' }] },
    });
    expect(foreign.json().error.fields[0]).toMatchObject({ path: 'phones.0.id' });
  });

  it('unmasks only with the permission and a reason, and audits every read and unmask', async () => {
    const mobile = uniqueMobile();
    const idCard = idCardFor('320102', '19661201', 38);
    const p = (
      await create({ name: '孙八', gender: 'female', idCard, phones: [{ number: mobile, kind: 'mobile' }] })
    ).json<Patient>();
    expect((await t.as(nurse, { method: 'GET', url: `/api/patients/${p.id}` })).statusCode).toBe(200);
    const denied = await t.as(nurse, {
      method: 'POST',
      url: `/api/patients/${p.id}/unmask`,
      payload: { fields: ['phone'], reason: '回访' },
    });
    expect(denied.statusCode).toBe(403);
    expect((await t.as(marketing, { method: 'GET', url: `/api/patients/${p.id}` })).statusCode).toBe(403);
    const noReason = await t.as(agent, {
      method: 'POST',
      url: `/api/patients/${p.id}/unmask`,
      payload: { fields: ['phone'] },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].path).toBe('reason');

    const ok = await t.as(agent, {
      method: 'POST',
      url: `/api/patients/${p.id}/unmask`,
      payload: { fields: ['phone', 'idCard'], reason: '患者来电核对身份' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ idCard, phones: [{ number: mobile, kind: 'mobile' }] });

    const trail = await t.database.db.execute(
      sql`select action, actor_name, reason, detail from audit_events where patient_id = ${p.id} order by occurred_at, id`,
    );
    const actions = trail.rows.map((r) => `${String(r.action)}:${String(r.actor_name)}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'patient.created:service_agent',
        'patient.viewed:nurse',
        'patient.unmasked:service_agent',
      ]),
    );
    const unmasked = trail.rows.find((r) => r.action === 'patient.unmasked')!;
    expect(unmasked).toMatchObject({ reason: '患者来电核对身份', detail: 'fields=phone,idCard' });
    expect(JSON.stringify(trail.rows)).not.toContain(mobile);
  });

  describe('search', () => {
    const ids: Record<string, string> = {};
    const mobile = '13598761234';
    const idCard = idCardFor('510104', '19781109', 53);
    beforeAll(async () => {
      const people: [string, string, object?][] = [
        ['单雄信', 'male', { idCard, phones: [{ number: mobile, kind: 'mobile' }] }],
        ['曾小贤', 'male'],
        ['王伟', 'male'],
        ['王伟东', 'male'],
        ['李伟', 'female', { identifiers: [{ kind: 'mrn', system: 'HIS', value: 'ZY00998877' }] }],
        ['欧阳娜娜', 'female'],
      ];
      for (const [name, gender, extra] of people) {
        const res = await create({ name, gender, ...extra });
        expect(res.statusCode, res.body).toBe(201);
        ids[name] = res.json<Patient>().id;
      }
    });
    const find = async (q: string) => {
      const res = await t.as(agent, {
        method: 'GET',
        url: `/api/patients?q=${encodeURIComponent(q)}&limit=50`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<PatientSearchResponse>().items.map((i) => i.name);
    };

    it('finds two-character names exactly and by given name, without unrelated people', async () => {
      expect(await find('王伟')).toEqual(expect.arrayContaining(['王伟', '王伟东']));
      expect(await find('王伟')).not.toContain('李伟');
      expect(await find('小贤')).toEqual(['曾小贤']);
      expect(await find('欧阳娜娜')).toEqual(['欧阳娜娜']);
      expect(await find('雄信')).toEqual(['单雄信']);
    });

    it('reads polyphonic surnames as surnames (单 shan, 曾 zeng) in pinyin and initials', async () => {
      expect(await find('shanxiongxin')).toEqual(['单雄信']);
      expect(await find('Shan Xiong')).toEqual(['单雄信']);
      expect(await find('zengxiaoxian')).toEqual(['曾小贤']);
      expect(await find('zxx')).toEqual(['曾小贤']);
      expect(await find('dan')).not.toContain('单雄信');
      expect(await find('oyn')).toEqual(['欧阳娜娜']);
    });

    it('finds by full phone (any prefix form), phone tail, ID-card and record number', async () => {
      expect(await find(mobile)).toEqual(['单雄信']);
      expect(await find(`+86 135-9876-1234`)).toEqual(['单雄信']);
      expect(await find('1234')).toContain('单雄信');
      expect(await find(idCard)).toEqual(['单雄信']);
      expect(await find('zy00998877')).toEqual(['李伟']);
    });

    it('pages with a cursor in name order and counts the total', async () => {
      const page1 = await t.as(agent, { method: 'GET', url: '/api/patients?limit=2' });
      const body1 = page1.json<PatientSearchResponse>();
      expect(body1.items).toHaveLength(2);
      expect(body1.totalExact).toBe(true);
      const seen = [...body1.items];
      let cursor = body1.nextCursor;
      while (cursor) {
        const res = await t.as(agent, { method: 'GET', url: `/api/patients?limit=2&cursor=${cursor}` });
        const body = res.json<PatientSearchResponse>();
        seen.push(...body.items);
        cursor = body.nextCursor;
      }
      expect(seen).toHaveLength(body1.total);
      const pinyins = seen.map((s) => s.namePinyin);
      expect(pinyins).toEqual([...pinyins].sort());
      const bad = await t.as(agent, { method: 'GET', url: '/api/patients?cursor=bm9wZQ' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields[0].path).toBe('cursor');
    });

    it('filters by gender, age, tags and VIP', async () => {
      const res = await t.as(agent, { method: 'GET', url: '/api/patients?q=wangwei&gender=female' });
      expect(res.json<PatientSearchResponse>().items).toEqual([]);
      const old = await t.as(agent, { method: 'GET', url: '/api/patients?ageMin=40&ageMax=60&q=shan' });
      expect(old.json<PatientSearchResponse>().items.map((i) => i.name)).toEqual(['单雄信']); // born 1978
      const young = await t.as(agent, { method: 'GET', url: '/api/patients?ageMax=30&q=shan' });
      expect(young.json<PatientSearchResponse>().items).toEqual([]);
      const tagged = await t.as(agent, { method: 'GET', url: '/api/patients?tags=高血压' });
      expect(tagged.json<PatientSearchResponse>().items.map((i) => i.name)).toEqual(['张三丰']);
      const range = await t.as(agent, { method: 'GET', url: '/api/patients?ageMin=50&ageMax=40' });
      expect(range.statusCode).toBe(400);
    });
  });

  describe('360° view', () => {
    let id: string;
    let departmentId: string;
    beforeAll(async () => {
      id = (await create({ name: '周九', gender: 'male', birthDate: '1960-06-01' })).json<Patient>().id;
      const now = t.clock.now().getTime();
      const history = await addClinicalHistory(
        t.database.db,
        t.deps.tenantId,
        id,
        (days) => new Date(now - days * 86_400_000),
      );
      departmentId = history.department.id;
    });

    it('finds patients by a chronic condition (ICD-10 prefix) and by a department they visited', async () => {
      const names = async (query: string) =>
        (await t.as(agent, { method: 'GET', url: `/api/patients?${query}` }))
          .json<PatientSearchResponse>()
          .items.map((i) => i.name);
      expect(await names('chronic=e11')).toEqual(['周九']);
      expect(await names('chronic=I10')).toEqual([]);
      expect(await names(`departmentId=${departmentId}`)).toEqual(['周九']);
      expect(await names(`departmentId=${departmentId}&q=zhou`)).toEqual(['周九']);
      expect(await names(`departmentId=${departmentId}&q=wang`)).toEqual([]);
    });

    it('summarises the last year: visits, spend in fen, chronic conditions, allergies, abnormal results', async () => {
      const res = await t.as(agent, { method: 'GET', url: `/api/patients/${id}/summary` });
      expect(res.statusCode, res.body).toBe(200);
      const s = res.json();
      expect(s).toMatchObject({
        age: 66,
        visits12m: 2, // the no-show does not count, the visit 400 days ago is outside the year
        spend12mFen: 17_345,
        chronicConditions: [{ icd10Code: 'E11.9', name: '2型糖尿病' }],
        allergies: [{ substance: '青霉素', reaction: '皮疹', severity: 'moderate' }],
        nextAppointment: null,
      });
      expect(s.abnormalResults90d).toHaveLength(1);
      expect(s.abnormalResults90d[0]).toMatchObject({
        code: 'GLU',
        value: '8.4',
        abnormal: true,
        referenceRange: '3.9–6.1',
      });
    });

    it('streams the timeline newest first, by type, across pages without gaps or repeats', async () => {
      const all: { type: string; at: string; id: string }[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/patients/${id}/timeline?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.as(agent, { method: 'GET', url });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json<{
          items: { type: string; at: string; id: string }[];
          nextCursor: string | null;
        }>();
        all.push(...body.items);
        cursor = body.nextCursor;
      } while (cursor);
      expect(all).toHaveLength(4 + 2 + 3 + 1 + 1 + 3); // encounters, diagnoses, results, medication, allergy, charges
      expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
      const times = all.map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const results = await t.as(agent, { method: 'GET', url: `/api/patients/${id}/timeline?types=result` });
      const items = results.json().items;
      expect(items.map((i: { value: string }) => i.value)).toEqual(['8.4', '5.6', '7.8']);
      expect(items[0]).toMatchObject({ type: 'result', abnormal: true, abnormalFlag: 'H' });
      const bad = await t.as(agent, { method: 'GET', url: `/api/patients/${id}/timeline?types=gossip` });
      expect(bad.statusCode).toBe(400);
    });

    it('gives a test trend with its reference range', async () => {
      const res = await t.as(agent, { method: 'GET', url: `/api/patients/${id}/results/trend?code=GLU` });
      expect(res.json()).toMatchObject({
        code: 'GLU',
        name: '空腹血糖',
        unit: 'mmol/L',
        referenceLow: 3.9,
        referenceHigh: 6.1,
        points: [
          { value: 7.8, abnormal: true },
          { value: 5.6, abnormal: false },
          { value: 8.4, abnormal: true },
        ],
      });
    });
  });

  describe('PIPL rights', () => {
    it('exports everything held, unmasked, and audits it with the reason', async () => {
      const mobile = uniqueMobile();
      const p = (
        await create({
          name: '吴十',
          gender: 'female',
          birthDate: '1990-02-02',
          phones: [{ number: mobile, kind: 'mobile' }],
        })
      ).json<Patient>();
      const now = t.clock.now().getTime();
      await addClinicalHistory(
        t.database.db,
        t.deps.tenantId,
        p.id,
        (days) => new Date(now - days * 86_400_000),
      );
      const quality = await t.login('quality_officer');
      const res = await t.as(quality, {
        method: 'GET',
        url: `/api/patients/${p.id}/export?reason=${encodeURIComponent('本人申请查阅')}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toContain('attachment');
      const doc = res.json();
      expect(doc.patient.name).toBe('吴十');
      expect(doc.sections.phones[0].number).toBe(mobile);
      expect(doc.sections.encounters).toHaveLength(4);
      expect(doc.sections.results).toHaveLength(3);
      expect(doc.sections.accessLog.map((a: { action: string }) => a.action)).toContain('patient.created');
      expect((await t.as(agent, { method: 'GET', url: `/api/patients/${p.id}/export` })).statusCode).toBe(
        400,
      );
    });

    it('erases on request: anonymised, aggregates kept, no longer findable, closed to edits, audited', async () => {
      const mobile = uniqueMobile();
      const idCard = idCardFor('330106', '19880808', 17);
      const p = (
        await create({
          name: '郑十一',
          gender: 'male',
          idCard,
          phones: [{ number: mobile, kind: 'mobile' }],
          identifiers: [{ kind: 'mrn', system: 'HIS', value: 'MZ77777777' }],
        })
      ).json<Patient>();
      const now = t.clock.now().getTime();
      await addClinicalHistory(
        t.database.db,
        t.deps.tenantId,
        p.id,
        (days) => new Date(now - days * 86_400_000),
      );
      const quality = await t.login('quality_officer');
      const erase = (payload: object, who = quality) =>
        t.as(who, { method: 'POST', url: `/api/patients/${p.id}/erase`, payload });
      expect((await erase({ reason: '本人申请', confirmName: '郑十一' }, agent)).statusCode).toBe(403);
      const wrongName = await erase({ reason: '本人申请', confirmName: '郑十二' });
      expect(wrongName.statusCode).toBe(400);
      expect(wrongName.json().error.fields[0].path).toBe('confirmName');

      expect((await erase({ reason: '本人书面申请删除', confirmName: '郑十一' })).statusCode).toBe(200);
      const view = (await t.as(agent, { method: 'GET', url: `/api/patients/${p.id}` })).json<Patient>();
      expect(view).toMatchObject({
        name: '已匿名',
        idCardMasked: null,
        phones: [],
        identifiers: [],
        birthDate: '1988-07-01',
      });
      expect(view.erasedAt).not.toBeNull();
      for (const q of ['郑十一', mobile, idCard, 'MZ77777777'])
        expect((await t.as(agent, { method: 'GET', url: `/api/patients?q=${q}` })).json().items).toEqual([]);
      const charges = await t.database.db.execute(
        sql`select sum(amount_fen)::int as fen from charges where patient_id = ${p.id}`,
      );
      expect(charges.rows[0]).toEqual({ fen: 67_345 });
      const edit = await t.as(agent, {
        method: 'PATCH',
        url: `/api/patients/${p.id}`,
        payload: { name: '郑十一' },
      });
      expect(edit.statusCode).toBe(409);
      const row = await t.database.db.execute(sql`select * from patients where id = ${p.id}`);
      expect(JSON.stringify(row.rows)).not.toMatch(/郑十一|zhengshiyi/);
      const erased = await t.database.db.execute(
        sql`select reason from audit_events where patient_id = ${p.id} and action = 'patient.erased'`,
      );
      expect(erased.rows).toEqual([{ reason: '本人书面申请删除' }]);
    });
  });
});
