import { randomDay } from './calendar';
import { DemoIds, ID_SPACE, type PatientIdSource } from './ids';
import {
  IdCardRegistry,
  MAX_PATIENTS,
  PhoneBook,
  drawAllergy,
  drawFamilyHistory,
  drawPerson,
  drawProfile,
  randomName,
  type Person,
} from './person';
import { Rng, hashSeed } from './prng';
import { buildRoster, type Roster } from './roster';
import { dayOf, instantOf } from './time';
import {
  emptyBatch,
  type DemoBatch,
  type DemoConsent,
  type DemoDepartment,
  type DemoPopulationOptions,
  type DemoPractitioner,
} from './types';
import { drawConditions, drawPayer, generateVisits, type VisitContext } from './visits';

/** Two years of history before `asOf`. */
export const WINDOW_DAYS = 730;

export interface DemoPopulation {
  readonly options: Readonly<DemoPopulationOptions>;
  /** Departments of the demo hospital (upserted by code). */
  readonly departments: readonly DemoDepartment[];
  /** Doctors of the demo hospital (upserted by code), ~5 per clinical department. */
  readonly practitioners: readonly DemoPractitioner[];
  /**
   * The patients and all their rows, `size` patients per batch, in order. Each call starts from the first
   * patient again; only one batch is held at a time, so memory stays flat however many patients there are.
   */
  batches(size?: number): Generator<DemoBatch, void, undefined>;
}

/**
 * A deterministic demo population: the same patients count, seed and `asOf` give the same rows, ids
 * included. Pure: no clock, no randomness from outside, no I/O.
 */
export function createDemoPopulation(options: DemoPopulationOptions): DemoPopulation {
  const { patients, asOf } = options;
  if (!Number.isSafeInteger(patients) || patients < 0 || patients > MAX_PATIENTS)
    throw new RangeError(`patients must be a whole number between 0 and ${MAX_PATIENTS}`);
  const asOfDay = dayOf(asOf);
  const roster = buildRoster();
  const frozen: DemoPopulationOptions = {
    ...options,
    healthManagerIds: [...(options.healthManagerIds ?? [])],
  };
  return {
    options: frozen,
    departments: roster.departments,
    practitioners: roster.practitioners,
    *batches(size = 1000) {
      if (!Number.isSafeInteger(size) || size < 1)
        throw new RangeError('batch size must be a positive integer');
      const run = new Run(frozen, asOfDay, roster);
      for (let from = 0; from < patients; from += size) {
        const batch = emptyBatch(from);
        const to = Math.min(patients, from + size);
        for (let i = from; i < to; i++) run.patient(i, batch);
        yield batch;
      }
    },
  };
}

/** State that spans patients: ID numbers already issued, the phone book, the health-manager rotation. */
class Run {
  private readonly seedKey: number;
  private readonly ids: DemoIds;
  private readonly idCards = new IdCardRegistry();
  private readonly phones: PhoneBook;
  private readonly windowStart: number;
  private readonly windowEnd: number;
  private readonly managers: readonly string[];
  private chronicCount = 0;

  constructor(
    options: DemoPopulationOptions,
    private readonly asOfDay: number,
    private readonly roster: Roster,
  ) {
    this.seedKey = hashSeed(options.seed);
    this.ids = new DemoIds(options.asOf);
    this.phones = new PhoneBook(this.seedKey);
    this.windowEnd = asOfDay - 1;
    this.windowStart = asOfDay - WINDOW_DAYS;
    this.managers = options.healthManagerIds ?? [];
  }

  patient(i: number, batch: DemoBatch): void {
    const rng = new Rng(this.seedKey, i);
    const ids = this.ids.forPatient(i, rng);
    const person = drawPerson(rng, this.asOfDay, this.idCards);
    const patientId = ids.next(ID_SPACE.patient);
    const conditions = person.behaviour === 'chronic' ? drawConditions(rng, person) : [];
    const tags = new Set<string>(conditions.map((c) => c.tag));
    if (person.age < 14) tags.add('儿童');
    if (person.age >= 65) tags.add('老年');

    let lastDay = this.windowEnd;
    let deceasedAt: string | null = null;
    if (person.behaviour === 'chronic') {
      if (person.age >= 75 && rng.chance(0.04)) {
        lastDay = randomDay(rng, this.windowEnd - 300, this.windowEnd - 10, 'emergency');
        deceasedAt = isoDay(lastDay + 1);
      } else if (rng.chance(0.15)) {
        // Lapsed: stopped coming for follow-up some months ago (what follow-up work should catch).
        lastDay = rng.range(this.windowEnd - 240, this.windowEnd - 60);
      }
    }
    const profile = drawProfile(rng, person);
    const employedOrRetired = person.employed || profile.occupation === '退休';
    const ctx: VisitContext = {
      rng,
      ids,
      batch,
      roster: this.roster,
      patientId,
      person,
      windowStart: this.windowStart,
      windowEnd: this.windowEnd,
      lastDay,
      payer: drawPayer(rng, person, employedOrRetired),
      tags,
      conditions,
    };
    const summary = generateVisits(ctx);

    // Registered at the first visit, or earlier (before the window) for many returning patients.
    const earlier = rng.chance(
      person.behaviour === 'chronic' ? 0.75 : person.behaviour === 'one_off' ? 0.1 : 0.35,
    );
    const firstVisit = summary.firstCreatedAt ?? instantOf(this.windowStart + rng.int(WINDOW_DAYS), 9 * 60);
    const createdAt = earlier
      ? Math.min(firstVisit, instantOf(this.windowStart - rng.range(30, 3000), rng.range(8 * 60, 17 * 60)))
      : firstVisit;
    const updatedAt = Math.max(createdAt, summary.lastActivityAt ?? createdAt);

    const vip = rng.chance(tags.has('高端体检') ? 0.3 : person.behaviour === 'chronic' ? 0.025 : 0.01);
    const healthManagerId =
      person.behaviour === 'chronic' && this.managers.length
        ? this.managers[this.chronicCount++ % this.managers.length]!
        : null;

    batch.patients.push({
      index: i,
      id: patientId,
      behaviour: person.behaviour,
      name: person.name,
      namePinyin: person.pinyin,
      nameInitials: person.initials,
      gender: person.sex,
      birthDate: person.birthDate,
      idCard: person.idCard,
      province: person.address.region.province,
      city: person.address.region.city,
      district: person.address.region.district,
      addressDetail: person.address.detail,
      ...profile,
      tags: [...tags],
      vip,
      healthManagerId,
      deceased: deceasedAt !== null,
      deceasedAt,
      createdAt,
      updatedAt,
    });

    batch.identifiers.push({
      id: ids.next(ID_SPACE.identifier),
      patientId,
      kind: 'mrn',
      system: 'HIS',
      value: `MZ${String(i + 1).padStart(8, '0')}`,
      createdAt,
    });

    // Contacts first: a child's registered mobile is the guardian's.
    const guardianPhone = this.contacts(rng, ids, i, person, patientId, createdAt, batch);
    batch.phones.push({
      id: ids.next(ID_SPACE.phone),
      patientId,
      kind: 'mobile',
      isPrimary: true,
      number: guardianPhone ?? this.phones.primary(rng, i),
      createdAt,
    });
    if (person.age >= 18 && rng.chance(0.12)) {
      batch.phones.push({
        id: ids.next(ID_SPACE.phone),
        patientId,
        kind: 'mobile',
        isPrimary: false,
        number: this.phones.second(rng, i),
        createdAt: this.notAfterWindow(createdAt, createdAt + rng.range(1, 400) * 86_400_000),
      });
    }
    for (const c of this.consents(rng, patientId, createdAt, person))
      batch.consents.push({ ...c, id: ids.next(ID_SPACE.consent) });

    if (rng.chance(0.05)) {
      const a = drawAllergy(rng);
      batch.allergies.push({
        id: ids.next(ID_SPACE.allergy),
        patientId,
        ...a,
        recordedAt: createdAt + 60_000,
      });
    }
    if (person.age >= 18 && rng.chance(0.2)) {
      const n = rng.chance(0.25) ? 2 : 1;
      const seen = new Set<string>();
      for (let k = 0; k < n; k++) {
        const f = drawFamilyHistory(rng);
        if (seen.has(f.relation + f.icd10Code)) continue;
        seen.add(f.relation + f.icd10Code);
        batch.familyHistory.push({ id: ids.next(ID_SPACE.familyHistory), patientId, ...f });
      }
    }
  }

  /** A later instant, but not past the end of the window (and never before `earliest`). */
  private notAfterWindow(earliest: number, instant: number): number {
    return Math.max(earliest, Math.min(instant, instantOf(this.windowEnd, 18 * 60)));
  }

  /** Writes the patient's contacts; returns the guardian's phone for a child. */
  private contacts(
    rng: Rng,
    ids: PatientIdSource,
    i: number,
    p: Person,
    patientId: string,
    createdAt: number,
    batch: DemoBatch,
  ): string | null {
    const birthYear = Number(p.birthDate.slice(0, 4));
    const add = (relation: string, name: string, k: number, emergency: boolean, note: string | null) => {
      const phone = this.phones.contact(rng, i, k);
      batch.contacts.push({
        id: ids.next(ID_SPACE.contact),
        patientId,
        relation,
        name,
        phone,
        emergency,
        note,
        createdAt,
      });
      return phone;
    };
    let guardianPhone: string | null = null;
    if (p.age < 16) {
      const father = rng.chance(0.4);
      const name = father
        ? randomName(rng, 'male', birthYear - rng.range(25, 35), p.surname)
        : randomName(rng, 'female', birthYear - rng.range(23, 33));
      guardianPhone = add('parent', name, 0, true, father ? '父亲，监护人' : '母亲，监护人');
    } else if (p.age >= 70 && rng.chance(0.6)) {
      const son = rng.chance(0.5);
      const name = son
        ? randomName(rng, 'male', birthYear + rng.range(24, 32), p.surname)
        : randomName(rng, 'female', birthYear + rng.range(24, 32));
      add('child', name, 0, true, son ? '儿子' : '女儿');
    } else if (p.age >= 18 && rng.chance(0.3)) {
      if (p.married && rng.chance(0.7)) {
        const sex = p.sex === 'male' ? 'female' : 'male';
        add('spouse', randomName(rng, sex, birthYear + rng.range(-4, 4)), 0, true, null);
      } else {
        const relation = rng.pick(['parent', 'sibling', 'friend'] as const);
        const sex = rng.chance(0.5) ? 'male' : 'female';
        const year = relation === 'parent' ? birthYear - rng.range(22, 32) : birthYear + rng.range(-6, 6);
        add(
          relation,
          randomName(rng, sex, year, relation === 'parent' && sex === 'male' ? p.surname : undefined),
          0,
          true,
          null,
        );
      }
      if (rng.chance(0.15))
        add('colleague', randomName(rng, rng.chance(0.5) ? 'male' : 'female', birthYear), 1, false, null);
    }
    return guardianPhone;
  }

  private consents(rng: Rng, patientId: string, createdAt: number, p: Person): Omit<DemoConsent, 'id'>[] {
    const out: Omit<DemoConsent, 'id'>[] = [];
    const source = () => {
      const x = rng.float();
      return x < 0.6 ? 'counter' : x < 0.8 ? 'paper_form' : x < 0.95 ? 'portal' : 'phone';
    };
    const add = (purpose: string, channel: string, pGrant: number) => {
      const at = createdAt + rng.range(0, 5) * 60_000;
      const granted = rng.chance(pGrant);
      const withdrawn = granted && purpose === 'marketing' && rng.chance(0.06);
      const withdrawnAt = withdrawn
        ? this.notAfterWindow(at, at + rng.range(30, 500) * 86_400_000)
        : granted
          ? null
          : at;
      out.push({
        patientId,
        purpose,
        channel,
        granted: granted && !withdrawn,
        grantedAt: granted ? at : null,
        withdrawnAt,
        source: source(),
        updatedAt: withdrawnAt ?? at,
      });
    };
    add('care_follow_up', 'sms', 0.9);
    if (rng.chance(0.7)) add('care_follow_up', 'phone', 0.93);
    if (p.age >= 14 && p.age < 75 && rng.chance(0.4)) add('care_follow_up', 'wechat', 0.95);
    if (p.age >= 18 && rng.chance(0.35)) add('marketing', 'sms', 0.55);
    if (p.age >= 18 && p.age < 65 && rng.chance(0.2)) add('marketing', 'wechat', 0.6);
    if (p.age >= 18 && rng.chance(0.08)) add('research', 'phone', 0.8);
    return out;
  }
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
