import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createDepartmentRequest,
  createPractitionerRequest,
  departmentListResponse,
  departmentSchema,
  idParams,
  practitionerListQuery,
  practitionerListResponse,
  practitionerSchema,
  updateDepartmentRequest,
  updatePractitionerRequest,
} from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { originOf } from '../../platform/http/origin';

export const organisationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { organisation } = deps;
  const tags = ['organisation'];

  app.get(
    '/api/departments',
    {
      config: { permission: 'organisation.read' },
      schema: {
        tags,
        summary: 'All departments (a tree by parentId)',
        response: { 200: departmentListResponse },
      },
    },
    async (req) => ({ items: await organisation.listDepartments(req.actor!) }),
  );

  app.post(
    '/api/departments',
    {
      config: { permission: 'organisation.manage' },
      schema: {
        tags,
        summary: 'Create a department',
        body: createDepartmentRequest,
        response: { 201: departmentSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await organisation.createDepartment(req.actor!, req.body, originOf(req))),
  );

  app.patch(
    '/api/departments/:id',
    {
      config: { permission: 'organisation.manage' },
      schema: {
        tags,
        summary: 'Update, move or deactivate a department',
        params: idParams,
        body: updateDepartmentRequest,
        response: { 200: departmentSchema },
      },
    },
    async (req) => organisation.updateDepartment(req.actor!, req.params.id, req.body, originOf(req)),
  );

  app.get(
    '/api/practitioners',
    {
      config: { permission: 'organisation.read' },
      schema: {
        tags,
        summary: 'Practitioners, by department, name or staff number',
        querystring: practitionerListQuery,
        response: { 200: practitionerListResponse },
      },
    },
    async (req) => ({ items: await organisation.listPractitioners(req.actor!, req.query) }),
  );

  app.post(
    '/api/practitioners',
    {
      config: { permission: 'organisation.manage' },
      schema: {
        tags,
        summary: 'Create a practitioner',
        body: createPractitionerRequest,
        response: { 201: practitionerSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await organisation.createPractitioner(req.actor!, req.body, originOf(req))),
  );

  app.patch(
    '/api/practitioners/:id',
    {
      config: { permission: 'organisation.manage' },
      schema: {
        tags,
        summary: 'Update a practitioner (title, department, specialties, clinic hours, active)',
        params: idParams,
        body: updatePractitionerRequest,
        response: { 200: practitionerSchema },
      },
    },
    async (req) => organisation.updatePractitioner(req.actor!, req.params.id, req.body, originOf(req)),
  );
};
