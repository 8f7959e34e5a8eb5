import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  hl7PostResponse,
  idParams,
  inboxListResponse,
  inboxMessageSchema,
  inboxQuery,
  inboxRawRequest,
  inboxRawResponse,
  inboxReprocessResponse,
} from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { AppError } from '../../platform/errors';
import { originOf } from '../../platform/http/origin';

export const interopRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { hl7, hl7Inbox } = deps;
  const tags = ['interfaces'];

  // One HL7 v2 message as text (segments separated by CR or LF), as an interface engine posts it.
  for (const type of ['text/plain', 'application/hl7-v2', 'x-application/hl7-v2+er7'])
    app.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post(
    '/api/hl7',
    {
      config: { permission: 'interop.import' },
      schema: {
        tags,
        summary: 'Receive one HL7 v2 message (text/plain); answers with its ACK (AA, AE or AR)',
        body: z.union([z.string(), z.strictObject({ message: z.string() })]),
        response: { 200: hl7PostResponse },
      },
    },
    async (req) => {
      const message = typeof req.body === 'string' ? req.body : req.body.message;
      if (!message.trim())
        throw new AppError('validation_failed', [{ path: 'message', message: 'required' }]);
      const [outcome] = await hl7.receive(
        { tenantId: req.actor!.tenantId, actor: req.actor, origin: originOf(req) },
        [message],
      );
      return {
        ack: outcome!.ack,
        ackCode: outcome!.ackCode,
        counts: outcome!.counts,
        duplicate: outcome!.duplicate,
      };
    },
  );

  app.get(
    '/api/interop/hl7/inbox',
    {
      config: { permission: 'interop.manage' },
      schema: {
        tags,
        summary: 'HL7 messages by status (default: refused ones, with why)',
        querystring: inboxQuery,
        response: { 200: inboxListResponse },
      },
    },
    async (req) => hl7Inbox.list(req.actor!, req.query),
  );

  app.post(
    '/api/interop/hl7/inbox/:id/raw',
    {
      config: { permission: 'interop.manage' },
      schema: {
        tags,
        summary: 'The raw text of a refused message (patient data: a reason is required, audited)',
        params: idParams,
        body: inboxRawRequest,
        response: { 200: inboxRawResponse },
      },
    },
    async (req) => hl7Inbox.raw(req.actor!, req.params.id, req.body.reason, originOf(req)),
  );

  app.post(
    '/api/interop/hl7/inbox/:id/reprocess',
    {
      config: { permission: 'interop.manage' },
      schema: {
        tags,
        summary: 'Process a refused message again',
        params: idParams,
        response: { 200: inboxReprocessResponse },
      },
    },
    async (req) => hl7Inbox.reprocess(req.actor!, req.params.id, originOf(req)),
  );

  app.post(
    '/api/interop/hl7/inbox/:id/dismiss',
    {
      config: { permission: 'interop.manage' },
      schema: {
        tags,
        summary: 'Set a refused message aside (its raw text is deleted)',
        params: idParams,
        response: { 200: inboxMessageSchema },
      },
    },
    async (req) => hl7Inbox.dismiss(req.actor!, req.params.id, originOf(req)),
  );
};
