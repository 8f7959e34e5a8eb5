import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import { issueMessage, langOf } from '../i18n';
import { RequestValidationError } from './validation';
import { webIndexHtml } from './web';
import { createReadStream } from 'node:fs';

/** Maps every failure to the one envelope; never leaks a stack trace. */
export function installErrorHandling(app: FastifyInstance, options: { spaFallback: boolean }): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const lang = langOf(req.headers['accept-language']);
    const validation = findValidationError(error);
    if (validation) {
      const fields = validation.problems.map((p) => ({
        path: p.path || (p.issue.code === 'unrecognized_keys' ? validation.part : ''),
        message: issueMessage(p.issue as never, lang),
      }));
      const envelope = new AppError('validation_failed').envelope(lang, req.id);
      return reply.code(400).send({ error: { ...envelope.error, fields } });
    }
    const appError = toAppError(error);
    if (appError.statusCode >= 500) req.log.error({ err: error }, 'request failed');
    for (const [name, value] of Object.entries(appError.headers)) void reply.header(name, value);
    return reply.code(appError.statusCode).send(appError.envelope(lang, req.id));
  });

  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => {
    // Client-side routes of the console (/admin/users after a reload) get the app's index.html.
    if (
      options.spaFallback &&
      req.method === 'GET' &&
      !req.url.startsWith('/api/') &&
      req.headers.accept?.includes('text/html')
    )
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(createReadStream(webIndexHtml));
    const lang = langOf(req.headers['accept-language']);
    return reply.code(404).send(new AppError('not_found').envelope(lang, req.id));
  });
}

function findValidationError(error: unknown): RequestValidationError | null {
  if (error instanceof RequestValidationError) return error;
  // Fastify wraps the compiler's error: the original is in `validation` / `cause`.
  const e = error as { validation?: unknown; cause?: unknown };
  if (Array.isArray(e.validation) && e.validation[0] instanceof RequestValidationError)
    return e.validation[0];
  if (e.cause instanceof RequestValidationError) return e.cause;
  return null;
}

const FASTIFY_CODES: Record<string, AppError['code']> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_json',
};

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return new AppError(mapped);
  if (error.statusCode === 429) return new AppError('rate_limited');
  if (error instanceof SyntaxError) return new AppError('malformed_json');
  if (isDatabaseDown(error)) return new AppError('database_unavailable');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new AppError('validation_failed');
  return new AppError('internal_error');
}

function isDatabaseDown(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', '08001'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect/.test(message)
  );
}
