import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPopulation, type DemoBehaviour } from '@carebridge/domain';
import { DEFAULT_SEGMENTATION_POLICY } from '@carebridge/contracts';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';
import { seedDemoPopulation } from '../demo/demo-seed';

/**
 * Stories on the demo generator's population (its 20/60 shape: about a fifth of the patients are chronic and
 * return monthly, a fifth come once), graded with the documents' default policy.
 */
const PATIENTS = 2500;
const AS_OF = '2026-10-31';

describe.each(testDbKinds())('segmentation (%s)', (kind) => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let marketing: Session;
  let managerId: string;
  const behaviour = new Map<string, { behaviour: DemoBehaviour; mrn: string }>();

  const recompute = () => t.deps.segmentationRecompute.recomputeAll(t.deps.tenantId);
  const sqlRows = async <T>(text: string, params: unknown[] = []) =>
    (await t.database.pool.query(text, params)).rows as T[];

  beforeAll(async () => {
    t = await createTestApp(kind, { jobs: true });
    t.clock.set(new Date(`${AS_OF}T16:00:00Z`));
    [admin, manager, marketing] = await Promise.all([
      t.login('admin'),
      t.login('health_manager'),
      t.login('marketing'),
    ]);
    managerId = (await sqlRows<{ id: string }>(`SELECT id FROM users WHERE username = 'health_manager'`))[0]!
      .id;
    const options = { patients: PATIENTS, seed: 5, asOf: AS_OF, healthManagerIds: [managerId] };
    await seedDemoPopulation(t.database, { ...options, tenantId: t.deps.tenantId, cipher: t.deps.cipher });
    for (const batch of createDemoPopulation(options).batches(500)) {
      const mrns = new Map(batch.identifiers.map((i) => [i.patientId, i.value]));
      for (const p of batch.patients) behaviour.set(p.id, { behaviour: p.behaviour, mrn: mrns.get(p.id)! });
    }
  }, 120_000);
  afterAll(() => t.close());

  it('grades the 20/60 shape: A is a fifth of the customers with about 60% of the revenue', async () => {
    const first = await recompute();
    expect(first.patients).toBeGreaterThan(PATIENTS * 0.97); // the deceased are not graded
    const res = await t.as(marketing, { method: 'GET', url: '/api/segmentation/overview' });
    expect(res.statusCode).toBe(200);
    const o = res.json();
    const a = o.tiers.find((x: { tier: string }) => x.tier === 'A');
    expect(a.share).toBeGreaterThanOrEqual(0.18);
    expect(a.share).toBeLessThanOrEqual(0.22);
    expect(a.revenueShare).toBeGreaterThanOrEqual(0.55);
    expect(a.revenueShare).toBeLessThanOrEqual(0.65);
    expect(o.customers).toBe(first.patients);
    expect(o.pareto).toHaveLength(101);
    expect(o.pareto[100].revenueShare).toBeCloseTo(1, 6);
    expect(o.top20RevenueShare).toBeGreaterThan(0.5);
    expect(o.equityFen).toBe(o.tiers.reduce((s: number, x: { equityFen: number }) => s + x.equityFen, 0));
    // A first grading is not a movement: nothing has moved yet.
    expect(o.movements).toEqual([]);
  });

  it('puts monthly chronic patients in A and one-off patients in C', async () => {
    const rows = await sqlRows<{ patient_id: string; tier: string; visits_window: number }>(
      `SELECT patient_id, tier, visits_window FROM patient_values`,
    );
    const monthlyChronic = rows.filter(
      (r) => behaviour.get(r.patient_id)?.behaviour === 'chronic' && r.visits_window >= 12,
    );
    const oneOff = rows.filter((r) => behaviour.get(r.patient_id)?.behaviour === 'one_off');
    expect(monthlyChronic.length).toBeGreaterThan(50);
    expect(oneOff.length).toBeGreaterThan(300);
    expect(monthlyChronic.filter((r) => r.tier !== 'A')).toEqual([]);
    expect(oneOff.filter((r) => r.tier !== 'C')).toEqual([]);
  });

  it('writes nothing the second time', async () => {
    const before = await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM patient_tier_history`);
    const again = await recompute();
    expect(again).toMatchObject({ changed: 0, history: 0, notices: 0 });
    const after = await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM patient_tier_history`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("explains a patient's value in the caller's language, and audits the read", async () => {
    const [top] = await sqlRows<{ patient_id: string }>(
      `SELECT patient_id FROM patient_values WHERE tier_rule = 'revenue_top' ORDER BY revenue_window_fen DESC LIMIT 1`,
    );
    const url = `/api/patients/${top!.patient_id}/value`;
    const zh = (await t.as(manager, { method: 'GET', url })).json();
    expect(zh).toMatchObject({ tier: 'A', level: expect.any(String), policyVersion: 0 });
    expect(zh.explanation.tier).toMatch(/^A 类：收入排名前 [\d.]+%，近 12 个月消费 ¥[\d,]+/);
    expect(zh.rfm.monetary).toBe(5);
    expect(zh.clv.valueFen).toBeGreaterThan(0);
    expect(zh.churnRisk.level).toMatch(/low|medium|high|unknown/);
    const en = (await t.as(manager, { method: 'GET', url, headers: { 'accept-language': 'en' } })).json();
    expect(en.explanation.tier).toMatch(/^A: revenue rank top [\d.]+%, ¥[\d,]+ in 12 months/);
    const audit = await sqlRows<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE patient_id = $1 AND detail = 'view=value'`,
      [top!.patient_id],
    );
    expect(audit[0]!.n).toBe(2);
    expect((await t.as(marketing, { method: 'GET', url })).statusCode).toBe(403);
    const history = (
      await t.as(manager, { method: 'GET', url: `/api/patients/${top!.patient_id}/tier-history` })
    ).json();
    expect(history.items).toEqual([]);
  });

  it('says so when a patient has not been graded yet', async () => {
    const res = await t.as(manager, {
      method: 'POST',
      url: '/api/patients',
      payload: { name: '祁未评', gender: 'female', birthDate: '1990-05-06' },
    });
    expect(res.statusCode).toBe(201);
    const v = (await t.as(manager, { method: 'GET', url: `/api/patients/${res.json().id}/value` })).json();
    expect(v).toMatchObject({ tier: null, rfm: null, computedAt: null });
    expect(v.explanation.tier).toContain('尚未计算');
  });

  it('moves a patient on a new charge within the minute, and tells their health manager when A changes', async () => {
    const [candidate] = await sqlRows<{ patient_id: string; tier: string }>(
      `SELECT v.patient_id, v.tier FROM patient_values v JOIN patients p ON p.id = v.patient_id
       WHERE p.health_manager_id = $1 AND v.tier <> 'A' AND v.visits_total > 1 LIMIT 1`,
      [managerId],
    );
    expect(candidate).toBeDefined();
    const mrn = behaviour.get(candidate!.patient_id)!.mrn;
    const outcome = await t.deps.database.db.transaction((tx) =>
      t.deps.inbound.write(
        tx,
        { tenantId: t.deps.tenantId, actor: null, origin: { ip: null, userAgent: null } },
        [
          {
            type: 'charge',
            source: { system: 'HIS', id: 'charge:test-big-surgery' },
            patient: { system: 'HIS', id: mrn },
            category: 'surgery',
            amountFen: 9_000_000,
            chargedAt: `${AS_OF}T10:00:00+08:00`,
          },
        ],
      ),
    );
    expect(outcome.counts).toMatchObject({ created: 1, rejected: 0 });
    const refreshed = await t.deps.segmentationRecompute.refreshDirty(t.deps.tenantId);
    expect(refreshed).toBe(1);
    const v = (
      await t.as(manager, { method: 'GET', url: `/api/patients/${candidate!.patient_id}/value` })
    ).json();
    expect(v.tier).toBe('A');
    expect(v.level).toBe('gold');
    const history = (
      await t.as(manager, { method: 'GET', url: `/api/patients/${candidate!.patient_id}/tier-history` })
    ).json();
    expect(history.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ dimension: 'tier', from: candidate!.tier, to: 'A', rule: 'revenue_top' }),
        expect.objectContaining({ dimension: 'level', to: 'gold', rule: 'gold_revenue' }),
      ]),
    );
    const inbox = (await t.as(manager, { method: 'GET', url: '/api/notifications?unread=true' })).json();
    const notice = inbox.items.find((n: { patientId: string }) => n.patientId === candidate!.patient_id);
    expect(notice.title).toMatch(/升为 A 类客户/);
    expect(notice.body).toContain(
      `${candidate!.tier === 'B' ? 'B 类（潜力）' : 'C 类（基础）'} → A 类（核心）`,
    );
    expect(inbox.unread).toBeGreaterThanOrEqual(1);
    const read = await t.as(manager, { method: 'POST', url: `/api/notifications/${notice.id}/read` });
    expect(read.json()).toEqual({ changed: 1 });
    // Nothing new: a second refresh grades nobody and tells nobody.
    expect(await t.deps.segmentationRecompute.refreshDirty(t.deps.tenantId)).toBe(0);
    const others = (await t.as(admin, { method: 'GET', url: '/api/notifications' })).json();
    expect(
      others.items.find((n: { patientId: string }) => n.patientId === candidate!.patient_id),
    ).toBeUndefined();
  });

  it('previews a policy, saves it as a new version, and refuses a stale save', async () => {
    const current = (await t.as(admin, { method: 'GET', url: '/api/segmentation/policies' })).json();
    expect(current.current).toMatchObject({
      version: 0,
      policy: DEFAULT_SEGMENTATION_POLICY,
      createdBy: null,
      createdByName: null,
    });
    const policy = {
      ...DEFAULT_SEGMENTATION_POLICY,
      abc: { ...DEFAULT_SEGMENTATION_POLICY.abc, aRevenueTopShare: 0.3 },
    };
    const preview = await t.as(admin, {
      method: 'POST',
      url: '/api/segmentation/policies/preview',
      payload: { policy },
    });
    expect(preview.statusCode).toBe(200);
    const p = preview.json();
    expect(p.moved.tier).toBeGreaterThan(0);
    const toA = p.tiers.filter((c: { from: string; to: string }) => c.from !== 'A' && c.to === 'A');
    expect(toA.reduce((s: number, c: { patients: number }) => s + c.patients, 0)).toBeGreaterThan(0);
    const aAfter = p.after.find((x: { tier: string }) => x.tier === 'A');
    expect(aAfter.patients / p.customers).toBeGreaterThan(0.28);
    expect(p.examples[0].maskedName).toMatch(/^\p{Script=Han}{1,2}\*+$/u);
    expect(p.examples[0].explanation).toMatch(/^A 类/);

    const saved = await t.as(admin, {
      method: 'PUT',
      url: '/api/segmentation/policies',
      payload: { policy, baseVersion: 0, note: '扩大 A 类' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, jobId: expect.any(String) });
    // The editor and the history show who saved it by name, not by user id.
    const after = (await t.as(admin, { method: 'GET', url: '/api/segmentation/policies' })).json();
    const [author] = await sqlRows<{ display_name: string }>(
      `SELECT display_name FROM users WHERE id = '${after.current.createdBy}'`,
    );
    expect(author!.display_name).toEqual(expect.any(String));
    expect(after.current.createdByName).toBe(author!.display_name);
    expect(after.history[0]).toMatchObject({ version: 1, createdByName: author!.display_name });
    const stale = await t.as(admin, {
      method: 'PUT',
      url: '/api/segmentation/policies',
      payload: { policy, baseVersion: 0 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.fields[0].path).toBe('baseVersion');
    const run = await recompute();
    expect(run.changed).toBeGreaterThan(0);
    const o = (await t.as(admin, { method: 'GET', url: '/api/segmentation/overview' })).json();
    expect(o.policyVersion).toBe(1);
    expect(o.tiers.find((x: { tier: string }) => x.tier === 'A').share).toBeGreaterThan(0.28);
    expect(
      (
        await t.as(manager, {
          method: 'PUT',
          url: '/api/segmentation/policies',
          payload: { policy, baseVersion: 1 },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('starts a recompute on demand for those who manage the policy', async () => {
    const res = await t.as(admin, { method: 'POST', url: '/api/segmentation/recompute' });
    expect(res.statusCode).toBe(202);
    expect(res.json().jobId).toEqual(expect.any(String));
    expect((await t.as(marketing, { method: 'POST', url: '/api/segmentation/recompute' })).statusCode).toBe(
      403,
    );
  });

  it('names the field of an invalid policy, in zh-CN and en', async () => {
    const policy = {
      ...DEFAULT_SEGMENTATION_POLICY,
      abc: { ...DEFAULT_SEGMENTATION_POLICY.abc, aRevenueTopShare: 0.7, bRevenueNextShare: 0.5 },
    };
    const res = await t.as(admin, {
      method: 'POST',
      url: '/api/segmentation/policies/preview',
      payload: { policy },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: 'policy.abc.bRevenueNextShare', message: 'A 类与 B 类的客户占比之和不能超过 100%' },
    ]);
    const en = await t.as(admin, {
      method: 'PUT',
      url: '/api/segmentation/policies',
      headers: { 'accept-language': 'en' },
      payload: { policy: { ...DEFAULT_SEGMENTATION_POLICY, windowMonths: 0 }, baseVersion: 1 },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields[0].path).toBe('policy.windowMonths');
    expect((await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM segmentation_policies`))[0]!.n).toBe(
      1,
    );
  });
});
