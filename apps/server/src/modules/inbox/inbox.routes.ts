import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, notificationListResponse, notificationQuery } from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { langOf } from '../../platform/i18n';

export const inboxRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { inbox } = deps;
  const tags = ['inbox'];
  const permission = 'session.self' as const;
  const changed = { 200: z.object({ changed: z.number().int() }) };

  app.get(
    '/api/notifications',
    {
      config: { permission },
      schema: {
        tags,
        summary: "The signed-in user's notices, newest first, with the unread count",
        querystring: notificationQuery,
        response: { 200: notificationListResponse },
      },
    },
    async (req) => inbox.list(req.actor!, req.query, langOf(req.headers['accept-language'])),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { permission },
      schema: { tags, summary: 'Mark one notice read', params: idParams, response: changed },
    },
    async (req) => inbox.markRead(req.actor!, req.params.id),
  );

  app.post(
    '/api/notifications/read-all',
    { config: { permission }, schema: { tags, summary: 'Mark every notice read', response: changed } },
    async (req) => inbox.markRead(req.actor!),
  );
};
