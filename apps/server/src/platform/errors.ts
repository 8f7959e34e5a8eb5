import type { ErrorCode } from '@carebridge/contracts';
import { ERROR_MESSAGES, fieldMessage, type Lang } from './i18n';

export interface FieldProblem {
  path: string;
  /** A FIELD_MESSAGES key or an already-localised message. */
  message: string;
}

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_authenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  account_locked: 423,
  account_disabled: 403,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  password_rejected: 400,
  database_unavailable: 503,
  internal_error: 500,
};

/** An error the client should see: a stable code, a localised message, optional field problems. */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    readonly fields: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.statusCode = STATUS[code];
  }

  envelope(lang: Lang, requestId?: string) {
    return {
      error: {
        code: this.code,
        message: ERROR_MESSAGES[this.code][lang],
        ...(this.fields.length
          ? { fields: this.fields.map((f) => ({ path: f.path, message: fieldMessage(f.message, lang) })) }
          : {}),
        ...(requestId ? { requestId } : {}),
      },
    };
  }
}

export const fieldError = (code: ErrorCode, path: string, message: string) =>
  new AppError(code, [{ path, message }]);
