import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParams,
  patientSummarySchema,
  resultTrendQuery,
  resultTrendResponse,
  timelineQuery,
  timelineResponse,
} from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { originOf } from '../../platform/http/origin';

export const clinicalRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { clinical } = deps;
  const tags = ['patients'];

  app.get(
    '/api/patients/:id/summary',
    {
      config: { permission: 'patients.read' },
      schema: {
        tags,
        summary:
          'Age, last visit, 12-month visits and spend, chronic conditions, allergies, recent abnormal results',
        params: idParams,
        response: { 200: patientSummarySchema },
      },
    },
    async (req) => clinical.summary(req.actor!, req.params.id, originOf(req)),
  );

  app.get(
    '/api/patients/:id/timeline',
    {
      config: { permission: 'patients.read' },
      schema: {
        tags,
        summary: 'Visits, diagnoses, results, prescriptions, procedures, charges and allergies, newest first',
        params: idParams,
        querystring: timelineQuery,
        response: { 200: timelineResponse },
      },
    },
    async (req) => clinical.timeline(req.actor!, req.params.id, req.query, originOf(req)),
  );

  app.get(
    '/api/patients/:id/results/trend',
    {
      config: { permission: 'patients.read' },
      schema: {
        tags,
        summary: "One test's results over time with its reference range",
        params: idParams,
        querystring: resultTrendQuery,
        response: { 200: resultTrendResponse },
      },
    },
    async (req) => clinical.trend(req.actor!, req.params.id, req.query.code, originOf(req)),
  );
};
