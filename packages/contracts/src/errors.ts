import { z } from 'zod';

/** The one error envelope every failing API call returns. */
export const errorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

export const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'not_authenticated',
  'session_expired',
  'invalid_credentials',
  'account_locked',
  'account_disabled',
  'csrf_failed',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'password_rejected',
  'database_unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
