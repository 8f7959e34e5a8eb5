import { idCardCheckDigit } from '../cn-identity';
import { nameSearchKeys } from '../cn-names';
import { ALLERGENS, FAMILY_CONDITIONS, REACTION_SEVERITY } from './catalogue';
import { GIVEN_NAMES, SURNAMES, cohortOf, singleNameShare } from './names';
import {
  COMMUNITIES,
  CONSUMPTION_HABITS,
  EMAIL_DOMAINS,
  EMPLOYERS,
  HOBBIES,
  MOBILE_PREFIXES,
  OCCUPATIONS_WORKING,
  PERSONALITY_NOTES,
  POSITIONS,
  ROADS,
} from './people';
import { Permutation, Weighted, type Rng } from './prng';
import { HOME_CITY_PREFIX, REGIONS, type Region } from './regions';
import { isoOfDay } from './time';
import type { DemoBehaviour, DemoSpecialDay } from './types';

const surnames = new Weighted(SURNAMES);
const regions = new Weighted(REGIONS.map((r, i) => [i, r.weight] as const));
const homeRegions = new Weighted(
  REGIONS.map((r, i) => [i, r.code.startsWith(HOME_CITY_PREFIX) ? r.weight : 0] as const),
);
const mobilePrefixes = new Weighted(MOBILE_PREFIXES);
const emailDomains = new Weighted(EMAIL_DOMAINS);
const occupations = new Weighted(OCCUPATIONS_WORKING);
const allergens = new Weighted(ALLERGENS);
const familyConditions = new Weighted(FAMILY_CONDITIONS);

export type Sex = 'male' | 'female';

/** Who a patient is, before any visit: what the ID card, the registration form and the behaviour say. */
export interface Person {
  behaviour: DemoBehaviour;
  sex: Sex;
  /** Age in whole years on the `asOf` day. */
  age: number;
  birthDay: number;
  birthDate: string;
  idCard: string;
  idRegion: Region;
  name: string;
  surname: string;
  pinyin: string;
  initials: string;
  address: { region: Region; detail: string };
  employed: boolean;
  married: boolean;
}

/** Share of each behaviour group, and the age bands it is drawn from ([from, to) years, weight). */
export const BEHAVIOURS = new Weighted<DemoBehaviour>([
  ['chronic', 0.2],
  ['checkup', 0.16],
  ['occasional', 0.42],
  ['one_off', 0.22],
]);

const AGE_BANDS: Readonly<Record<DemoBehaviour, Weighted<readonly [number, number]>>> = {
  chronic: new Weighted([
    [[30, 45], 8],
    [[45, 60], 30],
    [[60, 75], 40],
    [[75, 92], 22],
  ]),
  checkup: new Weighted([
    [[22, 35], 30],
    [[35, 50], 40],
    [[50, 65], 25],
    [[65, 76], 5],
  ]),
  occasional: new Weighted([
    [[0, 7], 8],
    [[7, 14], 6],
    [[14, 18], 3],
    [[18, 30], 16],
    [[30, 45], 24],
    [[45, 60], 21],
    [[60, 75], 15],
    [[75, 96], 7],
  ]),
  one_off: new Weighted([
    [[0, 7], 7],
    [[7, 14], 5],
    [[14, 18], 3],
    [[18, 30], 20],
    [[30, 45], 26],
    [[45, 60], 20],
    [[60, 75], 13],
    [[75, 96], 6],
  ]),
};

/** Keys of ID numbers already issued in this run (region, birth day, sequence): numbers never repeat. */
export class IdCardRegistry {
  private readonly used = new Set<number>();

  /** An unused 3-digit sequence number with the parity of the sex (odd = male), near `preferred`. */
  claim(regionIndex: number, birthDay: number, sex: Sex, preferred: number): number {
    const base = (regionIndex * 100_000 + (birthDay + 50_000)) * 1000;
    for (let k = 0; k < 500; k++) {
      const seq = (((preferred + k) % 500) * 2 + (sex === 'male' ? 1 : 0)) % 1000;
      if (seq === 0) continue; // sequence 000 is not issued
      const key = base + seq;
      if (!this.used.has(key)) {
        this.used.add(key);
        return seq;
      }
    }
    throw new Error('all ID sequence numbers of a region and day are taken');
  }
}

export function drawPerson(
  rng: Rng,
  asOfDay: number,
  idCards: IdCardRegistry,
  behaviour: DemoBehaviour = BEHAVIOURS.pick(rng),
): Person {
  const sex: Sex = rng.chance(behaviour === 'chronic' ? 0.52 : 0.48) ? 'male' : 'female';
  const [lo, hi] = AGE_BANDS[behaviour].pick(rng);
  const ageDays = Math.floor((lo + rng.float() * (hi - lo)) * 365.25);
  const birthDay = asOfDay - 1 - ageDays;
  const birthDate = isoOfDay(birthDay);
  const age = ageOn(birthDate, isoOfDay(asOfDay));

  const regionIndex = regions.pick(rng);
  const idRegion = REGIONS[regionIndex]!;
  const seq = idCards.claim(regionIndex, birthDay, sex, rng.int(500));
  const first17 = idRegion.code + birthDate.replaceAll('-', '') + String(seq).padStart(3, '0');
  const idCard = first17 + idCardCheckDigit(first17);

  const birthYear = Number(birthDate.slice(0, 4));
  const surname = surnames.pick(rng);
  const name = surname + givenName(rng, sex, birthYear);
  const keys = nameSearchKeys(name);

  // Most people live where their card was issued; the others moved to the hospital's city.
  const region = rng.chance(0.82) ? idRegion : REGIONS[homeRegions.pick(rng)]!;
  const employed = age >= 20 && age < 60 && rng.chance(0.82);
  const married = age >= 23 && rng.chance(age < 30 ? 0.45 : 0.88);
  return {
    behaviour,
    sex,
    age,
    birthDay,
    birthDate,
    idCard,
    idRegion,
    name,
    surname,
    pinyin: keys.pinyin,
    initials: keys.initials,
    address: { region, detail: addressDetail(rng, region) },
    employed,
    married,
  };
}

export function givenName(rng: Rng, sex: Sex, birthYear: number): string {
  const pool = GIVEN_NAMES[sex][cohortOf(birthYear)];
  if (rng.chance(singleNameShare(birthYear))) return rng.pick(pool.single);
  return rng.pick(pool.first) + rng.pick(pool.second);
}

/** A full name for a relative or a doctor, with an optional fixed surname. */
export function randomName(rng: Rng, sex: Sex, birthYear: number, surname?: string): string {
  return (surname ?? surnames.pick(rng)) + givenName(rng, sex, birthYear);
}

function addressDetail(rng: Rng, region: Region): string {
  const street = rng.pick(region.streets);
  const road = rng.pick(ROADS);
  if (rng.chance(0.15)) return `${street}${road}${rng.range(1, 399)}号`;
  return `${street}${road}${rng.range(1, 399)}号${rng.pick(COMMUNITIES)}${rng.range(1, 28)}幢${rng.range(1, 4)}单元${rng.range(1, 26)}0${rng.range(1, 4)}室`;
}

/** Whole years between a birth date and a day, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

// ---------------------------------------------------------------------------------------------------
// Phones: unique numbers from a keyed permutation of the patient index (no two people share a number
// by accident; children carry a parent's number, as at a real registration desk).

export const PHONE_SLOTS = 100_000_000;
/** The permutation input ranges: primary phones, second phones, contacts' phones. */
const SECOND_PHONE_OFFSET = 25_000_000;
const CONTACT_PHONE_OFFSET = 50_000_000;
export const MAX_PATIENTS = 25_000_000;

export class PhoneBook {
  private readonly permutation: Permutation;

  constructor(seedKey: number) {
    this.permutation = new Permutation(PHONE_SLOTS, seedKey ^ 0x5bd1e995);
  }

  private number(rng: Rng, slot: number): string {
    return mobilePrefixes.pick(rng) + String(this.permutation.apply(slot)).padStart(8, '0');
  }

  primary(rng: Rng, index: number): string {
    return this.number(rng, index);
  }

  second(rng: Rng, index: number): string {
    return this.number(rng, SECOND_PHONE_OFFSET + index);
  }

  contact(rng: Rng, index: number, k: number): string {
    return this.number(rng, CONTACT_PHONE_OFFSET + index * 2 + (k % 2));
  }
}

// ---------------------------------------------------------------------------------------------------
// Registration-form details

export interface Profile {
  email: string | null;
  nativePlace: string | null;
  education: string | null;
  maritalStatus: string | null;
  occupation: string | null;
  position: string | null;
  employer: string | null;
  economicStatus: string | null;
  hobbies: string | null;
  personalityNotes: string | null;
  consumptionHabits: string | null;
  preferredChannel: string | null;
  preferredLanguage: string | null;
  specialDays: DemoSpecialDay[];
}

export function drawProfile(rng: Rng, p: Person): Profile {
  const age = p.age;
  const email =
    age >= 18 && age < 65 && rng.chance(0.25)
      ? rng.chance(0.4)
        ? `${rng.range(100_000_000, 2_999_999_999)}@qq.com`
        : `${p.pinyin}${rng.range(1, 999)}@${emailDomains.pick(rng)}`
      : null;
  const nativePlace = rng.chance(0.7)
    ? p.idRegion.city === p.idRegion.province
      ? p.idRegion.province
      : p.idRegion.province + p.idRegion.city
    : null;
  const occupation =
    age < 7
      ? '学龄前儿童'
      : age < 18
        ? '学生'
        : age < 23 && rng.chance(0.6)
          ? '学生'
          : age >= 60
            ? rng.chance(0.85)
              ? '退休'
              : occupations.pick(rng)
            : p.employed
              ? occupations.pick(rng)
              : rng.chance(0.5)
                ? '无业'
                : null;
  const working = occupation !== null && !['学龄前儿童', '学生', '退休', '无业', '农民'].includes(occupation);
  const hobbyCount = rng.chance(0.25) ? rng.range(1, 2) : 0;
  const hobbies = hobbyCount
    ? [...new Set(Array.from({ length: hobbyCount }, () => rng.pick(HOBBIES)))].join('、')
    : null;
  const specialDays: DemoSpecialDay[] = [];
  if (p.married && rng.chance(0.08))
    specialDays.push({ label: '结婚纪念日', monthDay: monthDay(rng), lunar: false });
  if (age >= 60 && rng.chance(0.15))
    specialDays.push({ label: '农历生日', monthDay: lunarMonthDay(rng), lunar: true });
  return {
    email,
    nativePlace,
    education: education(rng, age),
    maritalStatus:
      age < 20
        ? null
        : p.married
          ? age >= 70 && rng.chance(0.3)
            ? 'widowed'
            : 'married'
          : rng.chance(0.1)
            ? 'divorced'
            : 'single',
    occupation,
    position: working && rng.chance(0.3) ? rng.pick(POSITIONS) : null,
    employer: working && rng.chance(0.45) ? rng.pick(EMPLOYERS) : null,
    economicStatus: rng.chance(0.3)
      ? rng.pick(['low', 'lower_middle', 'middle', 'middle', 'upper_middle', 'high'])
      : null,
    hobbies,
    personalityNotes: rng.chance(0.05) ? rng.pick(PERSONALITY_NOTES) : null,
    consumptionHabits: rng.chance(0.08) ? rng.pick(CONSUMPTION_HABITS) : null,
    preferredChannel: preferredChannel(rng, age, email !== null),
    preferredLanguage: rng.chance(0.92) ? 'zh-CN' : null,
    specialDays,
  };
}

/** Highest education of adults, by generation (older people went to school less often). */
const EDUCATION_OLDER = new Weighted<string>([
  ['none', 6],
  ['primary', 22],
  ['junior_high', 30],
  ['senior_high', 22],
  ['vocational', 8],
  ['college', 7],
  ['bachelor', 5],
]);
const EDUCATION_YOUNGER = new Weighted<string>([
  ['junior_high', 18],
  ['senior_high', 18],
  ['vocational', 14],
  ['college', 18],
  ['bachelor', 24],
  ['master', 6],
  ['doctorate', 2],
]);

function education(rng: Rng, age: number): string | null {
  if (age < 7) return null;
  if (age < 13) return 'primary';
  if (age < 16) return 'junior_high';
  if (age < 19) return 'senior_high';
  if (!rng.chance(0.75)) return null;
  return (age >= 55 ? EDUCATION_OLDER : EDUCATION_YOUNGER).pick(rng);
}

function preferredChannel(rng: Rng, age: number, hasEmail: boolean): string | null {
  if (age < 14 || !rng.chance(0.8)) return null;
  const x = rng.float();
  if (age >= 65) return x < 0.45 ? 'phone' : x < 0.8 ? 'sms' : 'wechat';
  if (hasEmail && x < 0.08) return 'email';
  return x < 0.55 ? 'wechat' : x < 0.85 ? 'sms' : 'phone';
}

const pad2 = (n: number) => String(n).padStart(2, '0');
function monthDay(rng: Rng): string {
  const day = rng.int(365);
  return isoOfDay(day).slice(5); // a non-leap year (1970) gives every MM-DD except 02-29
}
function lunarMonthDay(rng: Rng): string {
  return `${pad2(rng.range(1, 12))}-${pad2(rng.range(1, 29))}`;
}

// ---------------------------------------------------------------------------------------------------
// Allergies and family history

export function drawAllergy(rng: Rng) {
  const allergen = allergens.pick(rng);
  const reaction = rng.pick(allergen.reactions);
  return {
    substance: allergen.substance,
    reaction,
    severity: REACTION_SEVERITY[reaction] ?? 'mild',
  } as const;
}

const RELATION_LABEL = {
  father: '父亲',
  mother: '母亲',
  sibling: '兄弟姐妹',
  grandparent: '祖父母',
} as const;

export function drawFamilyHistory(rng: Rng) {
  const relation = rng.pick(['father', 'mother', 'father', 'mother', 'sibling', 'grandparent'] as const);
  const condition = familyConditions.pick(rng);
  const note = rng.chance(0.3) ? `${RELATION_LABEL[relation]}${rng.range(45, 75)}岁时确诊` : null;
  return { relation, condition: condition.name, icd10Code: condition.code, note };
}
