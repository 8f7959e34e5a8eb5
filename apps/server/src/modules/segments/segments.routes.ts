import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParams,
  segmentCountRequest,
  segmentCountResponse,
  segmentCreateRequest,
  segmentListResponse,
  segmentMembersQuery,
  segmentMembersResponse,
  segmentSchema,
} from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { originOf } from '../../platform/http/origin';
import { guardFilterBody } from './filter-guard';

/** RFC 5987 ext-value characters: encodeURIComponent leaves ' ( ) * as they are, which it must not. */
const rfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export const segmentsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { segments } = deps;
  const tags = ['segments'];
  const manage = 'segments.manage' as const;
  const exporting = 'segments.export' as const;

  app.post(
    '/api/segments/count',
    {
      config: { permission: manage },
      preValidation: guardFilterBody,
      schema: {
        tags,
        summary: 'How many patients a filter matches now (a count only: no patient is shown)',
        body: segmentCountRequest,
        response: { 200: segmentCountResponse },
      },
    },
    async (req) => segments.count(req.actor!, req.body.filter),
  );

  app.get(
    '/api/segments',
    {
      config: { permission: manage },
      schema: {
        tags,
        summary: 'Saved segments with their stored counts, newest first',
        response: { 200: segmentListResponse },
      },
    },
    async (req) => segments.list(req.actor!),
  );

  app.post(
    '/api/segments',
    {
      config: { permission: manage },
      preValidation: guardFilterBody,
      schema: {
        tags,
        summary: 'Save a segment: dynamic (the filter, counted on use) or snapshot (the members now, frozen)',
        body: segmentCreateRequest,
        response: { 201: segmentSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await segments.create(req.actor!, req.body, originOf(req))),
  );

  app.get(
    '/api/segments/:id',
    {
      config: { permission: manage },
      schema: {
        tags,
        summary: 'One segment; a dynamic one is counted again now',
        params: idParams,
        response: { 200: segmentSchema },
      },
    },
    async (req) => segments.get(req.actor!, req.params.id),
  );

  app.delete(
    '/api/segments/:id',
    {
      config: { permission: manage },
      schema: { tags, summary: 'Delete a segment', params: idParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await segments.remove(req.actor!, req.params.id, originOf(req));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/segments/:id/members',
    {
      config: { permission: exporting },
      schema: {
        tags,
        summary: "A page of the segment's members, numbers masked (audited)",
        params: idParams,
        querystring: segmentMembersQuery,
        response: { 200: segmentMembersResponse },
      },
    },
    async (req) => segments.members(req.actor!, req.params.id, req.query, originOf(req)),
  );

  app.get(
    '/api/segments/:id/export',
    {
      config: { permission: exporting },
      schema: {
        tags,
        summary: "The segment's members as an Excel file, numbers masked (audited)",
        params: idParams,
        response: { 200: z.any() },
      },
    },
    async (req, reply) => {
      const file = await segments.exportMembers(req.actor!, req.params.id, originOf(req));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="${file.fallbackName}"; filename*=UTF-8''${rfc5987(file.fileName)}`,
        )
        .header('cache-control', 'no-store')
        .send(file.buffer);
    },
  );
};
