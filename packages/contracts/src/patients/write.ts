import { z } from 'zod';
import { parseIdCard, parseMobile, parsePhone } from '@carebridge/domain';
import { idCardNumber, monthDay, note, pastDate, personName, phoneNumber } from './fields';
import {
  CHANNELS,
  CONSENT_PURPOSES,
  CONSENT_SOURCES,
  CONTACT_RELATIONS,
  ECONOMIC_STATUSES,
  EDUCATION_LEVELS,
  GENDERS,
  IDENTIFIER_KINDS,
  MARITAL_STATUSES,
  PHONE_KINDS,
} from './vocabulary';

/**
 * A phone in an update either brings a number, or names a stored phone by `id` to keep its number (which
 * the editor only ever saw masked) while changing its kind or primary mark.
 */
export const phoneInput = z
  .strictObject({
    id: z.uuid().optional(),
    number: z.string().trim().min(1).optional(),
    kind: z.enum(PHONE_KINDS).default('mobile'),
    primary: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (p.number === undefined) {
      if (!p.id) ctx.addIssue({ code: 'custom', path: ['number'], message: 'phone_required' });
      return;
    }
    const parsed = p.kind === 'mobile' ? parseMobile(p.number) : parsePhone(p.number);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['number'], message: `phone_${parsed.problem}` });
  });

export const identifierInput = z.strictObject({
  kind: z.enum(IDENTIFIER_KINDS),
  /** The issuing system: HIS, LIS, PACS, a card scheme … */
  system: z.string().trim().min(1).max(40),
  value: z.string().trim().min(1).max(64),
});

export const contactInput = z.strictObject({
  /** A stored contact: with `phone` left out, its (masked) number is kept. */
  id: z.uuid().optional(),
  relation: z.enum(CONTACT_RELATIONS),
  name: personName,
  phone: phoneNumber(false).nullable().optional(),
  emergency: z.boolean().default(false),
  note: note(200),
});

export const consentInput = z.strictObject({
  purpose: z.enum(CONSENT_PURPOSES),
  channel: z.enum(CHANNELS),
  granted: z.boolean(),
  source: z.enum(CONSENT_SOURCES),
});

export const specialDayInput = z.strictObject({
  label: z.string().trim().min(1).max(20),
  monthDay,
  lunar: z.boolean().default(false),
});

export const addressInput = z.strictObject({
  province: note(20),
  city: note(30),
  district: note(30),
  detail: note(200),
});

/** Every field staff can set on a patient; create requires name and gender, update takes any subset. */
const patientFields = {
  name: personName,
  gender: z.enum(GENDERS),
  birthDate: pastDate.nullable().optional(),
  idCard: idCardNumber.nullable().optional(),
  phones: z.array(phoneInput).max(5).optional(),
  email: z.email().max(120).nullable().optional(),
  address: addressInput.optional(),
  nativePlace: note(60),
  education: z.enum(EDUCATION_LEVELS).nullable().optional(),
  maritalStatus: z.enum(MARITAL_STATUSES).nullable().optional(),
  occupation: note(60),
  position: note(60),
  employer: note(100),
  economicStatus: z.enum(ECONOMIC_STATUSES).nullable().optional(),
  hobbies: note(500),
  personalityNotes: note(1000),
  consumptionHabits: note(1000),
  preferredChannel: z.enum(CHANNELS).nullable().optional(),
  preferredLanguage: note(20),
  specialDays: z.array(specialDayInput).max(10).optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(30).optional(),
  vip: z.boolean().optional(),
  healthManagerId: z.uuid().nullable().optional(),
  deceased: z.boolean().optional(),
  deceasedAt: pastDate.nullable().optional(),
  identifiers: z.array(identifierInput).max(20).optional(),
  contacts: z.array(contactInput).max(10).optional(),
  /** Upserts by purpose and channel; pairs not listed keep their state. */
  consents: z.array(consentInput).max(20).optional(),
};

type Issue = { path: (string | number)[]; message: string };

/** Checks across fields that one field's schema cannot see. */
function crossFieldIssues(p: {
  idCard?: string | null;
  birthDate?: string | null;
  gender?: string;
  phones?: { number?: string | undefined; kind: string; primary: boolean }[];
  identifiers?: { system: string; value: string }[];
  consents?: { purpose: string; channel: string }[];
}): Issue[] {
  const issues: Issue[] = [];
  const card = p.idCard ? parseIdCard(p.idCard) : null;
  if (card?.ok) {
    if (p.birthDate && p.birthDate !== card.value.birthDate)
      issues.push({ path: ['birthDate'], message: 'id_card_birth_date_mismatch' });
    if ((p.gender === 'male' || p.gender === 'female') && p.gender !== card.value.gender)
      issues.push({ path: ['gender'], message: 'id_card_gender_mismatch' });
  }
  const phoneKeys = (p.phones ?? []).map((ph) => {
    if (ph.number === undefined) return undefined;
    const parsed = ph.kind === 'mobile' ? parseMobile(ph.number) : parsePhone(ph.number);
    return parsed.ok ? parsed.value : ph.number;
  });
  phoneKeys.forEach((k, i) => {
    if (k !== undefined && phoneKeys.indexOf(k) !== i)
      issues.push({ path: ['phones', i, 'number'], message: 'phone_duplicate' });
  });
  (p.phones ?? []).forEach((ph, i, all) => {
    if (ph.primary && all.findIndex((x) => x.primary) !== i)
      issues.push({ path: ['phones', i, 'primary'], message: 'one_primary_phone' });
  });
  duplicates(p.identifiers, (x) => `${x.system}\u0000${x.value}`).forEach((i) =>
    issues.push({ path: ['identifiers', i, 'value'], message: 'identifier_duplicate' }),
  );
  duplicates(p.consents, (x) => `${x.purpose}\u0000${x.channel}`).forEach((i) =>
    issues.push({ path: ['consents', i, 'channel'], message: 'consent_duplicate' }),
  );
  return issues;
}

function duplicates<T>(items: T[] | undefined, key: (item: T) => string): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  (items ?? []).forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) repeated.push(i);
    seen.add(k);
  });
  return repeated;
}

export const createPatientRequest = z.strictObject(patientFields).superRefine((p, ctx) => {
  for (const issue of crossFieldIssues(p)) ctx.addIssue({ code: 'custom', ...issue });
});
export type CreatePatientRequest = z.infer<typeof createPatientRequest>;

export const updatePatientRequest = z
  .strictObject({
    ...patientFields,
    /** The version the editor saw; a newer stored version is a 409 instead of a silent overwrite. */
    version: z.number().int().positive(),
  })
  .partial()
  .superRefine((p, ctx) => {
    for (const issue of crossFieldIssues(p)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type UpdatePatientRequest = z.infer<typeof updatePatientRequest>;
