import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fhir } from '@carebridge/domain';
import type { AppDeps } from '../../app';
import { originOf } from '../../platform/http/origin';
import { langOf } from '../../platform/i18n';

const resource = z.looseObject({ resourceType: z.string() });
/** FHIR resources are typed by @medplum/fhirtypes; the route schema only checks the resourceType. */
const json = async (r: Promise<{ resourceType: string }> | { resourceType: string }) =>
  (await r) as unknown as z.infer<typeof resource>;
const idParam = z.strictObject({ id: z.uuid() });
/** Reference to a patient in a search: `Patient/{id}` or the bare id. */
const patientRef = z
  .string()
  .transform((v) => v.replace(/^(.*\/)?Patient\//, ''))
  .pipe(z.uuid());

/** FHIR R4 endpoint (application/fhir+json). Bundles up to CAREBRIDGE_FHIR_BODY_LIMIT_BYTES (50 MB). */
export const fhirRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { fhirIngest, fhirRead } = deps;
  const tags = ['FHIR R4'];
  const lang = (req: FastifyRequest): fhir.Lang =>
    langOf(req.headers['accept-language']) === 'en' ? 'en' : 'zh-CN';
  const base = (req: FastifyRequest) => `${req.protocol}://${req.host}/fhir/R4`;
  const self = (req: FastifyRequest) => `${req.protocol}://${req.host}${req.url}`;

  // The mapper parses the text itself, so a syntax error is answered with its line and column.
  app.addContentTypeParser(
    'application/fhir+json',
    { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  app.addHook('onSend', async (_req, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('application/json'))
      reply.header('content-type', 'application/fhir+json; charset=utf-8');
    return payload;
  });

  app.get(
    '/fhir/R4/metadata',
    {
      config: { permission: 'public' },
      schema: { tags, summary: 'CapabilityStatement', response: { 200: resource } },
    },
    async (req) => json(fhir.capabilityStatement({ baseUrl: base(req), version: '0.1.0' })),
  );

  app.post(
    '/fhir/R4',
    {
      config: { permission: 'interop.import' },
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Transaction bundle (all or nothing) or batch bundle (entry by entry)',
        body: z.unknown(),
        response: { 200: resource, 400: resource },
      },
    },
    async (req, reply) => {
      const ctx = { tenantId: req.actor!.tenantId, actor: req.actor, origin: originOf(req) };
      const result = await fhirIngest.ingest(ctx, req.body, lang(req));
      reply.header(
        'x-carebridge-import',
        JSON.stringify({ ...result.counts, unsupported: result.unsupported }),
      );
      return reply.code(result.status as 200 | 400).send(await json(result.body));
    },
  );

  app.get(
    '/fhir/R4/Patient/:id',
    {
      config: { permission: 'patients.read' },
      schema: {
        tags,
        summary: 'Read a patient (numbers masked)',
        params: idParam,
        response: { 200: resource },
      },
    },
    async (req) => json(fhirRead.patient(req.actor!, req.params.id, originOf(req))),
  );

  app.get(
    '/fhir/R4/Patient',
    {
      config: { permission: 'patients.read' },
      schema: {
        tags,
        summary: 'Search patients by identifier, name (汉字, pinyin, initials), phone or birthdate',
        querystring: z.object({
          identifier: z.string().max(80).optional(),
          name: z.string().max(50).optional(),
          phone: z.string().max(30).optional(),
          birthdate: z.iso.date().optional(),
          _count: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: resource },
      },
    },
    async (req) => json(fhirRead.searchPatients(req.actor!, req.query, originOf(req), self(req))),
  );

  app.get(
    '/fhir/R4/Patient/:id/$everything',
    {
      config: { permission: 'patients.read' },
      schema: { tags, summary: 'Everything about one patient', params: idParam, response: { 200: resource } },
    },
    async (req) => json(fhirRead.everything(req.actor!, req.params.id, originOf(req), self(req))),
  );

  app.get(
    '/fhir/R4/Encounter',
    {
      config: { permission: 'patients.read' },
      schema: {
        tags,
        summary: "A patient's encounters",
        querystring: z.object({ patient: patientRef }),
        response: { 200: resource },
      },
    },
    async (req) => json(fhirRead.encounters(req.actor!, req.query.patient, originOf(req), self(req))),
  );

  app.get(
    '/fhir/R4/Observation',
    {
      config: { permission: 'patients.read' },
      schema: {
        tags,
        summary: "A patient's results, optionally of one code",
        querystring: z.object({ patient: patientRef, code: z.string().max(200).optional() }),
        response: { 200: resource },
      },
    },
    async (req) =>
      json(fhirRead.observations(req.actor!, req.query.patient, req.query.code, originOf(req), self(req))),
  );
};
