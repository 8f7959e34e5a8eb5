import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createPatientRequest,
  eraseRequest,
  eraseResponse,
  exportQuery,
  idParams,
  patientExportSchema,
  patientSchema,
  patientSearchQuery,
  patientSearchResponse,
  unmaskRequest,
  unmaskResponse,
  updatePatientRequest,
} from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { originOf } from '../../platform/http/origin';

export const patientsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { patients, patientSearch, patientPrivacy } = deps;
  const tags = ['patients'];

  app.get(
    '/api/patients',
    {
      config: { permission: 'patients.read' },
      schema: {
        tags,
        summary:
          'Search patients: one box (name, pinyin, initials, phone or its last 4 digits, ID, record no.) plus filters',
        querystring: patientSearchQuery,
        response: { 200: patientSearchResponse },
      },
    },
    async (req) => patientSearch.search(req.actor!, req.query, originOf(req)),
  );

  app.post(
    '/api/patients',
    {
      config: { permission: 'patients.write' },
      schema: {
        tags,
        summary: 'Register a patient',
        body: createPatientRequest,
        response: { 201: patientSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await patients.create(req.actor!, req.body, originOf(req))),
  );

  app.get(
    '/api/patients/:id',
    {
      config: { permission: 'patients.read' },
      schema: {
        tags,
        summary: 'Read a patient (phone and ID-card numbers masked); audited',
        params: idParams,
        response: { 200: patientSchema },
      },
    },
    async (req) => patients.get(req.actor!, req.params.id, originOf(req)),
  );

  app.patch(
    '/api/patients/:id',
    {
      config: { permission: 'patients.write' },
      schema: {
        tags,
        summary: 'Update a patient; lists given replace the stored ones, consents are upserted',
        params: idParams,
        body: updatePatientRequest,
        response: { 200: patientSchema },
      },
    },
    async (req) => patients.update(req.actor!, req.params.id, req.body, originOf(req)),
  );

  app.post(
    '/api/patients/:id/unmask',
    {
      config: { permission: 'patients.unmask' },
      schema: {
        tags,
        summary: 'Show full phone and/or ID-card numbers, with a reason; audited',
        params: idParams,
        body: unmaskRequest,
        response: { 200: unmaskResponse },
      },
    },
    async (req) => patientPrivacy.unmask(req.actor!, req.params.id, req.body, originOf(req)),
  );

  app.get(
    '/api/patients/:id/export',
    {
      config: { permission: 'patients.export' },
      schema: {
        tags,
        summary: 'Everything held about the patient, unmasked (PIPL art. 45); audited with the reason',
        params: idParams,
        querystring: exportQuery,
        response: { 200: patientExportSchema },
      },
    },
    async (req, reply) => {
      const body = await patientPrivacy.exportAll(req.actor!, req.params.id, req.query.reason, originOf(req));
      return reply
        .header('content-disposition', `attachment; filename="patient-${req.params.id}.json"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  app.post(
    '/api/patients/:id/erase',
    {
      config: { permission: 'patients.erase' },
      schema: {
        tags,
        summary: 'Anonymise the patient on request (PIPL art. 47); irreversible, audited',
        params: idParams,
        body: eraseRequest,
        response: { 200: eraseResponse },
      },
    },
    async (req) => patientPrivacy.erase(req.actor!, req.params.id, req.body, originOf(req)),
  );
};
