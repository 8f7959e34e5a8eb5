import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { AppError } from '../errors';
import { safeEqual } from '../auth/secrets';
import type { Actor } from './actor';

export const SESSION_COOKIE = 'cb_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Authenticator {
  fromSessionToken(token: string): Promise<Actor | 'expired' | null>;
  fromApiToken(token: string): Promise<Actor | null>;
}

export interface AuthDenial {
  /** Records a refused call in the audit trail (who tried what). */
  recordDenied(actor: Actor, req: FastifyRequest): Promise<void>;
}

/**
 * Runs before validation on every routed request: establishes who is calling (API token or session
 * cookie), enforces CSRF for cookie-authenticated writes, and checks the route's permission. Deny by default.
 */
export const authenticate = fp<{ auth: Authenticator; denial: AuthDenial; config: Config }>(
  async (app: FastifyInstance, opts) => {
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (req, reply) => {
      const permission = req.routeOptions.config?.permission;
      if (!req.routeOptions.url) return; // unknown route: the 404 handler answers
      if (permission === 'public') return;
      const actor = await identify(req, reply, opts);
      if (!permission || !actor.permissions.has(permission)) {
        await opts.denial.recordDenied(actor, req);
        throw new AppError('forbidden');
      }
      req.actor = actor;
    });
  },
);

async function identify(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { auth: Authenticator; config: Config },
): Promise<Actor> {
  const authorization = req.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match ? await opts.auth.fromApiToken(match[1]!) : null;
    if (!actor) throw new AppError('not_authenticated');
    return actor;
  }
  const token = req.cookies[SESSION_COOKIE];
  if (!token) throw new AppError('not_authenticated');
  const actor = await opts.auth.fromSessionToken(token);
  if (!actor || actor === 'expired') {
    clearSessionCookie(reply, opts.config);
    throw new AppError(actor === 'expired' ? 'session_expired' : 'not_authenticated');
  }
  if (!SAFE_METHODS.has(req.method)) {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !actor.csrfToken || !safeEqual(sent, actor.csrfToken))
      throw new AppError('csrf_failed');
  }
  return actor;
}

const cookieOptions = (config: Config) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'strict' as const,
  secure: config.session.cookieSecure,
});

export function setSessionCookie(reply: FastifyReply, token: string, config: Config): void {
  // The browser may keep the cookie as long as the absolute limit; the server decides idle expiry.
  reply.setCookie(SESSION_COOKIE, token, {
    ...cookieOptions(config),
    maxAge: Math.floor(config.session.absoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(config));
}
