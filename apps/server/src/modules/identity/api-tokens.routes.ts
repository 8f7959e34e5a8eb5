import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  apiTokenListResponse,
  createApiTokenRequest,
  createApiTokenResponse,
  okResponse,
  idParams,
} from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { originOf } from '../../platform/http/origin';

export const apiTokensRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { apiTokens } = deps;
  const tags = ['api-tokens'];

  app.get(
    '/api/api-tokens',
    {
      config: { permission: 'api_tokens.manage' },
      schema: { tags, summary: 'List service-account tokens', response: { 200: apiTokenListResponse } },
    },
    async (req) => ({ items: await apiTokens.list(req.actor!) }),
  );

  app.post(
    '/api/api-tokens',
    {
      config: { permission: 'api_tokens.manage' },
      schema: {
        tags,
        summary: 'Create a token (the secret is returned once)',
        body: createApiTokenRequest,
        response: { 201: createApiTokenResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await apiTokens.create(req.actor!, req.body, originOf(req))),
  );

  app.delete(
    '/api/api-tokens/:id',
    {
      config: { permission: 'api_tokens.manage' },
      schema: { tags, summary: 'Revoke a token', params: idParams, response: { 200: okResponse } },
    },
    async (req) => {
      await apiTokens.revoke(req.actor!, req.params.id, originOf(req));
      return { ok: true as const };
    },
  );
};
