import { z } from 'zod';
import { TABULAR_KINDS, validateColumnMapping, type ColumnMapping } from '@carebridge/domain';

/**
 * A saved column mapping (`--mapping FILE`, or the body of an API call), as zod. The shape is declared for
 * OpenAPI and type inference; the rules (known fields per kind, no column used twice) are the domain's
 * `validateColumnMapping`, so the server and the console agree. Issues carry the domain's message code.
 */
export const columnMappingSchema = z
  .object({
    version: z.literal(1),
    kind: z.enum(TABULAR_KINDS),
    columns: z.record(z.string(), z.union([z.number().int().min(0), z.string().min(1).max(200), z.null()])),
    defaults: z.record(z.string(), z.string().max(200)).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const result = validateColumnMapping(value);
    if (result.ok) return;
    for (const problem of result.problems) {
      ctx.addIssue({
        code: 'custom',
        message: problem.message,
        path: problem.where === '$' ? [] : problem.where.split('.'),
      });
    }
  }) satisfies z.ZodType<ColumnMapping>;
