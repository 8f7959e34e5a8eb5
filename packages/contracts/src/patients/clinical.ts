import { z } from 'zod';
import { ENCOUNTER_KINDS, TIMELINE_TYPES } from './vocabulary';

const timestamp = z.iso.datetime({ offset: true });

export const abnormalFlag = z.string().nullable();

const resultFields = {
  kind: z.string(),
  code: z.string(),
  name: z.string(),
  /** Numeric results as text: numeric precision is kept exactly as the laboratory reported it. */
  value: z.string().nullable(),
  unit: z.string().nullable(),
  referenceRange: z.string().nullable(),
  abnormalFlag,
  abnormal: z.boolean(),
  conclusion: z.string().nullable(),
};

const base = { id: z.uuid(), at: timestamp, encounterId: z.uuid().nullable() };

/** One chronological stream of everything that happened to the patient. */
export const timelineEntrySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('encounter'),
    ...base,
    kind: z.enum(ENCOUNTER_KINDS),
    departmentName: z.string().nullable(),
    practitionerName: z.string().nullable(),
    status: z.string(),
    endAt: timestamp.nullable(),
    registrationChannel: z.string().nullable(),
    waitingMinutes: z.number().int().nullable(),
  }),
  z.object({
    type: z.literal('diagnosis'),
    ...base,
    icd10Code: z.string(),
    name: z.string(),
    chronic: z.boolean(),
  }),
  z.object({ type: z.literal('result'), ...base, ...resultFields }),
  z.object({
    type: z.literal('medication'),
    ...base,
    drugName: z.string(),
    dose: z.string().nullable(),
    frequency: z.string().nullable(),
    route: z.string().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    chronic: z.boolean(),
  }),
  z.object({ type: z.literal('procedure'), ...base, code: z.string().nullable(), name: z.string() }),
  z.object({
    type: z.literal('charge'),
    ...base,
    category: z.string(),
    amountFen: z.number().int(),
    paymentMethod: z.string().nullable(),
    payer: z.string().nullable(),
  }),
  z.object({
    type: z.literal('allergy'),
    ...base,
    substance: z.string(),
    reaction: z.string().nullable(),
    severity: z.string().nullable(),
  }),
]);
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const timelineQuery = z.strictObject({
  /** Comma-separated subset of the entry types; all when absent. */
  types: z
    .string()
    .trim()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(TIMELINE_TYPES)))
    .optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TimelineQuery = z.infer<typeof timelineQuery>;

export const timelineResponse = z.object({
  items: z.array(timelineEntrySchema),
  nextCursor: z.string().nullable(),
});

export const patientSummarySchema = z.object({
  age: z.number().int().nullable(),
  lastVisitAt: timestamp.nullable(),
  visits12m: z.number().int(),
  spend12mFen: z.number().int(),
  chronicConditions: z.array(z.object({ icd10Code: z.string(), name: z.string(), since: timestamp })),
  allergies: z.array(
    z.object({ substance: z.string(), reaction: z.string().nullable(), severity: z.string().nullable() }),
  ),
  abnormalResults90d: z.array(z.object({ id: z.uuid(), releasedAt: timestamp, ...resultFields })),
  familyHistory: z.array(
    z.object({ relation: z.string(), condition: z.string(), icd10Code: z.string().nullable() }),
  ),
  /** Filled once scheduling exists. */
  nextAppointment: z.object({ at: timestamp, departmentName: z.string().nullable() }).nullable(),
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;

export const resultTrendQuery = z.strictObject({ code: z.string().trim().min(1).max(40) });
export const resultTrendResponse = z.object({
  code: z.string(),
  name: z.string().nullable(),
  unit: z.string().nullable(),
  referenceLow: z.number().nullable(),
  referenceHigh: z.number().nullable(),
  points: z.array(
    z.object({
      at: timestamp,
      value: z.number().nullable(),
      text: z.string().nullable(),
      abnormalFlag,
      abnormal: z.boolean(),
    }),
  ),
});
export type ResultTrend = z.infer<typeof resultTrendResponse>;
