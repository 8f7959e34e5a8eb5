import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParams,
  overviewResponse,
  patientValueResponse,
  policiesResponse,
  policyPreviewRequest,
  policyPreviewResponse,
  policyPutRequest,
  policyPutResponse,
  recomputeResponse,
  tierHistoryResponse,
} from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { originOf } from '../../platform/http/origin';
import { langOf } from '../../platform/i18n';

export const segmentationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { segmentation } = deps;
  const tags = ['segmentation'];
  const lang = (h: string | undefined) => langOf(h);

  app.get(
    '/api/patients/:id/value',
    {
      config: { permission: 'patients.read' },
      schema: {
        tags,
        summary:
          "The patient's tier, level, RFM, lifetime value, churn risk, urgency and risk, each explained",
        params: idParams,
        response: { 200: patientValueResponse },
      },
    },
    async (req) =>
      segmentation.value(req.actor!, req.params.id, lang(req.headers['accept-language']), originOf(req)),
  );

  app.get(
    '/api/patients/:id/tier-history',
    {
      config: { permission: 'patients.read' },
      schema: {
        tags,
        summary: 'Every change of tier or level: from → to, the rule, the policy version, when',
        params: idParams,
        response: { 200: tierHistoryResponse },
      },
    },
    async (req) => segmentation.tierHistory(req.actor!, req.params.id, originOf(req)),
  );

  app.post(
    '/api/segmentation/recompute',
    {
      config: { permission: 'segmentation.manage' },
      schema: {
        tags,
        summary: 'Start a full recompute (a background job); returns its id',
        response: { 202: recomputeResponse },
      },
    },
    async (req, reply) => reply.code(202).send(await segmentation.startRecompute(req.actor!, originOf(req))),
  );

  app.get(
    '/api/segmentation/overview',
    {
      config: { permission: 'segmentation.read' },
      schema: {
        tags,
        summary: 'Tier and level distribution, revenue share, the Pareto curve, customer equity, movements',
        response: { 200: overviewResponse },
      },
    },
    async (req) => segmentation.overview(req.actor!),
  );

  app.get(
    '/api/segmentation/policies',
    {
      config: { permission: 'segmentation.read' },
      schema: {
        tags,
        summary: 'The policy in force and earlier versions',
        response: { 200: policiesResponse },
      },
    },
    async (req) => segmentation.policies(req.actor!),
  );

  app.put(
    '/api/segmentation/policies',
    {
      config: { permission: 'segmentation.manage' },
      schema: {
        tags,
        summary: 'Save a new policy version (409 when someone saved since baseVersion); queues a recompute',
        body: policyPutRequest,
        response: { 200: policyPutResponse },
      },
    },
    async (req) => segmentation.savePolicy(req.actor!, req.body, originOf(req)),
  );

  app.post(
    '/api/segmentation/policies/preview',
    {
      config: { permission: 'segmentation.manage' },
      schema: {
        tags,
        summary: 'What a policy would change: moves between tiers and levels, with masked examples',
        body: policyPreviewRequest,
        response: { 200: policyPreviewResponse },
      },
    },
    async (req) => segmentation.preview(req.actor!, req.body.policy, lang(req.headers['accept-language'])),
  );
};
