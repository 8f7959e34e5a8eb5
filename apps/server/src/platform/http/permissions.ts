import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { PERMISSIONS, type RoutePermission } from '@carebridge/contracts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares the permission it needs, or 'public'. */
    permission?: RoutePermission;
  }
  interface FastifyInstance {
    routeCatalogue(): RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  permission: RoutePermission | undefined;
}

const KNOWN = new Set<string>([...PERMISSIONS, 'public']);

/**
 * Records every route with its permission and refuses to start if one lacks a valid permission:
 * deny by default is enforced at start-up, not left to reviewers.
 */
export const permissionCatalogue = fp(async (app: FastifyInstance) => {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.decorate('routeCatalogue', () =>
    routes.flatMap((r) =>
      (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({
        method: String(method),
        url: r.url,
        permission: r.config?.permission,
      })),
    ),
  );
  app.addHook('onReady', async () => {
    const missing = app.routeCatalogue().filter((r) => !r.permission || !KNOWN.has(r.permission));
    if (missing.length) {
      throw new Error(
        `routes without a valid permission: ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`,
      );
    }
  });
});

/** Marks every route registered inside the given plugin as public (static files, API docs). */
export function publicRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, permission: 'public' };
  });
}
