import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { healthResponse } from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { AppError } from '../../platform/errors';

const HEALTH_TIMEOUT_MS = 3_000;

export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness with a real database round trip (503 when the database is down)',
        response: { 200: healthResponse },
      },
    },
    async () => {
      const roundTrip = deps.database.db.execute(sql`select 1 as ok`);
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS).unref(),
      );
      try {
        await Promise.race([roundTrip, timeout]);
      } catch {
        throw new AppError('database_unavailable');
      }
      return { status: 'ok' as const, db: deps.database.kind };
    },
  );
};
