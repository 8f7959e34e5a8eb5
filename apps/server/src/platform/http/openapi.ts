import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { publicRoutes } from './permissions';

/** OpenAPI 3 generated from the routes' zod schemas; each operation says which permission it needs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'CareBridge 康桥 API',
        version: '0.1.0',
        description: 'Hospital patient relationship management',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cb_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (service account)' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (docs) => {
    publicRoutes(docs);
    await docs.register(swaggerUi, {
      routePrefix: '/api/docs',
      uiConfig: { docExpansion: 'list' },
      // The app's own CSP (security-headers.ts) covers these pages; the plugin's would block an inline style.
      staticCSP: false,
      transformSpecification: () => openApiWithPermissions(app),
    });
    docs.get('/api/openapi.json', { schema: { hide: true } }, async () => openApiWithPermissions(app));
  });
}

type Operation = Record<string, unknown>;

export function openApiWithPermissions(app: FastifyInstance) {
  const doc = app.swagger() as { paths?: Record<string, Record<string, Operation>> };
  const permissionOf = new Map(
    app.routeCatalogue().map((r) => [`${r.method.toLowerCase()} ${toOpenApiPath(r.url)}`, r.permission]),
  );
  for (const [path, operations] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      operation['x-permission'] = permissionOf.get(`${method} ${path}`) ?? 'unknown';
    }
  }
  return doc;
}

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
