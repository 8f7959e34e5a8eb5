import { z } from 'zod';

export const DEPARTMENT_KINDS = ['clinical', 'medical_technology', 'nursing', 'administrative'] as const;
export const PRACTITIONER_TITLES = [
  '主任医师',
  '副主任医师',
  '主治医师',
  '住院医师',
  '主任护师',
  '副主任护师',
  '主管护师',
  '护师',
  '护士',
  '技师',
  '药师',
  '健康管理师',
] as const;
export const CLINIC_PERIODS = ['morning', 'afternoon', 'evening'] as const;

export const departmentSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.enum(DEPARTMENT_KINDS),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type Department = z.infer<typeof departmentSchema>;
export const departmentListResponse = z.object({ items: z.array(departmentSchema) });

const code = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9_-]+$/);

export const createDepartmentRequest = z.strictObject({
  parentId: z.uuid().nullable().optional(),
  code,
  name: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().max(80).nullable().optional(),
  kind: z.enum(DEPARTMENT_KINDS),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(9999).default(0),
});
export const updateDepartmentRequest = createDepartmentRequest.partial();

export const clinicSessionSchema = z.strictObject({
  weekday: z.number().int().min(1).max(7),
  period: z.enum(CLINIC_PERIODS),
});

export const practitionerSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  title: z.string(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  specialties: z.array(z.string()),
  clinicHours: z.array(clinicSessionSchema),
  active: z.boolean(),
});
export type Practitioner = z.infer<typeof practitionerSchema>;
export const practitionerListQuery = z.strictObject({
  departmentId: z.uuid().optional(),
  q: z.string().trim().max(40).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const practitionerListResponse = z.object({ items: z.array(practitionerSchema) });

export const createPractitionerRequest = z.strictObject({
  code,
  name: z.string().trim().min(1).max(40),
  gender: z.enum(['male', 'female']).nullable().optional(),
  title: z.enum(PRACTITIONER_TITLES),
  departmentId: z.uuid().nullable().optional(),
  specialties: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  clinicHours: z.array(clinicSessionSchema).max(21).default([]),
  active: z.boolean().default(true),
});
export const updatePractitionerRequest = createPractitionerRequest.partial();
