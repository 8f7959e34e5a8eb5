import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';

/** A validation problem as the error handler localises it: zod's raw issue, input included. */
export interface ValidationProblem {
  issue: z.core.$ZodIssue & { input?: unknown };
  path: string;
}

export class RequestValidationError extends Error {
  constructor(
    readonly problems: ValidationProblem[],
    readonly part: string,
  ) {
    super('validation failed');
  }
}

/**
 * Like fastify-type-provider-zod's compiler, but keeps each issue's input so that the message can be
 * phrased in the caller's language by the error handler (zod phrases it once, in English).
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    const problems = result.error.issues.map((issue) => ({ issue, path: issue.path.map(String).join('.') }));
    return { error: new RequestValidationError(problems, httpPart ?? 'body') };
  };
