import { fhir, type InboundProblem, type InboundRecord } from '@carebridge/domain';
import type { Bundle, BundleEntry, OperationOutcome } from '@medplum/fhirtypes';
import type { ImportCounts } from '@carebridge/contracts';
import type { Db } from '@carebridge/db';
import type { MpiContext } from '../mpi/mpi.service';
import type { AuditService } from '../audit/audit.service';
import { emptyCounts, type InboundWriter } from '../interop/inbound-writer';

export interface FhirIngestDeps {
  db: Db;
  inbound: Pick<InboundWriter, 'write'>;
  audit: Pick<AuditService, 'record'>;
}

export interface IngestResult {
  status: number;
  body: Bundle | OperationOutcome;
  counts: ImportCounts;
  unsupported: Record<string, number>;
}

/** Thrown inside the transaction to roll a transaction bundle back when any entry fails. */
class TransactionFailed extends Error {
  constructor(readonly problems: InboundProblem[]) {
    super('transaction failed');
  }
}

/**
 * POST /fhir/R4: a transaction bundle is all or nothing (any invalid entry or unresolvable reference and
 * nothing is written, 400 with every problem); a batch bundle (or a collection, or a single resource) is
 * entry by entry (the good entries are written, each bad one answered with its OperationOutcome).
 */
export function createFhirIngestService(d: FhirIngestDeps) {
  async function ingest(
    ctx: MpiContext,
    input: unknown,
    lang: fhir.Lang,
    system = 'fhir',
  ): Promise<IngestResult> {
    const mapped = fhir.mapBundle(input, { system });
    const unsupported = mapped.mapped.unsupported;
    const entryProblems = mapped.entries.flatMap((e) => e.problems);
    const topProblems = mapped.mapped.problems.filter((p) => !entryProblems.includes(p));
    if (topProblems.length || (mapped.kind === 'transaction' && entryProblems.length))
      return failure([...topProblems, ...entryProblems], lang, unsupported);
    const good = mapped.entries.filter((e) => e.problems.length === 0);
    const records: InboundRecord[] = [];
    const owner: number[] = [];
    for (const e of good)
      for (const r of e.records) {
        records.push(r);
        owner.push(e.index);
      }
    try {
      const outcome = await d.db.transaction(async (tx) => {
        const out = await d.inbound.write(tx, ctx, records);
        if (mapped.kind === 'transaction' && out.rejected.length)
          throw new TransactionFailed(out.rejected.flatMap((r) => located(r.problems, owner[r.index]!)));
        await d.audit.record(tx, ctx, {
          action: 'interop.fhir_imported',
          resourceType: 'bundle',
          detail: counted(out.counts),
        });
        return out;
      });
      const rejectedEntries = new Map<number, InboundProblem[]>();
      for (const r of outcome.rejected) {
        const entry = owner[r.index]!;
        rejectedEntries.set(entry, [...(rejectedEntries.get(entry) ?? []), ...located(r.problems, entry)]);
      }
      outcome.counts.rejected = mapped.entries.length - good.length + rejectedEntries.size;
      return {
        status: 200,
        counts: outcome.counts,
        unsupported,
        body: responseBundle(mapped, rejectedEntries, lang),
      };
    } catch (error) {
      if (error instanceof TransactionFailed) return failure(error.problems, lang, unsupported);
      throw error;
    }
  }

  return { ingest };
}
export type FhirIngestService = ReturnType<typeof createFhirIngestService>;

function failure(
  problems: InboundProblem[],
  lang: fhir.Lang,
  unsupported: Record<string, number>,
): IngestResult {
  return {
    status: 400,
    body: fhir.operationOutcome(problems, lang),
    counts: { ...emptyCounts(), rejected: problems.length },
    unsupported,
  };
}

const located = (problems: InboundProblem[], entry: number) =>
  problems.map((p) => ({ ...p, where: `entry[${entry}].resource.${p.where}` }));

function responseBundle(
  mapped: fhir.FhirMapResult,
  rejected: Map<number, InboundProblem[]>,
  lang: fhir.Lang,
): Bundle {
  const type = mapped.kind === 'transaction' ? 'transaction-response' : 'batch-response';
  const entry: BundleEntry[] = mapped.entries.map((e) => {
    const problems = e.problems.length ? e.problems : rejected.get(e.index);
    if (problems?.length)
      return { response: { status: '400 Bad Request', outcome: fhir.operationOutcome(problems, lang) } };
    if (e.unsupported && !e.records.length)
      return {
        response: {
          status: '422 Unprocessable Entity',
          outcome: fhir.operationOutcome([], lang, { unsupported: e.unsupported }),
        },
      };
    return { response: { status: '200 OK', ...(e.sourceId ? { location: e.sourceId } : {}) } };
  });
  return { resourceType: 'Bundle', type, entry };
}

const counted = (c: ImportCounts) =>
  Object.entries(c)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
