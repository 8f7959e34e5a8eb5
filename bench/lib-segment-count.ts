import { sql } from 'drizzle-orm';
import type { Database } from '@carebridge/db';
import { DEFAULT_SEGMENTATION_POLICY, type SegmentFilter } from '@carebridge/contracts';
import type { Clock } from '../apps/server/src/platform/clock';
import type { Actor } from '../apps/server/src/platform/http/actor';
import { createAuditService } from '../apps/server/src/modules/audit/audit.service';
import * as auditRepo from '../apps/server/src/modules/audit/audit.repository';
import { createSegmentsService } from '../apps/server/src/modules/segments/segments.service';
import * as segmentsRepo from '../apps/server/src/modules/segments/segments.repository';

/**
 * Five-condition segments, counted through the segments service as `POST /api/segments/count` does:
 *  - value: figures of the read model (tier, level, churn, last contact, marketing consent);
 *  - clinical: tier, age 50–80, chronic hypertension or diabetes, a cardiology visit in the last 90 days,
 *    follow-up consent;
 *  - heavy: the same with at least two cardiology visits in a year (the largest department: about 900,000
 *    visits to count per patient before anything else can narrow them).
 */
export async function segmentCountQueries(database: Database, tenantId: string, clock: Clock) {
  const dept = await database.db.execute<{ id: string }>(
    sql`SELECT id FROM departments WHERE tenant_id = ${tenantId} AND name LIKE '心血管%' ORDER BY name LIMIT 1`,
  );
  const cardiology = dept.rows.map((r) => r.id);
  const clinical = (visits: SegmentFilter): SegmentFilter => ({
    type: 'and',
    conditions: [
      { type: 'tier', in: ['A', 'B'] },
      { type: 'age', min: 50, max: 80 },
      { type: 'diagnosis', codes: ['I10', 'E11'], chronicOnly: true },
      visits,
      { type: 'consent', purpose: 'care_follow_up', granted: true },
    ],
  });
  const filters: Record<string, SegmentFilter> = {
    value: {
      type: 'and',
      conditions: [
        { type: 'tier', in: ['A'] },
        { type: 'level', in: ['gold', 'silver'] },
        { type: 'churnRisk', in: ['medium', 'high'] },
        { type: 'lastContact', olderThanDays: 90 },
        { type: 'consent', purpose: 'marketing', granted: true },
      ],
    },
    clinical: clinical({ type: 'visits', departmentIds: cardiology, withinDays: 90 }),
    heavy: clinical({ type: 'visits', departmentIds: cardiology, withinDays: 365, min: 2 }),
  };
  const segments = createSegmentsService({
    db: database.db,
    repo: segmentsRepo,
    audit: createAuditService({ ...auditRepo, clock }),
    clock,
    timeZone: 'Asia/Shanghai',
    policyFigures: async () => ({
      scores: DEFAULT_SEGMENTATION_POLICY.scores,
      windowMonths: DEFAULT_SEGMENTATION_POLICY.windowMonths,
    }),
    staffNames: async () => new Map(),
  });
  const actor = { id: tenantId, tenantId, username: 'bench', roles: ['marketing'] } as unknown as Actor;
  return Object.entries(filters).map(([name, filter]) => ({
    name,
    conditions: 5,
    run: async () => (await segments.count(actor, filter)).count,
    // The floor of the heavy count: its visit condition alone, which must group every cardiology visit
    // of the year by patient before any other condition can narrow anything.
    floor:
      name === 'heavy'
        ? async () => {
            const since = new Date(clock.now().getTime() - 365 * 86_400_000);
            await database.db.execute(sql`select count(*) from (
              select e.patient_id from encounters e
              where e.tenant_id = ${tenantId} and e.department_id = ${cardiology[0]!}::uuid
                and e.start_at >= ${since}::timestamptz and e.start_at <= ${clock.now()}::timestamptz
                and e.status <> all(${sql.param(['cancelled', 'no_show'])}::text[])
              group by e.patient_id having count(*) >= 2) twice`);
          }
        : undefined,
  }));
}
