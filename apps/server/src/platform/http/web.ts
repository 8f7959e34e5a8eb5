import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { publicRoutes } from './permissions';

export const webDistDir = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

/** Serves the built console; unknown non-API paths get index.html so client-side routes survive reloads. */
export const webIndexHtml = `${webDistDir}/index.html`;
export const webAppBuilt = (): boolean => existsSync(webIndexHtml);

export async function registerWebApp(app: FastifyInstance): Promise<void> {
  await app.register(async (web) => {
    publicRoutes(web);
    await web.register(fastifyStatic, {
      root: webDistDir,
      wildcard: false,
      index: 'index.html',
      maxAge: '1h',
    });
  });
}
