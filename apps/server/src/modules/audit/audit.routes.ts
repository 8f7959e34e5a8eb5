import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditSearchQuery, auditSearchResponse } from '@carebridge/contracts';
import type { AppDeps } from '../../app';

export const auditRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/api/audit-events',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit trail (newest first)',
        querystring: auditSearchQuery,
        response: { 200: auditSearchResponse },
      },
    },
    async (req) => deps.audit.search(deps.database.db, req.actor!.tenantId, req.query),
  );
};
