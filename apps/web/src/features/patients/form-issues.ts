import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import type { FieldPath, PathIssue } from './zod-issues';

/** "body.phones.0.number" → ['phones', 0, 'number'] (the form's name path). */
export function parseServerPath(path: string): FieldPath {
  return path
    .replace(/^body\./, '')
    .split('.')
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

export function serverIssues(error: unknown): PathIssue[] {
  if (!(error instanceof ApiError)) return [];
  return error.fields.map((f) => ({ path: parseServerPath(f.path), message: f.message }));
}

/**
 * Puts each problem on the deepest form field that exists on its path (phones.1.number, else phones);
 * returns the messages no field could take (e.g. `version`), for an alert above the form.
 */
export function placeIssues(form: FormInstance, issues: PathIssue[]): string[] {
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  const unplaced: string[] = [];
  for (const issue of issues) {
    let name: FieldPath | null = null;
    for (let n = issue.path.length; n > 0 && !name; n--) {
      const candidate = issue.path.slice(0, n);
      if (registered.has(JSON.stringify(candidate))) name = candidate;
    }
    if (!name) {
      unplaced.push(issue.message);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(issue.message)) entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unplaced;
}

/** The paths of the values in a partial form object: {phones: [, {number}]} → [['phones', 1, 'number']]. */
export function leafPaths(value: unknown, prefix: FieldPath = []): FieldPath[] {
  if (Array.isArray(value)) {
    const paths: FieldPath[] = [];
    value.forEach((item, i) => paths.push(...leafPaths(item, [...prefix, i])));
    return paths.length ? paths : [prefix];
  }
  if (value !== null && typeof value === 'object' && !('$d' in value)) {
    const paths = Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
    return paths.length ? paths : [prefix];
  }
  return [prefix];
}

/**
 * A field the user edits loses the problems placed on it (and on its parents) by a failed check: antd only
 * clears errors of fields that have rules of their own.
 */
export function clearIssuesOnEdit(form: FormInstance, changed: unknown): void {
  const edited = leafPaths(changed).map((p) => JSON.stringify(p));
  const stale = form
    .getFieldsError()
    .filter((f) => f.errors.length > 0)
    .filter((f) => {
      const field = JSON.stringify(f.name);
      return edited.some((e) => e === field || e.startsWith(field.slice(0, -1) + ','));
    });
  if (stale.length) form.setFields(stale.map((f) => ({ name: f.name, errors: [] })));
}
