import type { SQL } from 'drizzle-orm';
import { newId, type Db, type DbOrTx } from '@carebridge/db';
import { ageOn, todayIn } from '@carebridge/domain';
import type { Gender, Level, Segment, SegmentFilter, Tier } from '@carebridge/contracts';
import { AppError } from '../../platform/errors';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { Clock } from '../../platform/clock';
import type { AuditService } from '../audit/audit.service';
import { compileSegmentFilter, type FilterContext, type ScoreThresholds } from './filter-compiler';
import { memberWorkbook } from './member-workbook';
import type * as repo from './segments.repository';

export interface SegmentsDeps {
  db: Db;
  repo: Pick<
    typeof repo,
    | 'countMatching'
    | 'tuneForSegmentQuery'
    | 'insertSegment'
    | 'insertMembers'
    | 'setMemberCount'
    | 'listSegments'
    | 'findSegment'
    | 'deleteSegment'
    | 'frozenMembers'
    | 'memberPage'
    | 'exportMembers'
  >;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
  timeZone: string;
  /**
   * From the tenant's policy, read before any transaction is opened: the score cut-offs (urgency and risk
   * levels) and the trailing window the spend figures cover.
   */
  policyFigures: (tenantId: string) => Promise<{ scores: ScoreThresholds; windowMonths: number }>;
  /** Display names of the staff who saved segments (the identity module's users). */
  staffNames: StaffNames;
}

export type StaffNames = (
  db: DbOrTx,
  tenantId: string,
  ids: readonly string[],
) => Promise<Map<string, string>>;

export interface SegmentInput {
  name: string;
  description?: string | undefined;
  kind: 'dynamic' | 'snapshot';
  filter: SegmentFilter;
}

/**
 * The segment builder: live counts, saved segments (a dynamic one is its filter, re-evaluated on use; a
 * snapshot keeps the members it had when saved) and their member lists. Counts show no patient; member
 * lists and exports do (names, masked numbers), so each one is audited with how many rows it showed.
 */
export function createSegmentsService(d: SegmentsDeps) {
  const auditCtx = (actor: Actor, origin: RequestOrigin) => ({ tenantId: actor.tenantId, actor, origin });

  // PGlite has one connection: the policy's figures (another module's query) are read before the transaction.
  async function filterContext(tenantId: string): Promise<FilterContext & { windowMonths: number }> {
    const now = d.clock.now();
    const { scores, windowMonths } = await d.policyFigures(tenantId);
    return { tenantId, now, today: todayIn(d.timeZone, now), thresholds: scores, windowMonths };
  }

  async function count(actor: Actor, filter: SegmentFilter) {
    const ctx = await filterContext(actor.tenantId);
    const started = performance.now();
    const n = await d.db.transaction(async (tx) => {
      await d.repo.tuneForSegmentQuery(tx);
      return d.repo.countMatching(tx, compileSegmentFilter(filter, ctx));
    });
    return { count: n, milliseconds: Math.round(performance.now() - started) };
  }

  /** Segments as the API shows them, each with the name of the staff member who saved it. */
  async function views(db: DbOrTx, tenantId: string, rows: repo.SegmentRow[]): Promise<Segment[]> {
    const names = await d.staffNames(
      db,
      tenantId,
      rows.flatMap((r) => (r.createdBy ? [r.createdBy] : [])),
    );
    return rows.map((r) => view(r, names));
  }
  const oneView = async (db: DbOrTx, tenantId: string, row: repo.SegmentRow) =>
    (await views(db, tenantId, [row]))[0]!;

  async function list(actor: Actor) {
    return { items: await views(d.db, actor.tenantId, await d.repo.listSegments(d.db, actor.tenantId)) };
  }

  async function create(actor: Actor, input: SegmentInput, origin: RequestOrigin): Promise<Segment> {
    const ctx = await filterContext(actor.tenantId);
    return d.db.transaction(async (tx) => {
      const row = await d.repo.insertSegment(tx, {
        id: newId(),
        tenantId: actor.tenantId,
        name: input.name,
        description: input.description ?? null,
        kind: input.kind,
        filter: input.filter as unknown as Record<string, unknown>,
        frozenAt: input.kind === 'snapshot' ? ctx.now : null,
        createdBy: actor.kind === 'user' ? actor.id : null,
        createdAt: ctx.now,
      });
      const where = compileSegmentFilter(input.filter, ctx);
      await d.repo.tuneForSegmentQuery(tx);
      const members =
        input.kind === 'snapshot'
          ? await d.repo.insertMembers(tx, row.id, where)
          : await d.repo.countMatching(tx, where);
      await d.audit.record(tx, auditCtx(actor, origin), {
        action: 'segment.created',
        resourceType: 'segment',
        resourceId: row.id,
        detail: `kind=${input.kind};count=${members}`,
      });
      return oneView(tx, actor.tenantId, await d.repo.setMemberCount(tx, row.id, members));
    });
  }

  async function get(actor: Actor, id: string): Promise<Segment> {
    const ctx = await filterContext(actor.tenantId);
    return d.db.transaction(async (tx) => {
      const row = await found(tx, actor.tenantId, id);
      if (row.kind === 'snapshot') return oneView(tx, actor.tenantId, row);
      await d.repo.tuneForSegmentQuery(tx);
      const now = await d.repo.countMatching(tx, membersOf(row, ctx));
      return oneView(
        tx,
        actor.tenantId,
        now === row.memberCount ? row : await d.repo.setMemberCount(tx, id, now),
      );
    });
  }

  async function remove(actor: Actor, id: string, origin: RequestOrigin): Promise<void> {
    await d.db.transaction(async (tx) => {
      if (!(await d.repo.deleteSegment(tx, actor.tenantId, id))) throw new AppError('not_found');
      await d.audit.record(tx, auditCtx(actor, origin), {
        action: 'segment.deleted',
        resourceType: 'segment',
        resourceId: id,
      });
    });
  }

  async function members(
    actor: Actor,
    id: string,
    page: { limit: number; offset: number },
    origin: RequestOrigin,
  ) {
    const ctx = await filterContext(actor.tenantId);
    return d.db.transaction(async (tx) => {
      const where = membersOf(await found(tx, actor.tenantId, id), ctx);
      await d.repo.tuneForSegmentQuery(tx);
      const rows = await d.repo.memberPage(tx, where, page.limit, page.offset);
      const total =
        page.offset === 0 && rows.length < page.limit ? rows.length : await d.repo.countMatching(tx, where);
      // A page of names is a read of patient data: who, which segment, how many rows (never which patients).
      await d.audit.record(tx, auditCtx(actor, origin), {
        action: 'segment.members_viewed',
        resourceType: 'segment',
        resourceId: id,
        detail: `rows=${rows.length};offset=${page.offset}`,
      });
      return {
        total,
        items: rows.map((r) => ({
          patientId: r.patientId,
          name: r.name,
          gender: r.gender as Gender,
          age: r.birthDate ? ageOn(r.birthDate, ctx.today) : null,
          phoneMasked: r.phoneMasked,
          tier: r.tier as Tier | null,
          level: r.level as Level | null,
          revenueFen: r.revenueFen,
        })),
      };
    });
  }

  async function exportMembers(actor: Actor, id: string, origin: RequestOrigin) {
    const ctx = await filterContext(actor.tenantId);
    return d.db.transaction(async (tx) => {
      const segment = await found(tx, actor.tenantId, id);
      const where = membersOf(segment, ctx);
      await d.repo.tuneForSegmentQuery(tx);
      const book = memberWorkbook({ today: ctx.today, timeZone: d.timeZone, windowMonths: ctx.windowMonths });
      for await (const batch of d.repo.exportMembers(tx, where)) book.add(batch);
      const { buffer, rows } = await book.finish();
      await d.audit.record(tx, auditCtx(actor, origin), {
        action: 'segment.exported',
        resourceType: 'segment',
        resourceId: id,
        detail: `rows=${rows}`,
      });
      const fileName = `${fileNameOf(segment.name)}-${ctx.today}.xlsx`;
      // For clients that cannot read the UTF-8 name (filename*): an ASCII one.
      return { fileName, fallbackName: `segment-${ctx.today}.xlsx`, buffer, rows };
    });
  }

  async function found(tx: DbOrTx, tenantId: string, id: string) {
    const row = await d.repo.findSegment(tx, tenantId, id);
    if (!row) throw new AppError('not_found');
    return row;
  }

  function membersOf(row: repo.SegmentRow, ctx: FilterContext): SQL {
    return row.kind === 'snapshot'
      ? d.repo.frozenMembers(row.tenantId, row.id)
      : compileSegmentFilter(row.filter as unknown as SegmentFilter, ctx);
  }

  return { count, list, create, get, remove, members, exportMembers };
}
export type SegmentsService = ReturnType<typeof createSegmentsService>;

/** A segment name as part of a file name: no path separators or characters Windows refuses. */
const fileNameOf = (name: string) => name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').slice(0, 60) || 'segment';

function view(r: repo.SegmentRow, staff: ReadonlyMap<string, string>): Segment {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    kind: r.kind as Segment['kind'],
    filter: r.filter as unknown as SegmentFilter,
    count: r.memberCount,
    createdBy: r.createdBy,
    createdByName: r.createdBy ? (staff.get(r.createdBy) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    frozenAt: r.frozenAt?.toISOString() ?? null,
  };
}
