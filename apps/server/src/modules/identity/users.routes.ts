import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createUserRequest,
  updateUserRequest,
  idParams,
  userListResponse,
  userSchema,
  staffQuery,
  staffListResponse,
} from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { originOf } from '../../platform/http/origin';

export const usersRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { users } = deps;
  const tags = ['users'];

  app.get(
    '/api/users',
    {
      config: { permission: 'users.read' },
      schema: { tags, summary: 'List staff accounts', response: { 200: userListResponse } },
    },
    async (req) => ({ items: await users.list(req.actor!) }),
  );

  app.get(
    '/api/staff',
    {
      config: { permission: 'organisation.read' },
      schema: {
        tags,
        summary: 'Active colleagues, optionally of one role (names only), for pickers',
        querystring: staffQuery,
        response: { 200: staffListResponse },
      },
    },
    async (req) => ({ items: await users.directory(req.actor!.tenantId, req.query.role) }),
  );

  app.post(
    '/api/users',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags,
        summary: 'Create a staff account',
        body: createUserRequest,
        response: { 201: userSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await users.create(req.actor!, req.body, originOf(req))),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags,
        summary: 'Update, disable, re-role or reset the password of a staff account',
        params: idParams,
        body: updateUserRequest,
        response: { 200: userSchema },
      },
    },
    async (req) => users.update(req.actor!, req.params.id, req.body, originOf(req)),
  );
};
