import { readFile } from 'node:fs/promises';
import {
  DEFAULT_MATCH_PARAMS,
  evaluateLinkage,
  parseFebrlCsv,
  type LinkageMetrics,
} from '@carebridge/domain';

/**
 * `carebridge mpi evaluate`: the matcher over a labelled sample, so a hospital can choose thresholds on its
 * own data. Reads files only; touches no database. Returns the exit code.
 */
export async function runMpiEvaluate(
  file: string,
  file2: string | undefined,
  opts: { upper?: string; lower?: string; json?: boolean },
  out: (line: string) => void,
): Promise<number> {
  const thresholds = { ...DEFAULT_MATCH_PARAMS.thresholds };
  for (const key of ['upper', 'lower'] as const) {
    if (opts[key] === undefined) continue;
    const value = Number(opts[key]);
    if (!Number.isFinite(value)) {
      out(`--${key} must be a number of bits, e.g. 30`);
      return 2;
    }
    thresholds[key] = value;
  }
  const read = async (f: string) => parseFebrlCsv(await readFile(f, 'utf8')).records;
  const started = performance.now();
  const records = await read(file);
  const otherRecords = file2 ? await read(file2) : undefined;
  const result = evaluateLinkage({
    records,
    ...(otherRecords ? { otherRecords } : {}),
    params: { ...DEFAULT_MATCH_PARAMS, thresholds },
  });
  const seconds = (performance.now() - started) / 1000;
  if (opts.json) {
    out(
      JSON.stringify({
        bench: 'mpi-evaluate',
        file,
        file2: file2 ?? null,
        records: records.length,
        seconds,
        ...result,
      }),
    );
    return 0;
  }
  const row = (label: string, m: LinkageMetrics) =>
    `  ${label.padEnd(22)} precision ${m.precision.toFixed(4)}  recall ${m.recall.toFixed(4)}  F1 ${m.f1.toFixed(4)}  (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
  out(`${result.mode === 'link' ? 'linking' : 'duplicates in'} ${file}${file2 ? ` ↔ ${file2}` : ''}`);
  out(
    `  records ${records.length + (otherRecords?.length ?? 0)}, pairs compared ${result.pairsCompared}, true pairs ${result.truePairs} (${result.truePairsBlocked} reachable by blocking)`,
  );
  out(`  thresholds: auto-merge ≥ ${thresholds.upper} bits, review ≥ ${thresholds.lower} bits`);
  out(row('automatic merges', result.auto));
  out(row('automatic + review', result.autoPlusReview));
  out('  threshold sweep (pairs at or above):');
  for (const p of result.sweep)
    out(
      `    ≥ ${String(p.threshold).padStart(3)}: precision ${p.precision.toFixed(4)}  recall ${p.recall.toFixed(4)}`,
    );
  out(`  ${seconds.toFixed(2)} s`);
  return 0;
}
