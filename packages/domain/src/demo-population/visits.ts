import { minuteOfDay, nearDay, randomDay, weekdayDemand, type Rhythm } from './calendar';
import {
  ACUTE_DRUGS,
  ADMISSIONS,
  CHECKUP_PACKAGES,
  CHRONIC_CONDITIONS,
  DEPARTMENTS,
  DRUGS,
  DX,
  LABS,
  PANELS,
  PROCEDURES,
  QUARTERLY_PACKAGE,
  REPORTS,
  type CheckupPackage,
  type ChronicCondition,
  type Drug,
  type Dx,
  type LabTest,
  type ProcedureDef,
  type ReportDef,
} from './catalogue';
import { ID_SPACE, type PatientIdSource } from './ids';
import { MEDICAL_INSURERS, COMMERCIAL_INSURERS } from './people';
import type { Person } from './person';
import { Weighted, type Rng } from './prng';
import type { Doctor, Roster } from './roster';
import { DAY_MS, instantOf, isoOfDay, localDayOf, weekdayOf } from './time';
import type { DemoBatch, DemoChargeCategory, DemoEncounter, DemoEncounterKind } from './types';

/** Everything the visit generator needs about one patient. */
export interface VisitContext {
  rng: Rng;
  ids: PatientIdSource;
  batch: DemoBatch;
  roster: Roster;
  patientId: string;
  person: Person;
  /** First and last day (inclusive) of the two-year window. */
  windowStart: number;
  windowEnd: number;
  /** No visits after this day (lapsed follow-up, death). */
  lastDay: number;
  payer: PayerProfile;
  tags: Set<string>;
  /** Chronic conditions, primary first (empty for others). */
  conditions: ChronicCondition[];
}

export interface PayerProfile {
  insurer: string | null;
  commercial: string | null;
  employerPaysCheckups: boolean;
}

/** What the visit generator reports back for the patient row. */
export interface VisitSummary {
  firstCreatedAt: number | null;
  lastActivityAt: number | null;
}

// ---------------------------------------------------------------------------------------------------
// Plans: first decide which days the patient comes and why, then write each visit in date order.

type Plan =
  | { day: number; type: 'followup'; focus: number; online: boolean; visit: number; supplyDays: number }
  | {
      day: number;
      type: 'acute';
      kind: 'outpatient' | 'online' | 'emergency';
      dept: string;
      doctor: Doctor | null;
      dx: Dx;
      revisit: boolean;
    }
  | { day: number; type: 'admission'; dept: string }
  | { day: number; type: 'chemo'; cycle: number }
  | { day: number; type: 'checkup'; pkg: CheckupPackage }
  | { day: number; type: 'prenatal'; week: number; doctor: Doctor }
  | { day: number; type: 'delivery'; caesarean: boolean };

const conditionTable = (
  age: number,
  sex: 'male' | 'female',
  exclude: ReadonlySet<ChronicCondition>,
  oncology: boolean,
) =>
  new Weighted(
    CHRONIC_CONDITIONS.map(
      (c) =>
        [
          c,
          age >= c.minAge &&
          (c.sex === undefined || c.sex === sex) &&
          !exclude.has(c) &&
          (oncology || !c.oncology)
            ? c.weight
            : 0,
        ] as const,
    ),
  );

/** Conditions of a chronic patient: one primary, sometimes a second and third (never a second cancer). */
export function drawConditions(rng: Rng, person: Person): ChronicCondition[] {
  const chosen: ChronicCondition[] = [];
  const taken = new Set<ChronicCondition>();
  const extra = rng.chance(0.45) ? (rng.chance(0.33) ? 2 : 1) : 0;
  for (let i = 0; i <= extra; i++) {
    const table = conditionTable(person.age, person.sex, taken, i === 0);
    const c = table.pick(rng);
    if (taken.has(c)) break;
    chosen.push(c);
    taken.add(c);
  }
  return chosen;
}

const clinicalDepartments = DEPARTMENTS.filter((d) => d.visitWeight > 0);
const deptTables = {
  child: new Weighted(
    clinicalDepartments.map(
      (d) =>
        [
          d.code,
          d.audience === 'children'
            ? 30
            : ['ENT', 'OPHT', 'DERM', 'STOM'].includes(d.code)
              ? d.visitWeight
              : 0,
        ] as const,
    ),
  ),
  man: new Weighted(
    clinicalDepartments.map(
      (d) => [d.code, d.audience === 'children' || d.audience === 'women' ? 0 : d.visitWeight] as const,
    ),
  ),
  woman: new Weighted(
    clinicalDepartments.map((d) => [d.code, d.audience === 'children' ? 0 : d.visitWeight] as const),
  ),
  teen: new Weighted(
    clinicalDepartments.map(
      (d) =>
        [
          d.code,
          d.audience === 'children' || d.audience === 'women' || d.audience === 'adults' ? 0 : d.visitWeight,
        ] as const,
    ),
  ),
};
const acuteDx = new Map(
  DEPARTMENTS.filter((d) => d.acute.length).map((d) => [d.code, new Weighted(d.acute)]),
);

function walkInDepartment(rng: Rng, person: Person): string {
  if (person.age < 14) return deptTables.child.pick(rng);
  if (person.age < 18) return deptTables.teen.pick(rng);
  return (person.sex === 'female' ? deptTables.woman : deptTables.man).pick(rng);
}

function acutePlan(
  c: VisitContext,
  day: number,
  kindOverride?: 'emergency' | 'online',
): Extract<Plan, { type: 'acute' }> {
  const { rng } = c;
  const kind = kindOverride ?? (rng.chance(0.1) ? 'emergency' : rng.chance(0.06) ? 'online' : 'outpatient');
  const dept = kind === 'emergency' ? 'EMER' : walkInDepartment(rng, c.person);
  return { day, type: 'acute', kind, dept, doctor: null, dx: acuteDx.get(dept)!.pick(rng), revisit: false };
}

/** An illness episode: a visit, often a revisit a few days later, occasionally a hospital stay. */
function episode(c: VisitContext, plans: Plan[], day: number, kind?: 'emergency' | 'online'): void {
  const { rng } = c;
  const first = acutePlan(c, day, kind);
  first.doctor =
    first.kind === 'emergency' ? null : c.roster.pickDoctor(rng, first.dept, weekdayOf(day) >= 6);
  plans.push(first);
  if (first.kind === 'outpatient' && rng.chance(0.4)) {
    const revisitDay = nearDay(rng, day + rng.range(4, 12), 2, 'outpatient');
    plans.push({ ...first, day: revisitDay, revisit: true });
  }
  const admitDept =
    first.kind === 'emergency' ? rng.pick(['RESP', 'CARD', 'GSUR', 'ORTH', 'NEUR']) : first.dept;
  if (ADMISSIONS[admitDept] && rng.chance(first.kind === 'emergency' ? 0.04 : 0.012)) {
    plans.push({
      day: day + (first.kind === 'emergency' ? 0 : rng.range(1, 7)),
      type: 'admission',
      dept: admitDept,
    });
  }
}

function planChronic(c: VisitContext, plans: Plan[]): void {
  const { rng } = c;
  const known = rng.chance(0.8);
  let day = known
    ? c.windowStart + rng.int(30)
    : randomDay(rng, c.windowStart + 30, c.windowEnd - 30, 'outpatient');
  const adherence = 0.75 + rng.float() * 0.25;
  const online = rng.chance(0.3) ? 0.35 : 0.05;
  let visit = 0;
  const primary = c.conditions[0]!;
  while (day <= c.lastDay) {
    const gap = Math.max(20, Math.min(45, Math.round(30 + 4 * rng.normal())));
    if (visit === 0 || rng.chance(adherence)) {
      plans.push({
        day: nearDay(rng, day, 2, 'outpatient'),
        type: 'followup',
        focus: visit % c.conditions.length,
        online: visit > 0 && rng.chance(online),
        visit,
        supplyDays: gap,
      });
      visit++;
    }
    day += gap;
  }
  if (primary.oncology) {
    // Chemotherapy: a course of 4–6 cycles three weeks apart, started at some point of the window.
    const cycles = rng.range(4, 6);
    let d = randomDay(rng, c.windowStart, Math.max(c.windowStart, c.windowEnd - 150), 'admission');
    for (let k = 0; k < cycles && d <= c.lastDay; k++, d += rng.range(21, 25))
      plans.push({ day: d, type: 'chemo', cycle: k + 1 });
  }
  for (let n = rng.poisson(6.5); n > 0; n--)
    episode(c, plans, randomDay(rng, c.windowStart, c.lastDay, 'outpatient'));
  for (let n = rng.poisson(0.25); n > 0; n--)
    episode(c, plans, randomDay(rng, c.windowStart, c.lastDay, 'emergency'), 'emergency');
  for (let year = 0; year < 2; year++) {
    if (!rng.chance(0.04)) continue;
    const dept = ADMISSIONS[primary.department] ? primary.department : 'CARD';
    plans.push({
      day: randomDay(rng, c.windowStart + year * 365, c.windowStart + year * 365 + 364, 'admission'),
      type: 'admission',
      dept,
    });
  }
}

function pickPackage(rng: Rng, age: number): CheckupPackage {
  const [basic, standard, senior, premium] = CHECKUP_PACKAGES as [
    CheckupPackage,
    CheckupPackage,
    CheckupPackage,
    CheckupPackage,
  ];
  const x = rng.float();
  if (x < 0.08) return premium;
  if (age >= 45 && x < 0.3) return senior;
  return x < 0.62 ? standard : basic;
}

function planCheckups(c: VisitContext, plans: Plan[], quarterly: boolean): void {
  const { rng } = c;
  const offset = rng.int(365);
  const pkg = pickPackage(rng, c.person.age);
  if (pkg.premium) c.tags.add('高端体检');
  if (quarterly) c.tags.add('体检会员');
  const step = quarterly ? 91 : 365;
  for (let k = 0, day = c.windowStart + offset; day <= c.windowEnd; k++, day += step) {
    const annual = !quarterly || k % 4 === 0;
    if (k > 0 && !rng.chance(quarterly ? 0.95 : 0.88)) continue;
    // Reports come 2–5 days after the visit: the last check-ups are early enough to have them by asOf.
    const visitDay = nearDay(rng, Math.min(day, c.windowEnd - 9), 3, 'checkup');
    plans.push({ day: visitDay, type: 'checkup', pkg: annual ? pkg : QUARTERLY_PACKAGE });
    if (annual && rng.chance(0.12)) {
      // A finding sends some to a specialist a week or three later.
      const dept = rng.pick(['ENDO', 'GAST', 'CARD', 'GSUR']);
      plans.push({
        ...acutePlan(c, visitDay + rng.range(7, 25)),
        kind: 'outpatient',
        dept,
        dx: acuteDx.get(dept)!.pick(rng),
        doctor: c.roster.pickDoctor(rng, dept, false),
      });
    }
  }
  for (let n = rng.poisson(1.5); n > 0; n--)
    episode(c, plans, randomDay(rng, c.windowStart, c.windowEnd, 'outpatient'));
}

const PRENATAL_WEEKS = [7, 12, 16, 20, 24, 28, 30, 32, 34, 36, 37, 38, 39];

function planPregnancy(c: VisitContext, plans: Plan[]): void {
  const { rng } = c;
  c.tags.add('孕产');
  const lmp = rng.range(c.windowStart - 250, c.windowEnd - 60);
  const doctor = c.roster.pickDoctor(rng, 'OBGY', false);
  for (const week of PRENATAL_WEEKS) {
    const day = nearDay(rng, lmp + week * 7, 2, 'outpatient');
    if (day >= c.windowStart && day <= c.windowEnd) plans.push({ day, type: 'prenatal', week, doctor });
  }
  const birth = lmp + 273 + rng.range(-7, 7);
  if (birth >= c.windowStart && birth <= c.windowEnd)
    plans.push({ day: birth, type: 'delivery', caesarean: rng.chance(0.4) });
}

function planOccasional(c: VisitContext, plans: Plan[]): void {
  const { rng, person } = c;
  if (person.sex === 'female' && person.age >= 22 && person.age <= 38 && rng.chance(0.15))
    planPregnancy(c, plans);
  const episodes = Math.max(2, rng.poisson(6.5));
  for (let n = 0; n < episodes; n++)
    episode(c, plans, randomDay(rng, c.windowStart, c.windowEnd, 'outpatient'));
}

/** Writes the patient's visits and everything that hangs off them into the batch. */
export function generateVisits(c: VisitContext): VisitSummary {
  const plans: Plan[] = [];
  switch (c.person.behaviour) {
    case 'chronic':
      planChronic(c, plans);
      break;
    case 'checkup':
      planCheckups(c, plans, c.rng.chance(0.25));
      break;
    case 'occasional':
      planOccasional(c, plans);
      break;
    case 'one_off': {
      const x = c.rng.float();
      const day = randomDay(c.rng, c.windowStart, c.windowEnd, x < 0.15 ? 'emergency' : 'outpatient');
      const plan = acutePlan(c, day, x < 0.15 ? 'emergency' : x < 0.2 ? 'online' : undefined);
      plan.doctor =
        plan.kind === 'emergency' ? null : c.roster.pickDoctor(c.rng, plan.dept, weekdayOf(day) >= 6);
      plans.push(plan);
      break;
    }
  }
  plans.sort((a, b) => a.day - b.day);
  const w = new VisitWriter(c);
  let busyUntil = -1;
  for (const plan of plans) {
    if (plan.day < c.windowStart || plan.day > c.lastDay) continue;
    // Nobody sees an outpatient doctor while in a hospital bed.
    if (
      plan.day <= busyUntil &&
      plan.type !== 'admission' &&
      plan.type !== 'chemo' &&
      plan.type !== 'delivery'
    )
      continue;
    const until = w.write(plan);
    if (until !== null) busyUntil = Math.max(busyUntil, until);
  }
  return { firstCreatedAt: w.firstCreatedAt, lastActivityAt: w.lastActivityAt };
}

// ---------------------------------------------------------------------------------------------------
// Writing visits

const CHANNELS_YOUNG = new Weighted([
  ['wechat', 40],
  ['app', 30],
  ['window', 12],
  ['kiosk', 12],
  ['phone', 3],
  ['referral', 3],
] as const);
const CHANNELS_OLD = new Weighted([
  ['window', 40],
  ['kiosk', 12],
  ['phone', 10],
  ['wechat', 25],
  ['app', 10],
  ['referral', 3],
] as const);
const CHANNELS_CHECKUP = new Weighted([
  ['wechat', 40],
  ['phone', 30],
  ['app', 20],
  ['window', 10],
] as const);

const BOOKED = new Set(['app', 'wechat', 'phone']);

interface Bill {
  consultation: number;
  drug: number;
  laboratory: number;
  examination: number;
  treatment: number;
  surgery: number;
  bed: number;
  checkup_package: number;
}

const emptyBill = (): Bill => ({
  consultation: 0,
  drug: 0,
  laboratory: 0,
  examination: 0,
  treatment: 0,
  surgery: 0,
  bed: 0,
  checkup_package: 0,
});

interface Visit {
  enc: DemoEncounter;
  /** When the doctor sees the patient (after the wait). */
  seenAt: number;
  bill: Bill;
}

interface LabTrend {
  base: number;
  slopePerYear: number;
  noise: number;
}

class VisitWriter {
  firstCreatedAt: number | null = null;
  lastActivityAt: number | null = null;
  private readonly trends = new Map<string, LabTrend>();
  private readonly regimens: (readonly Drug[])[];

  constructor(private readonly c: VisitContext) {
    this.regimens = c.conditions.map((cond) => c.rng.pick(cond.regimens));
    const sex = c.person.sex === 'male' ? 0 : 1;
    for (const cond of c.conditions) {
      for (const lab of cond.labs) {
        if (this.trends.has(lab.test.code)) continue;
        // Each chronic patient has their own level and course: most improve under treatment, some worsen.
        const sd = pickSex(lab.test.sd, sex);
        const spread = sd * lab.spread;
        this.trends.set(lab.test.code, {
          base: pickSex(lab.test.mean, sex) + sd * lab.shift + spread * 0.6 * c.rng.normal(),
          slopePerYear: spread * (-0.3 + 0.4 * c.rng.normal()),
          noise: spread * 0.3,
        });
      }
    }
  }

  /** Writes one planned visit; returns the last day the patient is busy (hospital stays), or null. */
  write(plan: Plan): number | null {
    switch (plan.type) {
      case 'followup':
        this.followUp(plan);
        return null;
      case 'acute':
        this.acute(plan);
        return null;
      case 'admission': {
        const options = ADMISSIONS[plan.dept]!;
        const adm = new Weighted(options.map((o) => [o, o.weight] as const)).pick(this.c.rng);
        return this.admission(plan.day, plan.dept, adm.dx, adm.procedure, adm.days, 1);
      }
      case 'chemo':
        return this.admission(plan.day, 'ONCO', this.c.conditions[0]!.dx, PROCEDURES.chemotherapy, [2, 4], 4);
      case 'checkup':
        this.checkup(plan.pkg, plan.day);
        return null;
      case 'prenatal':
        this.prenatal(plan.day, plan.week, plan.doctor);
        return null;
      case 'delivery':
        return this.admission(
          plan.day,
          'OBGY',
          plan.caesarean ? DX.caesarean : DX.vaginalDelivery,
          plan.caesarean ? PROCEDURES.caesarean : PROCEDURES.vaginalDelivery,
          plan.caesarean ? [4, 6] : [2, 3],
          1,
        );
    }
  }

  // -- encounters -----------------------------------------------------------------------------------

  private open(
    day: number,
    kind: DemoEncounterKind,
    dept: string,
    doctor: Doctor | null,
    rhythm: Rhythm,
    options: { channel?: string; canMiss?: boolean } = {},
  ): Visit | null {
    const { rng, person } = this.c;
    const start = instantOf(day, minuteOfDay(rng, rhythm));
    const channel =
      options.channel ??
      (kind === 'emergency'
        ? rng.chance(0.9)
          ? 'window'
          : 'referral'
        : kind === 'online'
          ? rng.chance(0.55)
            ? 'app'
            : 'wechat'
          : kind === 'checkup'
            ? CHANNELS_CHECKUP.pick(rng)
            : (person.age >= 65 ? CHANNELS_OLD : CHANNELS_YOUNG).pick(rng));
    const booked = BOOKED.has(channel);
    const createdAt = booked
      ? start - (rng.range(0, 6) * DAY_MS + rng.range(30, 600) * 60_000)
      : start - rng.range(0, 10) * 60_000;
    let status: DemoEncounter['status'] = 'finished';
    if (options.canMiss !== false && booked) {
      const x = rng.float();
      if (x < 0.065) status = 'no_show';
      else if (x < 0.095) status = 'cancelled';
    }
    const waiting =
      status !== 'finished'
        ? null
        : kind === 'inpatient'
          ? null
          : Math.max(
              1,
              Math.min(
                240,
                Math.round(
                  kind === 'emergency'
                    ? rng.logNormal(8, 0.8)
                    : kind === 'online'
                      ? rng.logNormal(3, 0.7)
                      : kind === 'checkup'
                        ? rng.logNormal(10, 0.5)
                        : rng.logNormal(16, 0.6) *
                          weekdayDemand(day) *
                          (minuteOfDayOf(start) < 11 * 60 ? 1.15 : 0.9),
                ),
              ),
            );
    const seenAt = start + (waiting ?? 0) * 60_000;
    const duration =
      kind === 'emergency' ? rng.range(45, 360) : kind === 'checkup' ? rng.range(100, 240) : rng.range(4, 18);
    const enc: DemoEncounter = {
      id: this.c.ids.next(ID_SPACE.encounter),
      patientId: this.c.patientId,
      kind,
      departmentCode: dept,
      practitionerCode: doctor?.code ?? null,
      startAt: start,
      endAt: status === 'finished' ? seenAt + duration * 60_000 : null,
      registrationChannel: channel,
      waitingMinutes: waiting,
      status,
      createdAt,
    };
    this.c.batch.encounters.push(enc);
    this.touch(createdAt, enc.endAt ?? start);
    return status === 'finished' ? { enc, seenAt, bill: emptyBill() } : null;
  }

  private touch(createdAt: number, activity: number) {
    if (this.firstCreatedAt === null || createdAt < this.firstCreatedAt) this.firstCreatedAt = createdAt;
    if (this.lastActivityAt === null || activity > this.lastActivityAt) this.lastActivityAt = activity;
  }

  private doctorFor(dept: string, day: number): Doctor {
    return this.c.roster.pickDoctor(this.c.rng, dept, weekdayOf(day) >= 6);
  }

  // -- visit kinds ----------------------------------------------------------------------------------

  private usualDoctors = new Map<string, Doctor>();

  private followUp(plan: Extract<Plan, { type: 'followup' }>) {
    const { rng, conditions } = this.c;
    const focus = conditions[plan.focus]!;
    let doctor = this.usualDoctors.get(focus.department);
    if (!doctor) {
      doctor = this.doctorFor(focus.department, plan.day);
      this.usualDoctors.set(focus.department, doctor);
    }
    // The usual doctor, unless it is a weekend and they do not hold weekend clinics.
    if (weekdayOf(plan.day) >= 6 && !doctor.weekends) doctor = this.doctorFor(focus.department, plan.day);
    const v = this.open(
      plan.day,
      plan.online ? 'online' : 'outpatient',
      focus.department,
      doctor,
      plan.online ? 'online' : 'outpatient',
    );
    if (!v) return;
    v.bill.consultation += plan.online ? Math.round(doctor.feeFen * 0.6) : doctor.feeFen;
    const covered = conditions.filter((cond, i) => i === plan.focus || rng.chance(0.4));
    for (const cond of covered) this.diagnose(v, cond.dx, true);
    // Prescription refills until the next visit.
    const drugs = new Set<Drug>();
    conditions.forEach((cond, i) => {
      if (covered.includes(cond)) for (const d of this.regimens[i]!) drugs.add(d);
    });
    for (const d of drugs) this.prescribe(v, d, plan.supplyDays, true);
    if (plan.online) return this.close(v);
    // Quarterly laboratory monitoring; diabetics often have a glucose check in between.
    const quarterly = plan.visit % 3 === 0;
    const labs = new Map<string, LabTest>();
    if (quarterly) for (const cond of covered) for (const lab of cond.labs) labs.set(lab.test.code, lab.test);
    else if (this.trends.has('GLU') && rng.chance(0.2)) labs.set('GLU', LABS.GLU!);
    for (const test of labs.values()) this.lab(v, test, v.seenAt + rng.range(60, 240) * 60_000);
    if (quarterly) {
      for (const cond of conditions)
        for (const rep of cond.reports)
          if (rng.chance(0.25)) this.report(v, rep, 2, v.seenAt + rng.range(30, 300) * 60_000);
    }
    this.close(v);
  }

  private acute(plan: Extract<Plan, { type: 'acute' }>) {
    const { rng } = this.c;
    const doctor =
      plan.kind === 'emergency'
        ? this.doctorFor('EMER', plan.day)
        : (plan.doctor ?? this.doctorFor(plan.dept, plan.day));
    const rhythm: Rhythm =
      plan.kind === 'emergency' ? 'emergency' : plan.kind === 'online' ? 'online' : 'outpatient';
    const v = this.open(plan.day, plan.kind, plan.dept, doctor, rhythm, {
      canMiss: plan.kind === 'outpatient',
    });
    if (!v) return;
    v.bill.consultation +=
      plan.kind === 'emergency'
        ? 3000
        : plan.kind === 'online'
          ? Math.round(doctor.feeFen * 0.6)
          : doctor.feeFen;
    this.diagnose(v, plan.dx, false);
    const dept = plan.dept;
    if (plan.kind !== 'online' && !plan.revisit) {
      const panel = labPanelFor(rng, dept);
      const releasedAt = v.seenAt + rng.range(45, 180) * 60_000;
      const infection = INFECTIONS.has(plan.dx.code);
      for (const test of panel) this.lab(v, test, releasedAt, infection);
      for (const rep of reportsFor(rng, dept)) this.report(v, rep, 1, v.seenAt + rng.range(40, 600) * 60_000);
      const proc = outpatientProcedure(rng, dept, plan.dx);
      if (proc) {
        this.procedure(v, proc, v.seenAt + rng.range(20, 120) * 60_000);
        v.bill.treatment += proc.priceFen;
      }
      if (dept === 'EMER' && rng.chance(0.4)) v.bill.treatment += Math.round(rng.logNormal(15_000, 0.5));
      if ((dept === 'TCM' || dept === 'DERM' || dept === 'STOM') && rng.chance(0.4))
        v.bill.treatment += Math.round(rng.logNormal(12_000, 0.6));
    }
    const drugs = ACUTE_DRUGS[dept];
    if (drugs && rng.chance(plan.revisit ? 0.5 : 0.75)) {
      const count = rng.chance(0.4) ? (rng.chance(0.3) ? 3 : 2) : 1;
      const chosen = new Set<Drug>();
      for (let k = 0; k < count; k++) chosen.add(rng.pick(drugs));
      for (const d of chosen) this.prescribe(v, d, rng.range(3, 7), false);
    }
    this.close(v);
  }

  private admission(
    day: number,
    dept: string,
    dx: Dx,
    procedure: ProcedureDef | null,
    days: readonly [number, number],
    drugFactor: number,
  ): number | null {
    const { rng } = this.c;
    const doctor = this.doctorFor(dept, day);
    const v = this.open(day, 'inpatient', dept, doctor, 'admission', {
      channel: rng.chance(0.6) ? 'referral' : 'window',
      canMiss: false,
    });
    if (!v) return null;
    const los = rng.range(days[0], days[1]);
    const discharge = instantOf(day + los, rng.range(9 * 60, 11 * 60 + 30));
    // Still in hospital on the asOf day: no discharge yet, and the bill comes at discharge.
    const current = day + los > this.c.windowEnd;
    v.enc.endAt = current ? null : discharge;
    if (current) v.enc.status = 'in_progress';
    this.touch(v.enc.createdAt, current ? v.seenAt : discharge);
    this.diagnose(
      v,
      dx,
      this.c.conditions.some((cond) => cond.dx.code === dx.code),
    );
    const panelAt = v.seenAt + rng.range(120, 360) * 60_000;
    for (const test of PANELS.admission) this.lab(v, test, panelAt);
    if (rng.chance(0.6))
      this.report(v, rng.pick([REPORTS.chestXray, REPORTS.ecg, REPORTS.abdomenUs]), 1.5, panelAt);
    if (procedure) {
      const on = day + Math.min(los - 1, rng.range(1, 2));
      if (on <= this.c.windowEnd) this.procedure(v, procedure, instantOf(on, rng.range(8 * 60, 16 * 60)));
      const cost = Math.round(procedure.priceFen * 0.75 * rng.logNormal(1, 0.2));
      if (procedure === PROCEDURES.chemotherapy) v.bill.treatment += cost;
      else v.bill.surgery += cost;
    }
    v.bill.bed += los * 6_000;
    v.bill.treatment += Math.round(los * rng.logNormal(12_000, 0.4));
    v.bill.drug += Math.round(los * rng.logNormal(9_000, 0.5) * drugFactor);
    if (!current) this.close(v, discharge);
    return day + los;
  }

  private checkup(pkg: CheckupPackage, day: number) {
    const { rng } = this.c;
    const doctor = this.doctorFor('HMC', day);
    const v = this.open(day, 'checkup', 'HMC', doctor, 'checkup');
    if (!v) return;
    v.bill.checkup_package += pkg.priceFen;
    this.diagnose(v, DX.checkup, false);
    const reportAt = instantOf(day + rng.range(2, 5), rng.range(9 * 60, 17 * 60));
    for (const test of pkg.labs) this.lab(v, test, reportAt);
    for (const rep of pkg.reports) this.report(v, rep, 1, reportAt);
    for (const proc of pkg.procedures) this.procedure(v, proc, v.seenAt + rng.range(60, 180) * 60_000);
    // Packages are paid at the reception desk on arrival.
    this.close(v, v.enc.startAt + rng.range(2, 12) * 60_000);
  }

  private prenatal(day: number, week: number, doctor: Doctor) {
    const { rng } = this.c;
    const v = this.open(day, 'outpatient', 'OBGY', doctor, 'outpatient');
    if (!v) return;
    v.bill.consultation += doctor.feeFen;
    this.diagnose(v, DX.pregnancy, false);
    const labsAt = v.seenAt + rng.range(60, 180) * 60_000;
    if (week === 12 || week === 28)
      for (const test of [...PANELS.bloodRoutine, LABS.GLU!]) this.lab(v, test, labsAt);
    if ([12, 20, 24, 32, 36].includes(week)) this.report(v, REPORTS.obstetricUs, 1, labsAt);
    if (week <= 12) this.prescribe(v, DRUGS.folicAcid, 30, false);
    this.close(v);
  }

  // -- clinical rows --------------------------------------------------------------------------------

  private diagnose(v: Visit, dx: Dx, chronic: boolean) {
    this.c.batch.diagnoses.push({
      id: this.c.ids.next(ID_SPACE.diagnosis),
      patientId: this.c.patientId,
      encounterId: v.enc.id,
      icd10Code: dx.code,
      name: dx.name,
      chronic,
      diagnosedAt: v.seenAt + 3 * 60_000,
    });
  }

  private prescribe(v: Visit, drug: Drug, days: number, chronic: boolean) {
    const at = v.seenAt + 5 * 60_000;
    const startDay = localDayOf(at);
    this.c.batch.medications.push({
      id: this.c.ids.next(ID_SPACE.medication),
      patientId: this.c.patientId,
      encounterId: v.enc.id,
      drugCode: drug.code,
      drugName: drug.name,
      dose: drug.dose,
      frequency: drug.frequency,
      route: drug.route,
      prescribedAt: at,
      startDate: isoOfDay(startDay),
      endDate: isoOfDay(startDay + days - 1),
      chronic,
    });
    v.bill.drug += drug.dailyFen * days;
  }

  private lab(v: Visit, test: LabTest, releasedAt: number, infection = false) {
    const { rng, person } = this.c;
    const sex = person.sex === 'male' ? 0 : 1;
    const trend = this.trends.get(test.code);
    let value: number;
    if (infection && (test === LABS.CRP || test === LABS.WBC)) {
      // Infections: CRP up (often past 10 mg/L), white cells up a little.
      value = test === LABS.CRP ? rng.logNormal(7, 0.9) : rng.logNormal(8.2, 0.25);
    } else if (trend) {
      const years = (v.enc.startAt - instantOf(this.c.windowStart, 0)) / (365 * DAY_MS);
      value = trend.base + trend.slopePerYear * years + trend.noise * rng.normal();
    } else {
      const mean = pickSex(test.mean, sex);
      const sd = pickSex(test.sd, sex);
      value = test.skewed ? mean * Math.exp((sd / mean) * rng.normal()) : mean + sd * rng.normal();
    }
    const low = pickSex(test.low, sex);
    const high = pickSex(test.high, sex);
    const scale = SCALE[test.decimals]!;
    // The value as the laboratory prints it, and the flag from that printed value.
    const shown = Math.max(1, Math.round(value * scale)) / scale;
    const text = shown.toFixed(test.decimals);
    this.c.batch.results.push({
      id: this.c.ids.next(ID_SPACE.result),
      patientId: this.c.patientId,
      encounterId: v.enc.id,
      kind: 'lab',
      code: test.code,
      name: test.name,
      valueNumeric: text,
      valueText: null,
      unit: test.unit,
      referenceLow: numberText(low),
      referenceHigh: numberText(high),
      referenceText: null,
      abnormalFlag: shown > high ? 'H' : shown < low ? 'L' : 'N',
      conclusion: null,
      releasedAt,
    });
    v.bill.laboratory += test.priceFen;
  }

  private report(v: Visit, rep: ReportDef, findingBoost: number, releasedAt: number) {
    const { rng } = this.c;
    const finding = rng.chance(Math.min(0.9, rep.findingRate * findingBoost));
    this.c.batch.results.push({
      id: this.c.ids.next(ID_SPACE.result),
      patientId: this.c.patientId,
      encounterId: v.enc.id,
      kind: rep.kind,
      code: rep.code,
      name: rep.name,
      valueNumeric: null,
      valueText: null,
      unit: null,
      referenceLow: null,
      referenceHigh: null,
      referenceText: null,
      abnormalFlag: finding ? 'A' : 'N',
      conclusion: finding ? rng.pick(rep.findings) : rep.normal,
      releasedAt,
    });
    v.bill.examination += rep.priceFen;
  }

  private procedure(v: Visit, proc: ProcedureDef, at: number) {
    this.c.batch.procedures.push({
      id: this.c.ids.next(ID_SPACE.procedure),
      patientId: this.c.patientId,
      encounterId: v.enc.id,
      code: proc.code,
      name: proc.name,
      performedAt: at,
    });
  }

  /** One charge row per category of the visit's bill. */
  private close(v: Visit, at: number = (v.enc.endAt ?? v.seenAt) + this.c.rng.range(1, 15) * 60_000) {
    const { rng, payer, person } = this.c;
    for (const category of Object.keys(v.bill) as (keyof Bill)[]) {
      const amount = v.bill[category];
      if (amount <= 0) continue;
      let who: 'self' | 'medical_insurance' | 'commercial_insurance' | 'employer';
      if (category === 'checkup_package') who = payer.employerPaysCheckups ? 'employer' : 'self';
      else if (payer.commercial && v.enc.kind === 'inpatient' && rng.chance(0.5))
        who = 'commercial_insurance';
      else if (payer.insurer && rng.chance(0.82)) who = 'medical_insurance';
      else who = 'self';
      const method =
        who === 'medical_insurance' || who === 'commercial_insurance'
          ? 'insurance'
          : who === 'employer'
            ? 'card'
            : selfPayMethod(rng, person.age);
      this.c.batch.charges.push({
        id: this.c.ids.next(ID_SPACE.charge),
        patientId: this.c.patientId,
        encounterId: v.enc.id,
        category: category satisfies DemoChargeCategory,
        amountFen: Math.round(amount),
        paymentMethod: method,
        payer: who,
        insurer:
          who === 'medical_insurance'
            ? payer.insurer
            : who === 'commercial_insurance'
              ? payer.commercial
              : null,
        chargedAt: at,
      });
    }
  }
}

const SCALE = [1, 10, 100, 1000];
const numberTexts = new Map<number, string>();
/** String(n), cached: reference limits are a few dozen numbers printed millions of times. */
function numberText(n: number): string {
  let t = numberTexts.get(n);
  if (t === undefined) numberTexts.set(n, (t = String(n)));
  return t;
}

/** Diagnoses of infections, whose blood tests show inflammation. */
const INFECTIONS = new Set([
  'J06.9',
  'J20.9',
  'J18.9',
  'J03.9',
  'J02.9',
  'R50.9',
  'A09',
  'B08.4',
  'N39.0',
  'K35.8',
  'L02.9',
]);

const pickSex = (v: number | readonly [number, number], sex: 0 | 1): number =>
  typeof v === 'number' ? v : v[sex];

const minuteOfDayOf = (instant: number) =>
  Math.floor(((((instant + 8 * 3_600_000) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);

function selfPayMethod(rng: Rng, age: number): string {
  const x = rng.float();
  if (age >= 70) return x < 0.35 ? 'cash' : x < 0.6 ? 'card' : x < 0.9 ? 'wechat_pay' : 'alipay';
  return x < 0.5 ? 'wechat_pay' : x < 0.8 ? 'alipay' : x < 0.95 ? 'card' : 'cash';
}

function labPanelFor(rng: Rng, dept: string): readonly LabTest[] {
  switch (dept) {
    case 'RESP':
    case 'PEDS':
    case 'GP':
    case 'EMER':
      return rng.chance(0.6) ? PANELS.infection : [];
    case 'GAST':
      return rng.chance(0.3) ? [...PANELS.bloodRoutine, ...PANELS.liver] : [];
    case 'NEPH':
    case 'UROL':
      return rng.chance(0.4) ? PANELS.kidney : [];
    case 'ENDO':
      return rng.chance(0.5) ? [LABS.GLU!, LABS.TSH!] : [];
    case 'CARD':
      return rng.chance(0.4) ? [...PANELS.lipids, LABS.GLU!] : [];
    case 'OBGY':
    case 'GSUR':
    case 'ONCO':
      return rng.chance(0.3) ? PANELS.bloodRoutine : [];
    default:
      return rng.chance(0.3) ? PANELS.bloodRoutine : [];
  }
}

/** Imaging and examinations ordered at a walk-in visit, by department: [chance, report]. */
const REPORT_ODDS: Readonly<Record<string, readonly (readonly [number, ReportDef])[]>> = {
  RESP: [
    [0.2, REPORTS.chestXray],
    [0.08, REPORTS.chestCt],
  ],
  CARD: [
    [0.55, REPORTS.ecg],
    [0.12, REPORTS.heartUs],
  ],
  GAST: [[0.28, REPORTS.abdomenUs]],
  GSUR: [[0.28, REPORTS.abdomenUs]],
  UROL: [[0.28, REPORTS.abdomenUs]],
  ORTH: [
    [0.2, REPORTS.kneeXray],
    [0.08, REPORTS.lumbarMri],
  ],
  NEUR: [[0.18, REPORTS.headCt]],
  EMER: [
    [0.12, REPORTS.headCt],
    [0.15, REPORTS.chestXray],
    [0.2, REPORTS.ecg],
  ],
  ENDO: [[0.3, REPORTS.thyroidUs]],
  ONCO: [[0.5, REPORTS.chestCt]],
  PEDS: [[0.08, REPORTS.chestXray]],
};
const NO_REPORTS: readonly (readonly [number, ReportDef])[] = [];

function reportsFor(rng: Rng, dept: string): ReportDef[] {
  const out: ReportDef[] = [];
  for (const [chance, report] of REPORT_ODDS[dept] ?? NO_REPORTS) if (rng.chance(chance)) out.push(report);
  return out;
}

function outpatientProcedure(rng: Rng, dept: string, dx: Dx): ProcedureDef | null {
  if (dept === 'GAST')
    return rng.chance(0.08) ? PROCEDURES.gastroscopy : rng.chance(0.03) ? PROCEDURES.colonoscopy : null;
  if (dept === 'STOM') return rng.chance(0.2) ? PROCEDURES.toothExtraction : null;
  if (dx.code === 'S61.9') return PROCEDURES.woundSuture;
  return null;
}

/** Insurance of a patient: most are in one of the two basic medical insurance schemes. */
export function drawPayer(rng: Rng, person: Person, retiredOrEmployed: boolean): PayerProfile {
  const insured = rng.chance(0.88);
  return {
    insurer: insured ? (retiredOrEmployed ? MEDICAL_INSURERS[0] : MEDICAL_INSURERS[1]) : null,
    commercial: person.age >= 18 && rng.chance(0.04) ? rng.pick(COMMERCIAL_INSURERS) : null,
    employerPaysCheckups: person.employed && rng.chance(0.65),
  };
}
