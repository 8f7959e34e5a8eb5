import { describe, expect, it } from 'vitest';
import { parseIdCard, parseMobile } from '../cn-identity';
import { nameSearchKeys } from '../cn-names';
import { createDemoPopulation } from './population';
import { SURNAMES } from './names';
import { DAY_MS, dayOf, localDayOf, weekdayOf } from './time';
import { DEMO_TABLES, type DemoBatch, type DemoTable } from './types';

const AS_OF = '2025-06-30';

/** All rows of a run, merged into one batch. */
function all(
  patients: number,
  seed: number | string = 42,
  extra: { healthManagerIds?: string[] } = {},
): DemoBatch {
  const merged = Object.fromEntries(DEMO_TABLES.map((t) => [t, [] as unknown[]])) as unknown as DemoBatch;
  merged.from = 0;
  for (const batch of createDemoPopulation({ patients, seed, asOf: AS_OF, ...extra }).batches(97)) {
    for (const t of DEMO_TABLES) (merged[t] as unknown[]).push(...(batch[t] as unknown[]));
  }
  return merged;
}

// One population shared by the statistical tests (generation is fast: ~0.1 ms per patient).
const population = all(3000);
const byPatient = <T extends { patientId: string }>(rows: T[]) => {
  const map = new Map<string, T[]>();
  for (const r of rows) map.set(r.patientId, [...(map.get(r.patientId) ?? []), r]);
  return map;
};

describe('demo population: determinism', () => {
  it('gives the same rows, ids included, for the same patients, seed and asOf', () => {
    const a = all(200, 'demo');
    const b = all(200, 'demo');
    expect(b).toEqual(a);
    const c = all(200, 'other');
    expect(c.patients[0]!.name + c.patients[0]!.idCard).not.toBe(a.patients[0]!.name + a.patients[0]!.idCard);
  });

  it('streams in batches of the requested size and starts over on each call', () => {
    const p = createDemoPopulation({ patients: 250, seed: 1, asOf: AS_OF });
    const sizes = [...p.batches(100)].map((b) => [b.from, b.patients.length]);
    expect(sizes).toEqual([
      [0, 100],
      [100, 100],
      [200, 50],
    ]);
    expect([...p.batches(100)][0]!.patients[0]).toEqual([...p.batches(50)][0]!.patients[0]);
  });

  it('makes unique, time-ordered UUIDv7-shaped ids', () => {
    const uuid7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const table of DEMO_TABLES) {
      const ids = (population[table] as { id: string }[]).map((r) => r.id);
      expect(new Set(ids).size, table).toBe(ids.length);
      expect(
        ids.every((id) => uuid7.test(id)),
        table,
      ).toBe(true);
    }
    const patientIds = population.patients.map((p) => p.id);
    expect([...patientIds].sort()).toEqual(patientIds);
  });

  it('rejects a bad patient count or date', () => {
    expect(() => createDemoPopulation({ patients: -1, seed: 1, asOf: AS_OF })).toThrow(RangeError);
    expect(() => createDemoPopulation({ patients: 1.5, seed: 1, asOf: AS_OF })).toThrow(RangeError);
    expect(() => createDemoPopulation({ patients: 1, seed: 1, asOf: '2025-02-30' })).toThrow(RangeError);
  });
});

describe('demo population: identity', () => {
  it('issues valid, unique ID-card numbers that agree with birth date and gender', () => {
    const seen = new Set<string>();
    const wrong: string[] = [];
    for (const p of population.patients) {
      const parsed = parseIdCard(p.idCard, AS_OF);
      if (!parsed.ok) wrong.push(`${p.idCard} ${parsed.problem}`);
      else if (
        parsed.value.number !== p.idCard ||
        parsed.value.birthDate !== p.birthDate ||
        parsed.value.gender !== p.gender
      )
        wrong.push(`${p.idCard} ${p.birthDate} ${p.gender}`);
      seen.add(p.idCard);
    }
    expect(wrong).toEqual([]);
    expect(seen.size).toBe(population.patients.length);
    // Ages: children, adults and many elderly among the chronic patients.
    const age = (birth: string) => Number(AS_OF.slice(0, 4)) - Number(birth.slice(0, 4));
    expect(population.patients.some((p) => age(p.birthDate) < 6)).toBe(true);
    const chronic = population.patients.filter((p) => p.behaviour === 'chronic');
    expect(chronic.filter((p) => age(p.birthDate) >= 60).length / chronic.length).toBeGreaterThan(0.5);
  });

  it('gives valid, distinct mobile numbers; a child is reached on a guardian’s phone', () => {
    const contacts = byPatient(population.contacts);
    const numbers = new Set<string>();
    const wrong: string[] = [];
    for (const phone of population.phones) {
      if (!parseMobile(phone.number).ok) wrong.push(`invalid ${phone.number}`);
      if (numbers.has(phone.number)) wrong.push(`twice ${phone.number}`);
      numbers.add(phone.number);
    }
    for (const c of population.contacts)
      if (c.phone && !parseMobile(c.phone).ok) wrong.push(`invalid ${c.phone}`);
    const phones = byPatient(population.phones);
    let children = 0;
    for (const p of population.patients) {
      const primary = (phones.get(p.id) ?? []).filter((ph) => ph.isPrimary);
      if (primary.length !== 1) wrong.push(`${p.id} has ${primary.length} primary phones`);
      const guardian = (contacts.get(p.id) ?? []).find((c) => c.note?.includes('监护人'));
      if (guardian) {
        children++;
        if (primary[0]?.number !== guardian.phone) wrong.push(`${p.id} not on the guardian's phone`);
      }
    }
    expect(wrong).toEqual([]);
    expect(children).toBeGreaterThan(0);
  });

  it('names people like a Chinese population: common surnames, short and long given names, pinyin keys', () => {
    const big = [...createDemoPopulation({ patients: 20_000, seed: 7, asOf: AS_OF }).batches(5000)].flatMap(
      (b) => b.patients,
    );
    const surnameOf = (name: string) =>
      SURNAMES.map(([s]) => s)
        .filter((s) => name.startsWith(s))
        .sort((a, b) => b.length - a.length)[0]!;
    const counts = new Map<string, number>();
    for (const p of big) counts.set(surnameOf(p.name), (counts.get(surnameOf(p.name)) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s);
    expect(top.slice(0, 3).sort()).toEqual(['张', '李', '王']);
    expect(counts.get('王')! / big.length).toBeGreaterThan(0.05);
    const twoCharacter = big.filter((p) => [...p.name].length === 2).length / big.length;
    expect(twoCharacter).toBeGreaterThan(0.15);
    expect(twoCharacter).toBeLessThan(0.45);
    expect(big.some((p) => /^(欧阳|司马|诸葛|上官|司徒)/.test(p.name))).toBe(true);
    expect(big.some((p) => /^[单曾解仇区查]/.test(p.name))).toBe(true);
    for (const p of big.slice(0, 500))
      expect({ pinyin: p.namePinyin, initials: p.nameInitials }).toEqual(nameSearchKeys(p.name));
    const shan = big.find((p) => p.name.startsWith('单') && !p.name.startsWith('单单'));
    if (shan) expect(shan.namePinyin.startsWith('shan')).toBe(true);
  });

  it('addresses most people where their card was issued, with real region names', () => {
    let same = 0;
    for (const p of population.patients) {
      expect(p.province && p.city && p.district && p.addressDetail).toBeTruthy();
      const parsed = parseIdCard(p.idCard, AS_OF);
      if (parsed.ok && parsed.value.provinceName === p.province) same++;
    }
    expect(same / population.patients.length).toBeGreaterThan(0.75);
  });

  it('gives MRNs, consents, some contacts, tags and a few VIPs', () => {
    const n = population.patients.length;
    const mrns = population.identifiers.map((i) => i.value);
    expect(mrns.every((v) => /^MZ\d{8}$/.test(v))).toBe(true);
    expect(new Set(mrns).size).toBe(n);
    const followUpSms = population.consents.filter(
      (c) => c.purpose === 'care_follow_up' && c.channel === 'sms',
    );
    expect(followUpSms).toHaveLength(n);
    expect(followUpSms.filter((c) => c.granted).length / n).toBeGreaterThan(0.8);
    const marketing = population.consents.filter((c) => c.purpose === 'marketing' && c.granted).length;
    expect(marketing).toBeGreaterThan(0);
    expect(marketing).toBeLessThan(followUpSms.length / 2);
    expect(population.contacts.length / n).toBeGreaterThan(0.2);
    const vip = population.patients.filter((p) => p.vip).length / n;
    expect(vip).toBeGreaterThan(0.005);
    expect(vip).toBeLessThan(0.05);
    const tags = new Set(population.patients.flatMap((p) => p.tags));
    for (const t of ['高血压', '糖尿病', '儿童']) expect(tags).toContain(t);
    const allergic = new Set(population.allergies.map((a) => a.patientId)).size / n;
    expect(allergic).toBeGreaterThan(0.03);
    expect(allergic).toBeLessThan(0.07);
    expect(population.familyHistory.length).toBeGreaterThan(0);
  });

  it('assigns chronic patients to health managers round-robin', () => {
    const managers = ['0190a000-0000-7000-8000-000000000001', '0190a000-0000-7000-8000-000000000002'];
    const p = all(300, 42, { healthManagerIds: managers }).patients;
    const chronic = p.filter((x) => x.behaviour === 'chronic');
    expect(chronic.map((x) => x.healthManagerId)).toEqual(chronic.map((_, i) => managers[i % 2]));
    expect(p.filter((x) => x.behaviour !== 'chronic').every((x) => x.healthManagerId === null)).toBe(true);
  });
});

describe('demo population: visits', () => {
  const asOfDay = dayOf(AS_OF);

  it('puts about ten visits per patient in the two years before asOf, in business hours', () => {
    const perPatient = population.encounters.length / population.patients.length;
    expect(perPatient).toBeGreaterThan(8);
    expect(perPatient).toBeLessThan(12);
    const hours = new Array<number>(24).fill(0);
    const weekdays = new Array<number>(8).fill(0);
    for (const e of population.encounters) {
      const day = localDayOf(e.startAt);
      expect(day).toBeGreaterThanOrEqual(asOfDay - 730);
      expect(day).toBeLessThan(asOfDay);
      if (e.kind !== 'outpatient') continue;
      hours[Math.floor(((e.startAt + 8 * 3_600_000) % DAY_MS) / 3_600_000)]!++;
      weekdays[weekdayOf(day)]!++;
    }
    // Monday peak, weekend low; clinics busy 8–11 and 14–16, quiet at lunch and at night.
    expect(weekdays[1]).toBe(Math.max(...weekdays));
    expect(weekdays[7]! * 2).toBeLessThan(weekdays[1]!);
    expect(hours[9]!).toBeGreaterThan(hours[12]! * 5);
    expect(hours[14]!).toBeGreaterThan(hours[12]! * 3);
    expect(hours[2]).toBe(0);
  });

  it('shows the behaviour groups in the intervals between visits', () => {
    const visits = byPatient(population.encounters.filter((e) => e.status === 'finished'));
    const gapsOf = (id: string, kinds: string[]) => {
      const days = (visits.get(id) ?? [])
        .filter((e) => kinds.includes(e.kind))
        .map((e) => localDayOf(e.startAt));
      return days.slice(1).map((d, i) => d - days[i]!);
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    const groups = { chronic: [] as number[], checkup: [] as number[], one_off: 0, one_offs: 0 };
    for (const p of population.patients) {
      if (p.behaviour === 'chronic') {
        // Follow-ups at the patient's chronic-disease clinic (walk-in visits elsewhere excluded).
        const gaps = gapsOf(p.id, ['outpatient', 'online']);
        if (gaps.length >= 6) groups.chronic.push(median(gaps));
      } else if (p.behaviour === 'checkup') {
        groups.checkup.push(...gapsOf(p.id, ['checkup']));
      } else if (p.behaviour === 'one_off') {
        groups.one_offs++;
        if ((visits.get(p.id) ?? []).length <= 1) groups.one_off++;
      }
    }
    // Chronic patients come about monthly.
    expect(median(groups.chronic)).toBeGreaterThanOrEqual(20);
    expect(median(groups.chronic)).toBeLessThanOrEqual(40);
    // Check-up customers come yearly or quarterly.
    const nearYear = groups.checkup.filter((g) => Math.abs(g - 365) <= 15).length;
    const nearQuarter = groups.checkup.filter((g) => Math.abs(g - 91) <= 15).length;
    expect((nearYear + nearQuarter) / groups.checkup.length).toBeGreaterThan(0.8);
    expect(nearYear).toBeGreaterThan(0);
    expect(nearQuarter).toBeGreaterThan(0);
    // One-off patients come once.
    expect(groups.one_off).toBe(groups.one_offs);
    // Occasional patients: a few visits, irregularly.
    const occasional = population.patients.filter((p) => p.behaviour === 'occasional');
    const counts = occasional.map((p) => (visits.get(p.id) ?? []).length);
    expect(median(counts)).toBeGreaterThanOrEqual(3);
    expect(median(counts)).toBeLessThanOrEqual(15);
  });

  it('has mostly finished visits; only visits that took place carry diagnoses and results, only finished ones charges', () => {
    const status = new Map<string, string>(population.encounters.map((e) => [e.id, e.status]));
    const finished =
      population.encounters.filter((e) => e.status === 'finished').length / population.encounters.length;
    expect(finished).toBeGreaterThan(0.88);
    expect(population.encounters.some((e) => e.status === 'no_show')).toBe(true);
    expect(population.encounters.some((e) => e.status === 'cancelled')).toBe(true);
    const wrong: string[] = [];
    for (const table of ['diagnoses', 'results', 'medications', 'charges', 'procedures'] as DemoTable[]) {
      const allowed = table === 'charges' ? ['finished'] : ['finished', 'in_progress'];
      for (const row of population[table] as { id: string; encounterId: string }[])
        if (!allowed.includes(status.get(row.encounterId) ?? '')) wrong.push(`${table} ${row.id}`);
    }
    const endOfWindow = (asOfDay + 1) * DAY_MS - 8 * 3_600_000;
    for (const e of population.encounters) {
      if (e.status === 'finished' && !(e.endAt! > e.startAt)) wrong.push(`end ${e.id}`);
      if (e.status === 'in_progress' && (e.kind !== 'inpatient' || e.endAt !== null))
        wrong.push(`current ${e.id}`);
      if (e.createdAt > e.startAt) wrong.push(`created ${e.id}`);
      // Nothing ends in the future (a last evening's visit may run past midnight into the asOf day).
      if ((e.endAt ?? e.startAt) >= endOfWindow) wrong.push(`future ${e.id}`);
    }
    for (const r of population.results) if (r.releasedAt >= endOfWindow) wrong.push(`future result ${r.id}`);
    for (const c of population.charges) if (c.chargedAt >= endOfWindow) wrong.push(`future charge ${c.id}`);
    expect(wrong).toEqual([]);
  });

  it('flags about 10% of laboratory results abnormal, consistently with value and interval', () => {
    const labs = population.results.filter((r) => r.kind === 'lab');
    let abnormal = 0;
    const inconsistent: string[] = [];
    for (const r of labs) {
      const value = Number(r.valueNumeric);
      const expected = value > Number(r.referenceHigh) ? 'H' : value < Number(r.referenceLow) ? 'L' : 'N';
      if (r.abnormalFlag !== expected) inconsistent.push(`${r.code} ${r.valueNumeric} ${r.abnormalFlag}`);
      if (!r.unit || !/^\d+(\.\d+)?$/.test(r.valueNumeric ?? ''))
        inconsistent.push(`${r.code} ${r.valueNumeric} ${r.unit}`);
      if (expected !== 'N') abnormal++;
    }
    expect(inconsistent).toEqual([]);
    expect(abnormal / labs.length).toBeGreaterThan(0.07);
    expect(abnormal / labs.length).toBeLessThan(0.13);
    const reports = population.results.filter((r) => r.kind !== 'lab');
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => r.conclusion && (r.abnormalFlag === 'A' || r.abnormalFlag === 'N'))).toBe(
      true,
    );
  });

  it('follows chronic patients’ laboratory values over time', () => {
    const diabetics = population.patients.filter((p) => p.tags.includes('糖尿病')).map((p) => p.id);
    const a1c = population.results.filter((r) => r.code === 'HbA1c' && diabetics.includes(r.patientId));
    expect(a1c.length).toBeGreaterThan(20);
    const mean = a1c.reduce((s, r) => s + Number(r.valueNumeric), 0) / a1c.length;
    expect(mean).toBeGreaterThan(6.2);
    expect(mean).toBeLessThan(9);
  });

  it('gives chronic patients their diagnoses and long-term medication', () => {
    const chronic = population.patients.filter((p) => p.behaviour === 'chronic');
    const dx = byPatient(population.diagnoses.filter((d) => d.chronic));
    const meds = byPatient(population.medications.filter((m) => m.chronic));
    const withBoth = chronic.filter((p) => dx.has(p.id) && meds.has(p.id)).length;
    expect(withBoth / chronic.length).toBeGreaterThan(0.9);
    const names = new Set(population.medications.map((m) => `${m.drugName} ${m.dose} ${m.frequency}`));
    expect(names).toContain('苯磺酸氨氯地平片 5mg qd');
    expect(names).toContain('盐酸二甲双胍片 0.5g bid');
    const codes = new Set(population.diagnoses.map((d) => `${d.icd10Code} ${d.name}`));
    expect(codes).toContain('I10 原发性高血压');
    expect(codes).toContain('E11.9 2型糖尿病');
  });

  it('brings about 60% of revenue from the top 20% of patients', () => {
    const spend = new Map<string, number>(population.patients.map((p) => [p.id, 0]));
    for (const c of population.charges) {
      expect(Number.isInteger(c.amountFen) && c.amountFen > 0).toBe(true);
      spend.set(c.patientId, spend.get(c.patientId)! + c.amountFen);
    }
    const sorted = [...spend.values()].sort((a, b) => b - a);
    const total = sorted.reduce((s, x) => s + x, 0);
    const top = sorted.slice(0, Math.floor(sorted.length / 5)).reduce((s, x) => s + x, 0);
    expect(top / total).toBeGreaterThan(0.55);
    expect(top / total).toBeLessThan(0.65);
    expect(population.charges.some((c) => c.category === 'checkup_package')).toBe(true);
  });
});
