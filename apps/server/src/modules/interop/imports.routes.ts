import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  columnMappingSchema,
  idParams,
  IMPORT_KINDS,
  IMPORT_MODES,
  importJobListResponse,
  importJobSchema,
  importPreviewResponse,
  type ImportKind,
  type ImportMode,
} from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { AppError } from '../../platform/errors';
import { originOf } from '../../platform/http/origin';
import { langOf } from '../../platform/i18n';
import type { UploadedFile } from './imports.service';

/** Largest upload: a million-row CSV of patients is about 150 MB. */
const MAX_FILE_BYTES = 300 * 1024 * 1024;

interface UploadForm {
  file: UploadedFile;
  kind: ImportKind;
  mapping?: Record<string, number | null>;
  sourceSystem?: string;
  mode: ImportMode;
  dryRun: boolean;
}

/** The multipart form, checked field by field with errors that name the field. */
async function readForm(req: FastifyRequest): Promise<UploadForm> {
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') continue;
      file = { name: part.filename || 'upload', bytes: await part.toBuffer() };
    } else fields[part.fieldname] = String(part.value);
  }
  const problems: { path: string; message: string }[] = [];
  if (!file?.bytes.length) problems.push({ path: 'file', message: 'required' });
  const kind = fields.kind as ImportKind;
  if (!IMPORT_KINDS.includes(kind)) problems.push({ path: 'kind', message: 'invalid_enum_value' });
  let mapping: Record<string, number | null> | undefined;
  if (fields.mapping) {
    const parsed = columnMappingSchema.safeParse(safeJson(fields.mapping));
    if (parsed.success) mapping = parsed.data;
    else problems.push({ path: 'mapping', message: 'invalid_mapping' });
  }
  const sourceSystem = fields.sourceSystem?.trim();
  if (sourceSystem !== undefined && !/^[\w:.@-]{1,40}$/.test(sourceSystem))
    problems.push({ path: 'sourceSystem', message: 'invalid_source_system' });
  const mode = (fields.mode ?? 'incremental') as ImportMode;
  if (!IMPORT_MODES.includes(mode)) problems.push({ path: 'mode', message: 'invalid_enum_value' });
  else if (mode === 'bulk' && kind !== 'patients')
    problems.push({ path: 'mode', message: 'bulk_patients_only' });
  if (problems.length) throw new AppError('validation_failed', problems);
  return {
    file: file!,
    kind,
    ...(mapping ? { mapping } : {}),
    ...(sourceSystem ? { sourceSystem } : {}),
    mode,
    dryRun: fields.dryRun === 'true',
  };
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export const importsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { imports } = deps;
  const tags = ['imports'];
  const permission = 'interop.import' as const;
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10 } });

  app.post(
    '/api/imports/preview',
    {
      config: { permission },
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags,
        summary:
          'Preview a CSV/Excel file (multipart: file, kind, mapping?, dryRun?): suggested mapping, first rows with per-cell errors',
        consumes: ['multipart/form-data'],
        response: { 200: importPreviewResponse },
      },
    },
    async (req) => {
      const form = await readForm(req);
      return imports.preview(
        form.kind,
        form.file,
        form.mapping,
        form.dryRun,
        langOf(req.headers['accept-language']),
      );
    },
  );

  app.post(
    '/api/imports',
    {
      config: { permission },
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags,
        summary:
          'Start an import as a background job (multipart: file, kind, mapping, sourceSystem?, mode?: incremental | bulk)',
        consumes: ['multipart/form-data'],
        response: { 202: importJobSchema },
      },
    },
    async (req, reply) => {
      const form = await readForm(req);
      if (!form.mapping) throw new AppError('validation_failed', [{ path: 'mapping', message: 'required' }]);
      const job = await imports.start(
        req.actor!,
        {
          kind: form.kind,
          file: form.file,
          mapping: form.mapping,
          sourceSystem: form.sourceSystem,
          mode: form.mode,
        },
        originOf(req),
      );
      return reply.code(202).send(job);
    },
  );

  app.get(
    '/api/imports',
    {
      config: { permission },
      schema: { tags, summary: 'Recent imports', response: { 200: importJobListResponse } },
    },
    async (req) => imports.list(req.actor!),
  );

  app.get(
    '/api/imports/:id',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'An import and its progress',
        params: idParams,
        response: { 200: importJobSchema },
      },
    },
    async (req) => imports.get(req.actor!, req.params.id),
  );

  app.get(
    '/api/imports/:id/report',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'Rejected rows and why, as an Excel file (ID and phone masked)',
        params: idParams,
        response: { 200: z.any() },
      },
    },
    async (req, reply) => {
      const ctx = { tenantId: req.actor!.tenantId, actor: req.actor, origin: originOf(req) };
      const { fileName, buffer } = await imports.report(ctx, req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buffer);
    },
  );
};
