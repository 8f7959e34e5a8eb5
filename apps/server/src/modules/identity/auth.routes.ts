import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordRequest,
  loginRequest,
  loginResponse,
  meSchema,
  okResponse,
} from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { originOf } from '../../platform/http/origin';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/authenticate';

export const authRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { sessions, config } = deps;

  app.post(
    '/api/auth/login',
    {
      config: {
        permission: 'public',
        rateLimit: { max: config.login.ratePerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password',
        body: loginRequest,
        response: { 200: loginResponse },
      },
    },
    async (req, reply) => {
      const result = await sessions.login(req.body.username, req.body.password, originOf(req));
      setSessionCookie(reply, result.token, config);
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { permission: 'session.self' },
      schema: { tags: ['auth'], summary: 'Sign out (revokes the session)', response: { 200: okResponse } },
    },
    async (req, reply) => {
      await sessions.logout(req.actor!, originOf(req));
      clearSessionCookie(reply, config);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { permission: 'session.self' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and their permissions',
        response: { 200: meSchema },
      },
    },
    async (req) => sessions.me(req.actor!),
  );

  app.get(
    '/api/auth/csrf',
    {
      config: { permission: 'session.self' },
      schema: {
        tags: ['auth'],
        summary: "The session's CSRF token (after a page reload)",
        response: { 200: z.object({ csrfToken: z.string() }) },
      },
    },
    async (req) => ({ csrfToken: req.actor!.csrfToken ?? '' }),
  );

  app.post(
    '/api/auth/password',
    {
      config: { permission: 'session.self' },
      schema: {
        tags: ['auth'],
        summary: 'Change own password (ends other sessions)',
        body: changePasswordRequest,
        response: { 200: okResponse },
      },
    },
    async (req) => {
      await sessions.changePassword(
        req.actor!,
        req.body.currentPassword,
        req.body.newPassword,
        originOf(req),
      );
      return { ok: true as const };
    },
  );
};
