import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditSearchQuery, auditSearchResponse } from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { originOf } from '../../platform/http/origin';

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
    async (req) => {
      const actor = req.actor!;
      const { cursor: _cursor, limit: _limit, ...filters } = req.query;
      // Looking at the trail is itself on the trail: who searched for which patient's or colleague's events.
      await deps.audit.record(
        deps.database.db,
        { tenantId: actor.tenantId, actor, origin: originOf(req) },
        {
          action: 'audit.searched',
          resourceType: 'audit_events',
          ...(filters.patientId ? { patientId: filters.patientId } : {}),
          detail: Object.entries(filters)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => (k === 'patientId' ? k : `${k}=${String(v)}`))
            .join('; '),
        },
      );
      return deps.audit.search(deps.database.db, actor.tenantId, req.query);
    },
  );
};
