import type { Database } from '@carebridge/db';
import type { DemoSeedOptions } from './demo-seed';

/**
 * Demo mode's first start: a small generated population, unless the tenant has patients already. The
 * check comes first so that an ordinary restart does not even load the generator.
 */
export async function seedDemoPatientsOnFirstStart(
  database: Database,
  options: DemoSeedOptions,
  announce: () => void,
): Promise<number> {
  const { rows } = await database.pool.query<{ any: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM patients WHERE tenant_id = $1) AS any',
    [options.tenantId],
  );
  if (rows[0]?.any) return 0;
  announce();
  const { seedDemoPopulationIfEmpty } = await import('./demo-seed');
  return (await seedDemoPopulationIfEmpty(database, options))?.patients ?? 0;
}
