import { apiRequest } from '../../api/client';

/** Text fields of a multipart request; undefined ones are left out. */
export type FormFields = Record<string, string | undefined>;

/**
 * A file upload through the shared API client (CSRF token, localised errors, lost session). Text fields go
 * before the file, so a streaming parser on the server has them when the file arrives.
 */
export async function postMultipart<T>(path: string, fields: FormFields, file: File): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value);
  form.append('file', file, file.name);
  return apiRequest<T>('POST', path, { body: form });
}
