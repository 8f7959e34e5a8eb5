import type { z } from 'zod';
import type {
  columnMappingSchema,
  IMPORT_STATUSES,
  ImportJob,
  importJobListResponse,
  ImportKind,
  importPreviewResponse,
} from '@carebridge/contracts';
import { apiRequest } from '../../api/client';
import { postMultipart } from './multipart';

export type { ImportJob, ImportKind };
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export type ImportPreview = z.infer<typeof importPreviewResponse>;
export type PreviewRow = ImportPreview['rows'][number];
export type TargetField = ImportPreview['fields'][number];
/** Field key → column index (0-based) of the file, or null for "not imported". */
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export const IMPORTS_QUERY_KEY = ['imports'] as const;
export const importKey = (id: string) => [...IMPORTS_QUERY_KEY, id] as const;

/** What the file holds and how its columns are read: the same for preview, dry run and import. */
export interface ImportDraft {
  file: File;
  kind: ImportKind;
  sourceSystem?: string;
  /** The go-live bulk load (patients only; locks the register while it runs). */
  bulk?: boolean;
}

/** The file's headers, the suggested (or given) mapping and its first rows with their problems. */
export const previewImport = (draft: ImportDraft, mapping?: ColumnMapping, dryRun = false) =>
  postMultipart<ImportPreview>(
    '/api/imports/preview',
    {
      kind: draft.kind,
      mapping: mapping ? JSON.stringify(mapping) : undefined,
      dryRun: dryRun ? 'true' : undefined,
    },
    draft.file,
  );

/** Queues the import (202): the job is then followed with getImport. */
export const startImport = (draft: ImportDraft, mapping: ColumnMapping) =>
  postMultipart<ImportJob>(
    '/api/imports',
    {
      kind: draft.kind,
      mapping: JSON.stringify(mapping),
      sourceSystem: draft.sourceSystem?.trim() || undefined,
      mode: draft.bulk && draft.kind === 'patients' ? 'bulk' : undefined,
    },
    draft.file,
  );

export const listImports = () => apiRequest<z.infer<typeof importJobListResponse>>('GET', '/api/imports');
export const getImport = (id: string) =>
  apiRequest<ImportJob>('GET', `/api/imports/${encodeURIComponent(id)}`);
/** The rejected rows as an .xlsx (a plain link: the session cookie goes with it). */
export const importReportUrl = (id: string) => `/api/imports/${encodeURIComponent(id)}/report`;

export const isFinished = (job: ImportJob | undefined) => job?.status === 'done' || job?.status === 'failed';
