import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors';
import { langOf } from '../../platform/i18n';

/**
 * Checks a segment request body before zod sees it. The filter schema is recursive and checks its depth
 * only after parsing every level, so a body nested a few thousand levels deep (80 KB) overflows the stack
 * instead of failing validation; and PostgreSQL refuses text containing NUL, which would surface as a 500.
 * A valid filter nests at most 15 levels of JSON (six groups of object and array, a leaf, its list).
 */
const MAX_JSON_DEPTH = 32;

const NUL_MESSAGE = { zh: '不能包含空字符（\\u0000）', en: 'Must not contain NUL characters (\\u0000)' };

type Found = { kind: 'deep' } | { kind: 'nul'; path: string } | null;

function inspect(body: unknown): Found {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { kind: 'nul', path };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return { kind: 'deep' };
    for (const [key, child] of Object.entries(value))
      stack.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
  }
  return null;
}

export async function guardFilterBody(req: FastifyRequest): Promise<void> {
  const found = inspect(req.body);
  if (found?.kind === 'deep')
    throw new AppError('validation_failed', [{ path: 'filter', message: 'filter_too_deep' }]);
  if (found?.kind === 'nul')
    throw new AppError('validation_failed', [
      { path: found.path, message: NUL_MESSAGE[langOf(req.headers['accept-language'])] },
    ]);
}
