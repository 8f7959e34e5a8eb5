import { z } from 'zod';
import { parseIdCard, parseMobile, parsePhone } from '@carebridge/domain';

/** Reusable field schemas; each issue's message is a key of PATIENT_FIELD_MESSAGES. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const today = () => new Date().toISOString().slice(0, 10);

export const isoDate = z.string().trim().refine(isRealDate, 'date_format');

/** A past (or today's) date after 1880: birth dates, dates of death. */
export const pastDate = isoDate
  .refine((v) => v <= today(), 'date_in_future')
  .refine((v) => v >= '1880-01-01', 'date_too_early');

export const monthDay = z
  .string()
  .trim()
  .refine((v) => /^\d{2}-\d{2}$/.test(v) && isRealDate(`2024-${v}`), 'month_day_format');

/** Han characters, Latin letters, spaces, the middle dot of minority and foreign names (·), hyphen, apostrophe. */
export const personName = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .refine((v) => /^[\p{Script=Han}A-Za-z·•.'\- ]+$/u.test(v), 'name_format');

/** Free text written by staff: trimmed, empty means "not known". */
export const note = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const idCardNumber = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const parsed = parseIdCard(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `id_card_${parsed.problem}`, input: value });
  });

export const phoneNumber = (mobileOnly: boolean) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const parsed = mobileOnly ? parseMobile(value) : parsePhone(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `phone_${parsed.problem}`, input: value });
    });
