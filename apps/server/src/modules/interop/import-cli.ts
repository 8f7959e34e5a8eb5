import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import {
  suggestMapping,
  validateColumnMapping,
  type ColumnMapping,
  type FieldColumns,
} from '@carebridge/domain';
import type { ImportCounts, ImportKind } from '@carebridge/contracts';
import type { AppDeps } from '../../app';
import { emptyCounts } from './inbound-writer';
import { readTable } from './tabular/read-table';

/**
 * `carebridge import fhir|hl7|csv`: the same services the API uses, run in this process against the
 * configured database. Each prints one summary line and returns the exit code (1 when anything was
 * rejected, unless --allow-rejects).
 */
type Out = (line: string) => void;
type Deps = Pick<AppDeps, 'fhirIngest' | 'hl7' | 'imports' | 'tenantId'>;

const cliContext = (tenantId: string) => ({
  tenantId,
  actor: null,
  origin: { ip: null, userAgent: 'carebridge-cli' },
});

/** Files under the given paths (directories are walked), with the wanted extensions, in name order. */
export async function listFiles(paths: string[], extensions: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const info = await stat(p);
    if (info.isDirectory()) {
      const names = (await readdir(p)).sort();
      out.push(
        ...(await listFiles(
          names.map((n) => join(p, n)),
          extensions,
        )),
      );
    } else if (extensions.includes(extname(p).toLowerCase())) out.push(p);
  }
  return out;
}

export async function importFhir(deps: Deps, paths: string[], opts: { concurrency: number }, out: Out) {
  const files = await listFiles(paths, ['.json', '.ndjson']);
  const total = emptyCounts();
  const unsupported: Record<string, number> = {};
  let resources = 0;
  const started = performance.now();
  const send = async (file: string) => {
    const text = await readFile(file, 'utf8');
    // NDJSON (bulk export): one resource per line, sent as one batch.
    const body = file.endsWith('.ndjson') ? ndjsonBatch(text) : text;
    return deps.fhirIngest.ingest(cliContext(deps.tenantId), body, 'en');
  };
  const count = (file: string, result: Awaited<ReturnType<typeof send>>) => {
    add(total, result.counts);
    resources += result.counts.read || 0;
    for (const [k, v] of Object.entries(result.unsupported)) unsupported[k] = (unsupported[k] ?? 0) + v;
    if (result.status !== 200) out(`  ${basename(file)}: refused (${describeOutcome(result.body)})`);
  };
  // Files of single resources may name a patient another file brings: those go again after the rest.
  const later: string[] = [];
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const result = await send(file);
      if (
        result.counts.rejected &&
        result.counts.created + result.counts.unchanged + result.counts.updated === 0
      )
        later.push(file);
      else count(file, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
  for (const file of later.sort()) count(file, await send(file));
  const seconds = (performance.now() - started) / 1000;
  summary(out, `fhir: ${files.length} files`, total, seconds, resources, 'records');
  if (Object.keys(unsupported).length)
    out(
      `  not imported: ${Object.entries(unsupported)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  return total;
}

function ndjsonBatch(text: string) {
  const entry = text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ({ resource: JSON.parse(l) as unknown }));
  return { resourceType: 'Bundle', type: 'batch', entry };
}

function describeOutcome(body: unknown): string {
  const issues = (body as { issue?: { diagnostics?: string; expression?: string[] }[] }).issue ?? [];
  return issues
    .slice(0, 3)
    .map((i) => `${i.expression?.[0] ?? ''} ${i.diagnostics ?? ''}`.trim())
    .join('; ');
}

/** HL7 files: one or more messages each (a new message starts at every MSH), written 200 at a time. */
export async function importHl7(deps: Deps, paths: string[], out: Out) {
  const files = await listFiles(paths, ['.hl7', '.txt', '.er7']);
  const total = emptyCounts();
  let messages = 0;
  let refused = 0;
  const started = performance.now();
  const pending: string[] = [];
  const flush = async () => {
    const outcomes = await deps.hl7.receive(cliContext(deps.tenantId), pending.splice(0));
    for (const o of outcomes) {
      add(total, o.counts);
      if (o.ackCode !== 'AA') refused++;
    }
  };
  for (const file of files) {
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    for (const message of text.split(/(?=^MSH)/m).filter((m) => m.trim())) {
      pending.push(message);
      messages++;
      if (pending.length >= 200) await flush();
    }
  }
  if (pending.length) await flush();
  total.rejected = refused;
  summary(
    out,
    `hl7: ${messages} messages from ${files.length} files`,
    total,
    (performance.now() - started) / 1000,
    messages,
    'messages',
  );
  if (refused) out('  refused messages are in the inbox (接口消息) with their reasons');
  return total;
}

export async function importCsv(
  deps: Deps,
  file: string,
  opts: { kind: ImportKind; mapping?: string; source?: string; bulk?: boolean },
  out: Out,
) {
  const bytes = await readFile(file);
  let mapping: FieldColumns | ColumnMapping;
  if (opts.mapping) {
    const checked = validateColumnMapping(JSON.parse(await readFile(opts.mapping, 'utf8')) as unknown);
    if (!checked.ok)
      throw new Error(`--mapping: ${checked.problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`);
    mapping = checked.value;
  } else {
    const table = await readTable(bytes, { kind: opts.kind });
    const suggestion = suggestMapping(opts.kind, table.headers);
    mapping = suggestion.mapping;
    const used = Object.entries(mapping).filter(([, v]) => v !== null);
    out(`columns: ${used.map(([k, v]) => `${k} ← ${table.headers[v!]}`).join(', ')}`);
    if (suggestion.missingRequired.length)
      out(`  no column found for: ${suggestion.missingRequired.join(', ')}`);
  }
  if (opts.bulk)
    out('bulk load: one transaction; the patient register is locked until it ends (docs/operations.md)');
  const started = performance.now();
  let lastReport = started;
  const job = await deps.imports.runNow(
    cliContext(deps.tenantId),
    {
      kind: opts.kind,
      file: { name: basename(file), bytes },
      mapping,
      sourceSystem: opts.source,
      mode: opts.bulk ? 'bulk' : 'incremental',
    },
    (done) => {
      if (performance.now() - lastReport < 5000) return;
      lastReport = performance.now();
      out(
        `  ${done.toLocaleString('en')} rows, ${Math.round(done / ((lastReport - started) / 1000)).toLocaleString('en')} rows/s`,
      );
    },
  );
  summary(
    out,
    `csv: ${job.rowsDone} rows (${opts.kind})`,
    job.counts,
    (performance.now() - started) / 1000,
    job.rowsDone,
    'rows',
  );
  if (job.counts.rejected) {
    const report = await deps.imports.report(cliContext(deps.tenantId), job.id);
    const path = file.replace(/\.[^.]+$/, '') + '-rejected.xlsx';
    await writeFile(path, report.buffer);
    out(`  rejected rows and why: ${path}`);
  }
  return job.counts;
}

function add(total: ImportCounts, c: ImportCounts) {
  for (const k of Object.keys(total) as (keyof ImportCounts)[]) total[k] += c[k] ?? 0;
}

function summary(out: Out, what: string, c: ImportCounts, seconds: number, units: number, unitName: string) {
  out(
    `${what}: read ${c.read}, created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, ` +
      `rejected ${c.rejected}, merged ${c.merged}, queued for review ${c.queued}; ` +
      `${seconds.toFixed(1)} s, ${Math.round(units / Math.max(seconds, 1e-6)).toLocaleString('en')} ${unitName}/s`,
  );
}
