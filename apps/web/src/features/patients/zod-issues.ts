import type { z } from 'zod';
import { PATIENT_FIELD_MESSAGES } from '@carebridge/contracts';
import type { Translate } from '../../app/i18n';
import type { Lang } from '../../app/lang';

export type FieldPath = (string | number)[];
export interface PathIssue {
  path: FieldPath;
  message: string;
}

/** Wording for zod's built-in checks (required, too long, not an email …), in the console's language. */
function builtInWording(t: Translate): z.core.$ZodErrorMap {
  return (issue) => {
    // Nothing given where something is needed, whatever the check: "required".
    if (issue.input === undefined || (issue.input === null && issue.code !== 'custom'))
      return t('common.required');
    switch (issue.code) {
      case 'invalid_type':
        return t('form.invalid');
      case 'too_small':
        if (issue.origin === 'string')
          return Number(issue.minimum) <= 1
            ? t('common.required')
            : t('form.minLength', { n: Number(issue.minimum) });
        if (issue.origin === 'array') return t('form.minItems', { n: Number(issue.minimum) });
        return t('form.min', { n: Number(issue.minimum) });
      case 'too_big':
        if (issue.origin === 'string') return t('form.maxLength', { n: Number(issue.maximum) });
        if (issue.origin === 'array') return t('form.maxItems', { n: Number(issue.maximum) });
        return t('form.max', { n: Number(issue.maximum) });
      case 'invalid_format':
        return issue.format === 'email' ? t('form.email') : t('form.invalid');
      case 'invalid_value':
        return t('form.choose');
      case 'custom':
      case 'invalid_element':
      case 'invalid_key':
      case 'invalid_union':
      case 'not_multiple_of':
      case 'unrecognized_keys':
      default:
        return t('form.invalid');
    }
  };
}

/**
 * Validates with a shared contract schema. Our own rules carry a PATIENT_FIELD_MESSAGES key as their message
 * (shown in the UI language); zod's built-in checks get our wording. One message per field: the first.
 */
export function validateWith<S extends z.ZodType>(
  schema: S,
  data: unknown,
  t: Translate,
  lang: Lang,
): { ok: true; data: z.output<S> } | { ok: false; issues: PathIssue[] } {
  const result = schema.safeParse(data, { error: builtInWording(t) });
  if (result.success) return { ok: true, data: result.data };
  const seen = new Set<string>();
  const issues: PathIssue[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const key = path.join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path, message: PATIENT_FIELD_MESSAGES[issue.message]?.[lang] ?? issue.message });
  }
  return { ok: false, issues };
}
