import { DEPARTMENTS, DOCTOR_TITLES, HEALTH_MANAGER_TITLE, type DepartmentDef } from './catalogue';
import { Rng, Weighted, hashSeed } from './prng';
import { randomName } from './person';
import type { DemoClinicSession, DemoDepartment, DemoPractitioner } from './types';

/** A doctor as the visit generator sees them. */
export interface Doctor {
  code: string;
  /** Registration + consultation fee per visit, in fen. */
  feeFen: number;
  /** Senior doctors (主任/副主任) do not hold weekend clinics. */
  weekends: boolean;
}

export interface Roster {
  departments: DemoDepartment[];
  practitioners: DemoPractitioner[];
  doctorsOf(departmentCode: string): readonly Doctor[];
  /** A doctor of the department, senior ones less often; only weekend staff on Saturday and Sunday. */
  pickDoctor(rng: Rng, departmentCode: string, weekend: boolean): Doctor;
}

const TITLE_WEIGHTS = [1.2, 2, 2.5, 2.5, 1.8, 2.5];
const SENIOR_SESSIONS = 2;

/**
 * The hospital's departments and doctors. The roster does not depend on the run's seed: seeding twice with
 * different seeds upserts the same departments and practitioners (by code) instead of renaming them.
 */
export function buildRoster(): Roster {
  const departments: DemoDepartment[] = DEPARTMENTS.map((d, i) => ({
    code: d.code,
    name: d.name,
    nameEn: d.nameEn,
    kind: d.kind,
    sortOrder: (i + 1) * 10,
  }));
  const practitioners: DemoPractitioner[] = [];
  const doctors = new Map<string, Doctor[]>();
  const pickers = new Map<string, { weekday: Weighted<Doctor>; weekend: Weighted<Doctor> }>();
  const rosterSeed = hashSeed('carebridge-demo-roster');
  DEPARTMENTS.forEach((dept, di) => {
    const rng = new Rng(rosterSeed, di);
    const list: Doctor[] = [];
    for (let n = 0; n < dept.doctors; n++) {
      const title =
        dept.code === 'HMC' && n >= 3 ? HEALTH_MANAGER_TITLE : DOCTOR_TITLES[n % DOCTOR_TITLES.length]!;
      const gender = rng.chance(dept.code === 'OBGY' ? 0.8 : 0.45) ? 'female' : 'male';
      const birthYear = n < 2 ? rng.range(1965, 1978) : rng.range(1980, 1995);
      const code = `${dept.code}-${String(n + 1).padStart(2, '0')}`;
      const senior = n < 2;
      practitioners.push({
        code,
        name: randomName(rng, gender, birthYear),
        gender,
        title: title.title,
        departmentCode: dept.code,
        specialties: pickSpecialties(rng, dept, senior ? 2 : 1),
        clinicHours: clinicHours(rng, dept, senior ? SENIOR_SESSIONS : n === 4 ? 2 : 4, !senior),
      });
      list.push({ code, feeFen: title.feeFen, weekends: !senior });
    }
    doctors.set(dept.code, list);
    if (list.length) {
      const entries = list.map((d, i) => [d, TITLE_WEIGHTS[i] ?? 2] as const);
      const weekendEntries = entries.filter(([d]) => d.weekends);
      pickers.set(dept.code, {
        weekday: new Weighted(entries),
        weekend: new Weighted(weekendEntries.length ? weekendEntries : entries),
      });
    }
  });
  return {
    departments,
    practitioners,
    doctorsOf: (code) => doctors.get(code) ?? [],
    pickDoctor(rng, code, weekend) {
      const picker = pickers.get(code);
      if (!picker) throw new Error(`department ${code} has no doctors`);
      return (weekend ? picker.weekend : picker.weekday).pick(rng);
    },
  };
}

function pickSpecialties(rng: Rng, dept: DepartmentDef, count: number): string[] {
  const out = new Set<string>();
  while (out.size < Math.min(count, dept.specialties.length)) out.add(rng.pick(dept.specialties));
  return [...out];
}

/** Half-day clinic sessions: weekdays for everyone, a Saturday morning for some junior doctors. */
function clinicHours(
  rng: Rng,
  dept: DepartmentDef,
  sessions: number,
  weekends: boolean,
): DemoClinicSession[] {
  if (dept.code === 'EMER') {
    // The emergency department runs around the clock; each doctor works shifts on every kind of day.
    return Array.from({ length: 7 }, (_, i) => ({
      weekday: i + 1,
      period: (['morning', 'afternoon', 'evening'] as const)[rng.int(3)]!,
    }));
  }
  const chosen = new Map<string, DemoClinicSession>();
  while (chosen.size < sessions) {
    const weekday = weekends && rng.chance(0.15) ? 6 : rng.range(1, 5);
    const period = rng.chance(0.55) ? 'morning' : 'afternoon';
    chosen.set(`${weekday}${period}`, { weekday, period });
  }
  return [...chosen.values()].sort((a, b) => a.weekday - b.weekday || a.period.localeCompare(b.period));
}
