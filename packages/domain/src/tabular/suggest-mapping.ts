import type { InboundProblem } from '../interop/inbound';
import {
  PATIENT_REF_KEYS,
  TARGET_FIELDS,
  isTabularKind,
  type TabularKind,
  type TargetField,
} from './targets';

/**
 * Which column of a file goes into which field. `suggestMapping` proposes one from the header row; the user
 * checks and edits it, and may save it (a `ColumnMapping`, plain JSON) to apply to next month's export.
 */

/** Field key → 0-based column index, or null when no column feeds the field. */
export type FieldColumns = Record<string, number | null>;

/**
 * A saved mapping (JSON). A column is named by its header text (robust when the export's columns move) or
 * by its 0-based index (for files without a usable header). `defaults` fill a field when its column is
 * missing or the cell is blank, e.g. `{ "kind": "门诊" }` for an outpatient-only export.
 *
 * ```json
 * { "version": 1, "kind": "visits",
 *   "columns": { "mrn": "门诊号", "visitNo": "挂号流水号", "startAt": "就诊时间", "department": 5, "doctor": null },
 *   "defaults": { "kind": "门诊" } }
 * ```
 */
export interface ColumnMapping {
  version: 1;
  kind: TabularKind;
  columns: Record<string, number | string | null>;
  defaults?: Record<string, string>;
}

export interface MappingSuggestion {
  mapping: FieldColumns;
  /** 1 for an exact header match, less for containment or a near spelling, 0 when unmapped. */
  confidence: Record<string, number>;
  /** Header texts of non-empty columns no field took, in column order. */
  unmappedHeaders: string[];
  /** Required fields (and the patient reference of visits and charges) nothing was found for. */
  missingRequired: string[];
}

/** Below this a candidate is not proposed at all. */
const MIN_CONFIDENCE = 0.5;
const MAX_HEADER_LENGTH = 200;

/**
 * Header text as compared: NFKC (full-width to ASCII), lowercase, without bracketed notes ('金额(元)',
 * '出生日期【yyyy-mm-dd】'), required-field markers ('*姓名', '姓名(必填)'), spaces and punctuation.
 */
export function normaliseHeader(header: string): string {
  const base = header.slice(0, MAX_HEADER_LENGTH).normalize('NFKC').toLowerCase();
  const stripped = strip(base.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|<[^>]*>|\{[^}]*\}/g, ''));
  return stripped === '' ? strip(base) : stripped;
}

function strip(s: string): string {
  return s.replace(/必填|选填|\*/g, '').replace(/[\s\p{P}\p{S}]+/gu, '');
}

interface PreparedField {
  field: TargetField;
  synonyms: string[];
  avoid: string[];
}

const prepared = new Map<TabularKind, PreparedField[]>();

function preparedFields(kind: TabularKind): PreparedField[] {
  let fields = prepared.get(kind);
  if (fields === undefined) {
    fields = TARGET_FIELDS[kind].map((field) => ({
      field,
      synonyms: field.synonyms.map((s) => normaliseHeader(s)),
      avoid: (field.avoid ?? []).map((s) => normaliseHeader(s)),
    }));
    prepared.set(kind, fields);
  }
  return fields;
}

const ASCII = /^[\x20-\x7e]*$/;

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** How well one normalised header names a field: exact 1, containment 0.5–0.9, near spelling 0.5–0.8. */
function matchScore(header: string, prepared: PreparedField): number {
  if (header === '') return 0;
  let best = 0;
  const avoided = prepared.avoid.some((word) => header.includes(word));
  prepared.synonyms.forEach((synonym, rank) => {
    const tieBreak = rank * 0.001;
    if (header === synonym) {
      best = Math.max(best, 1 - tieBreak);
      return;
    }
    if (avoided || synonym === '') return;
    const ascii = ASCII.test(header) && ASCII.test(synonym);
    const minContained = ascii ? 3 : 2;
    if (synonym.length >= minContained && header.includes(synonym)) {
      best = Math.max(best, 0.5 + (0.4 * synonym.length) / header.length - tieBreak);
    } else if (header.length >= (ascii ? 4 : 2) && synonym.includes(header)) {
      best = Math.max(best, 0.45 + (0.4 * header.length) / synonym.length - tieBreak);
    } else if (
      ascii &&
      header.length >= 4 &&
      synonym.length >= 4 &&
      header.length <= 40 &&
      // The distance is at least the length difference: skip pairs that cannot reach the threshold.
      Math.abs(header.length - synonym.length) <= 0.25 * Math.max(header.length, synonym.length)
    ) {
      const similarity = 1 - levenshtein(header, synonym) / Math.max(header.length, synonym.length);
      if (similarity >= 0.75) best = Math.max(best, 0.4 + 0.4 * similarity - tieBreak);
    }
  });
  return best;
}

/**
 * Propose a mapping for a header row: every (field, column) pair is scored, then pairs are taken best first,
 * so one column never feeds two fields and a field takes its best column (ties go to the earlier field and
 * the leftmost column).
 */
export function suggestMapping(kind: TabularKind, headers: readonly string[]): MappingSuggestion {
  const fields = preparedFields(kind);
  const normalised = headers.map((h) => normaliseHeader(typeof h === 'string' ? h : String(h)));
  const candidates: { score: number; field: number; column: number }[] = [];
  fields.forEach((field, f) => {
    normalised.forEach((header, column) => {
      const score = matchScore(header, field);
      if (score >= MIN_CONFIDENCE) candidates.push({ score, field: f, column });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.field - b.field || a.column - b.column);

  const mapping: FieldColumns = {};
  const confidence: Record<string, number> = {};
  for (const { field } of fields) {
    mapping[field.key] = null;
    confidence[field.key] = 0;
  }
  const taken = new Set<number>();
  for (const candidate of candidates) {
    const key = fields[candidate.field]!.field.key;
    if (mapping[key] !== null || taken.has(candidate.column)) continue;
    mapping[key] = candidate.column;
    confidence[key] = Math.round(candidate.score * 1000) / 1000;
    taken.add(candidate.column);
  }
  const unmappedHeaders = headers
    .map((h, i) => ({ h: typeof h === 'string' ? h.trim() : String(h), i }))
    .filter(({ h, i }) => h !== '' && !taken.has(i))
    .map(({ h }) => h);
  return { mapping, confidence, unmappedHeaders, missingRequired: missingRequired(kind, mapping, {}) };
}

/** Sum of the best confidences: how much a row looks like this kind's header row (for header detection). */
export function headerRowScore(kind: TabularKind, cells: readonly string[]): number {
  const { confidence } = suggestMapping(kind, cells);
  return Object.values(confidence).reduce((sum, c) => sum + c, 0);
}

function missingRequired(
  kind: TabularKind,
  columns: FieldColumns,
  defaults: Readonly<Record<string, string>>,
): string[] {
  const fed = (key: string) => columns[key] != null || (defaults[key] ?? '').trim() !== '';
  const missing = TARGET_FIELDS[kind].filter((f) => f.required && !fed(f.key)).map((f) => f.key);
  if (kind !== 'patients' && !PATIENT_REF_KEYS.some(fed)) missing.push(PATIENT_REF_KEYS.join('|'));
  return missing;
}

// ---------------------------------------------------------------------------------------------------------
// Saved mappings

const MAX_COLUMN_INDEX = 16_383; // Excel's last column (XFD)

export type MappingValidation =
  { ok: true; value: ColumnMapping } | { ok: false; problems: InboundProblem[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Check a mapping read from JSON. (The domain package has no zod; the server's `columnMappingSchema` wraps
 * this so both agree.) Problems name the JSON path in `where` and a message code in `message`.
 */
export function validateColumnMapping(input: unknown): MappingValidation {
  const problems: InboundProblem[] = [];
  if (!isPlainObject(input)) return { ok: false, problems: [{ where: '$', message: 'mapping_not_object' }] };
  if (input.version !== 1) problems.push({ where: 'version', message: 'mapping_version_unsupported' });
  const kind = input.kind;
  if (!isTabularKind(kind)) {
    problems.push({ where: 'kind', message: 'mapping_kind_invalid' });
    return { ok: false, problems };
  }
  const known = new Set(TARGET_FIELDS[kind].map((f) => f.key));
  const columns: Record<string, number | string | null> = {};
  if (!isPlainObject(input.columns)) {
    problems.push({ where: 'columns', message: 'mapping_columns_invalid' });
  } else {
    const used = new Map<string, string>();
    for (const [key, value] of Object.entries(input.columns)) {
      const where = `columns.${key}`;
      if (!known.has(key)) {
        problems.push({ where, message: 'mapping_field_unknown' });
        continue;
      }
      let identity: string;
      if (value === null) {
        columns[key] = null;
        continue;
      } else if (
        typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= 0 &&
        value <= MAX_COLUMN_INDEX
      ) {
        identity = `#${value}`;
      } else if (typeof value === 'string' && value.trim() !== '' && value.length <= MAX_HEADER_LENGTH) {
        identity = `h:${normaliseHeader(value)}`;
      } else {
        problems.push({ where, message: 'mapping_column_invalid' });
        continue;
      }
      const other = used.get(identity);
      if (other !== undefined) {
        problems.push({ where, message: 'mapping_column_reused', detail: other });
        continue;
      }
      used.set(identity, key);
      columns[key] = value;
    }
  }
  let defaults: Record<string, string> | undefined;
  if (input.defaults !== undefined) {
    if (!isPlainObject(input.defaults)) {
      problems.push({ where: 'defaults', message: 'mapping_defaults_invalid' });
    } else {
      defaults = {};
      for (const [key, value] of Object.entries(input.defaults)) {
        if (!known.has(key)) problems.push({ where: `defaults.${key}`, message: 'mapping_field_unknown' });
        else if (typeof value !== 'string' || value.length > MAX_HEADER_LENGTH) {
          problems.push({ where: `defaults.${key}`, message: 'mapping_default_invalid' });
        } else defaults[key] = value;
      }
    }
  }
  for (const extra of Object.keys(input)) {
    if (!['version', 'kind', 'columns', 'defaults'].includes(extra)) {
      problems.push({ where: extra, message: 'mapping_key_unknown' });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { version: 1, kind, columns, ...(defaults ? { defaults } : {}) } };
}

export interface ResolvedMapping {
  kind: TabularKind;
  columns: FieldColumns;
  defaults: Record<string, string>;
  problems: InboundProblem[];
}

/**
 * A saved mapping applied to a file's header row: header names become indices (exact text first, then the
 * normalised form). Problems: a named header the file lacks, an index beyond the header row, a required
 * field (or, for visits and charges, every patient-reference field) with neither column nor default.
 */
export function resolveColumnMapping(mapping: ColumnMapping, headers: readonly string[]): ResolvedMapping {
  const problems: InboundProblem[] = [];
  const columns: FieldColumns = {};
  const trimmed = headers.map((h) => h.trim());
  const normalised = headers.map((h) => normaliseHeader(h));
  for (const field of TARGET_FIELDS[mapping.kind]) {
    const value = mapping.columns[field.key];
    columns[field.key] = null;
    if (value === undefined || value === null) continue;
    const where = `columns.${field.key}`;
    if (typeof value === 'number') {
      if (value >= headers.length)
        problems.push({ where, message: 'mapping_column_out_of_range', detail: String(value) });
      else columns[field.key] = value;
      continue;
    }
    let index = trimmed.indexOf(value.trim());
    if (index < 0) index = normalised.indexOf(normaliseHeader(value));
    if (index < 0) problems.push({ where, message: 'mapping_header_not_found', detail: value.slice(0, 60) });
    else columns[field.key] = index;
  }
  const defaults = { ...mapping.defaults };
  for (const key of missingRequired(mapping.kind, columns, defaults)) {
    problems.push({ where: `columns.${key}`, message: 'mapping_required_unmapped' });
  }
  return { kind: mapping.kind, columns, defaults, problems };
}

/**
 * A mapping to save: columns named by header text when that text is non-empty and unique in the row,
 * otherwise by index.
 */
export function toColumnMapping(
  kind: TabularKind,
  columns: Readonly<FieldColumns>,
  headers: readonly string[],
  defaults?: Readonly<Record<string, string>>,
): ColumnMapping {
  const out: Record<string, number | string | null> = {};
  for (const field of TARGET_FIELDS[kind]) {
    const index = columns[field.key];
    if (index === undefined || index === null) {
      out[field.key] = null;
      continue;
    }
    const header = headers[index]?.trim() ?? '';
    const unique = header !== '' && headers.filter((h) => h.trim() === header).length === 1;
    out[field.key] = unique ? header : index;
  }
  return { version: 1, kind, columns: out, ...(defaults ? { defaults: { ...defaults } } : {}) };
}
