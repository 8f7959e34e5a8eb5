import { Command } from 'commander';
import { ROLES } from '@carebridge/contracts';
import type { Database } from '@carebridge/db';
import { ConfigError, loadConfig, type Config } from './platform/config';
import type { Runtime } from './runtime';
import type { AppDeps } from './app';
import type * as importCliModule from './modules/interop/import-cli';

type ImportCli = typeof importCliModule;

// The server, database and identity modules load inside each command: `--help` and configuration
// errors answer at once instead of after compiling the whole application.
const runtimeModule = () => import('./runtime');
const dbModule = () => import('@carebridge/db');
const bootstrapModule = () => import('./modules/identity/bootstrap');

const out = (line = '') => process.stdout.write(`${line}\n`);

const program = new Command('carebridge')
  .description('CareBridge 康桥 — hospital patient relationship management')
  .showHelpAfterError()
  .addHelpText(
    'after',
    '\nConfiguration comes from environment variables (see README.md): DATABASE_URL, CAREBRIDGE_DATA_DIR, PORT, HOST, …',
  );

program
  .command('serve')
  .description('run the API and the web console')
  .action(() => run({ http: true, worker: false }));
program
  .command('worker')
  .description('run the background job worker (follow-ups, reminders, maintenance)')
  .action(() => run({ http: false, worker: true }));
program
  .command('all')
  .description('run the API, the web console and the worker in one process (what `npm start` runs)')
  .action(() => run({ http: true, worker: true }));
program
  .command('migrate')
  .description('apply database migrations and exit')
  .action(() =>
    withDatabase(async (config, database) => {
      await (await dbModule()).runMigrations(database.pool);
      out(`migrations applied to ${(await runtimeModule()).describeDatabase(config)}`);
    }),
  );
program
  .command('seed')
  .description(
    'create the demo tenant and the demo accounts (one per role) if they are missing; with --patients, also a ' +
      'deterministic demo population (patients, two years of visits, results, charges) in an empty database',
  )
  .option('--patients <n>', 'number of demo patients to generate (e.g. 3000; 1000000 for a load test)')
  .option(
    '--seed <s>',
    'seed of the generator: the same patients, seed and as-of date give the same rows',
    '1',
  )
  .option(
    '--as-of <date>',
    'last day of the two years of history, YYYY-MM-DD (default: today in CAREBRIDGE_TIME_ZONE)',
  )
  .action((opts: { patients?: string; seed: string; asOf?: string }) =>
    withDatabase(async (config, database) => {
      const patients = opts.patients === undefined ? undefined : Number(opts.patients);
      if (patients !== undefined && !(Number.isSafeInteger(patients) && patients > 0))
        throw new Error(`--patients must be a positive whole number, got ${opts.patients}`);
      const tenantId = await prepareDatabase(config, database);
      const { seedDemoUsers } = await bootstrapModule();
      const created = await seedDemoUsers(database.db, tenantId, config.demoPassword);
      out(`demo accounts: ${created.length ? `created ${created.join(', ')}` : 'all present'}`);
      if (patients === undefined) return;
      const { todayIn } = await import('@carebridge/domain');
      const { resolveDataKey } = await import('./platform/crypto/data-key');
      const { createPersonalDataCipher } = await import('./platform/crypto/personal-data');
      const { seedDemoPopulation } = await import('./modules/demo/demo-seed');
      const asOf = opts.asOf ?? todayIn(config.timeZone);
      let lastPhase = '';
      let lastTenth = 0;
      out(`demo population: ${patients.toLocaleString('en')} patients, seed ${opts.seed}, as of ${asOf} …`);
      const summary = await seedDemoPopulation(database, {
        tenantId,
        patients,
        seed: opts.seed,
        asOf,
        cipher: createPersonalDataCipher(resolveDataKey(config)),
        onProgress: (p) => {
          // Phases once each; the load every 10% on runs big enough to take a while.
          const tenth = Math.max(1, Math.floor(p.of / 10));
          if (p.phase === 'load' && (p.of < 50_000 || Math.floor(p.patients / tenth) === lastTenth)) return;
          if (p.phase !== 'load' && p.phase === lastPhase) return;
          lastPhase = p.phase;
          lastTenth = Math.floor(p.patients / tenth);
          out(
            p.phase === 'load'
              ? `  ${p.patients.toLocaleString('en')} / ${p.of.toLocaleString('en')} patients  ${p.seconds.toFixed(1)} s`
              : `  ${p.phase === 'indexes' ? 'rebuilding indexes' : p.phase === 'validate' ? 'validating foreign keys' : 'analyzing'}  ${p.seconds.toFixed(1)} s`,
          );
        },
      });
      const width = Math.max(...summary.tables.map((t) => t.table.length));
      out(`rows per table (${summary.method}; rows/s = rows / database time for that table):`);
      for (const t of summary.tables) {
        out(
          `  ${t.table.padEnd(width)}  ${t.rows.toLocaleString('en').padStart(12)}  ${t.rowsPerSecond.toLocaleString('en').padStart(10)} rows/s`,
        );
      }
      const indexed = await indexForMatching(config, database, tenantId);
      out(
        `master patient index: keys for ${indexed.patients.toLocaleString('en')} patients in ${indexed.seconds.toFixed(1)} s`,
      );
      const { loadSeconds, indexSeconds, validateSeconds, analyzeSeconds } = summary.phases;
      out(
        `total: ${summary.totalRows.toLocaleString('en')} rows in ${summary.seconds.toFixed(1)} s ` +
          `(${summary.rowsPerSecond.toLocaleString('en')} rows/s; load ${loadSeconds} s, ` +
          (summary.indexesRebuilt
            ? `index rebuild ${indexSeconds} s, foreign-key checks ${validateSeconds} s, `
            : '') +
          `analyze ${analyzeSeconds} s)`,
      );
    }),
  );
program
  .command('create-admin')
  .description(
    'create an administrator account (password from CAREBRIDGE_ADMIN_PASSWORD, or generated and printed once)',
  )
  .requiredOption('-u, --username <username>', 'login name')
  .option('-n, --display-name <name>', 'name shown in the console', '系统管理员')
  .action((opts: { username: string; displayName: string }) =>
    withDatabase(async (config, database) => {
      const tenantId = await prepareDatabase(config, database);
      const { createAdmin } = await import('./modules/identity/create-admin');
      const { randomSecret } = await import('./platform/auth/secrets');
      const password = config.adminPassword ?? randomSecret(12);
      await createAdmin(database.db, tenantId, {
        username: opts.username,
        displayName: opts.displayName,
        password,
      });
      out(
        `administrator ${opts.username} created${config.adminPassword ? '' : `; password (shown once): ${password}`}`,
      );
    }),
  );

program
  .command('keygen')
  .description('print a new personal-data key for CAREBRIDGE_DATA_KEY (keep it in your secret store)')
  .action(async () => {
    const { generateDataKey } = await import('./platform/crypto/personal-data');
    out(generateDataKey());
  });

const importCommand = program
  .command('import')
  .description('bring data in from the hospital systems (same checks, matching and idempotency as the API)');
const allowRejects = '--allow-rejects';
importCommand
  .command('fhir')
  .description(
    'FHIR R4 bundles (transaction/batch/collection), single resources or NDJSON; files or directories',
  )
  .argument('<paths...>')
  .option('--concurrency <n>', 'bundles written at once', '4')
  .option(allowRejects, 'exit 0 even if something was rejected')
  .action((paths: string[], opts: { concurrency: string; allowRejects?: boolean }) =>
    withImport(opts, (deps) =>
      deps.cli.importFhir(deps.app, paths, { concurrency: Number(opts.concurrency) || 4 }, out),
    ),
  );
importCommand
  .command('hl7')
  .description('HL7 v2 message files (one or more messages each); refused messages go to the inbox')
  .argument('<paths...>')
  .option(allowRejects, 'exit 0 even if something was rejected')
  .action((paths: string[], opts: { allowRejects?: boolean }) =>
    withImport(opts, (deps) => deps.cli.importHl7(deps.app, paths, out)),
  );
importCommand
  .command('csv')
  .description('a CSV (UTF-8 or GBK/GB18030) or .xlsx file of patients, visits or charges')
  .argument('<file>')
  .requiredOption('--kind <kind>', 'patients | visits | charges')
  .option(
    '--mapping <file>',
    'saved column mapping (JSON: {"version":1,"kind":…,"columns":{field: header or index}})',
  )
  .option('--source <name>', 'source system the rows are keyed under (default csv:<kind>)')
  .option(
    '--bulk',
    'go-live load of patients: one transaction, search indexes rebuilt after, matching in one pass (locks the register)',
  )
  .option(allowRejects, 'exit 0 even if something was rejected')
  .action(
    (
      file: string,
      opts: { kind: string; mapping?: string; source?: string; bulk?: boolean; allowRejects?: boolean },
    ) =>
      withImport(opts, async (deps) => {
        if (!['patients', 'visits', 'charges'].includes(opts.kind))
          throw new Error(`--kind must be patients, visits or charges, got ${opts.kind}`);
        if (opts.bulk && opts.kind !== 'patients') throw new Error('--bulk is for --kind patients only');
        return deps.cli.importCsv(deps.app, file, { ...opts, kind: opts.kind as 'patients' }, out);
      }),
  );

async function withImport(
  opts: { allowRejects?: boolean },
  work: (deps: { app: AppDeps; cli: ImportCli }) => Promise<{ rejected: number }>,
) {
  await withDatabase(async (config, database) => {
    const tenantId = await prepareDatabase(config, database);
    const { createAppDeps } = await import('./app');
    const { systemClock } = await import('./platform/clock');
    const app = createAppDeps(config, database, systemClock, tenantId, null);
    const counts = await work({ app, cli: await import('./modules/interop/import-cli') });
    if (counts.rejected && !opts.allowRejects) process.exitCode = 1;
  });
}

const mpi = program.command('mpi').description('master patient index: duplicate detection');
mpi
  .command('evaluate')
  .description(
    'run the matcher over a labelled FEBRL-format CSV (one file: find its duplicates; two files: link them) ' +
      'and print precision, recall and F1 for automatic merges and for automatic merges + review queue',
  )
  .argument(
    '<file>',
    'FEBRL CSV: rec_id (rec-N-org / rec-N-dup-k), given_name, surname, …, date_of_birth, soc_sec_id',
  )
  .argument('[file2]', 'a second file to link against the first')
  .option('--upper <bits>', 'auto-merge threshold (default: the product default)')
  .option('--lower <bits>', 'review threshold (default: the product default)')
  .option('--json', 'print one JSON line instead of the table')
  .action(
    async (
      file: string,
      file2: string | undefined,
      opts: { upper?: string; lower?: string; json?: boolean },
    ) => {
      const { runMpiEvaluate } = await import('./modules/mpi/mpi-evaluate');
      process.exitCode = await runMpiEvaluate(file, file2, opts, out);
    },
  );

mpi
  .command('reindex')
  .description('give master-patient-index keys to patients stored without them (bulk loads, older data)')
  .action(() =>
    withDatabase(async (config, database) => {
      const tenantId = await prepareDatabase(config, database);
      const { patients, seconds } = await indexForMatching(config, database, tenantId);
      out(
        `master patient index: keys for ${patients.toLocaleString('en')} patients in ${seconds.toFixed(1)} s`,
      );
    }),
  );

const segmentation = program.command('segmentation').description('tiers, levels and value figures');
segmentation
  .command('recompute')
  .description(
    'grade every patient now (tiers, levels, RFM, lifetime value, churn, urgency, risk) with the policy in ' +
      'force; what the nightly job does. Prints how many were graded and changed',
  )
  .action(() =>
    withDatabase(async (config, database) => {
      const tenantId = await prepareDatabase(config, database);
      const { createSegmentationDomain } = await import('./app');
      const { createAuditService } = await import('./modules/audit/audit.service');
      const auditRepo = await import('./modules/audit/audit.repository');
      const { systemClock: clock } = await import('./platform/clock');
      const audit = createAuditService({ ...auditRepo, clock });
      const seg = createSegmentationDomain({
        db: database.db,
        audit,
        clock,
        timeZone: config.timeZone,
        jobs: null,
      });
      const r = await seg.segmentationRecompute.recomputeAll(tenantId);
      out(
        `segmentation: ${r.patients.toLocaleString('en')} patients graded, ${r.changed.toLocaleString('en')} changed, ` +
          `${r.history.toLocaleString('en')} history rows, ${r.notices} notices, in ${(r.milliseconds / 1000).toFixed(1)} s`,
      );
    }),
  );

async function indexForMatching(config: Config, database: Database, tenantId: string) {
  const { createMpi } = await import('./app');
  const { createAuditService } = await import('./modules/audit/audit.service');
  const auditRepo = await import('./modules/audit/audit.repository');
  const { systemClock } = await import('./platform/clock');
  const { resolveDataKey } = await import('./platform/crypto/data-key');
  const { createPersonalDataCipher } = await import('./platform/crypto/personal-data');
  const cipher = createPersonalDataCipher(resolveDataKey(config));
  const mpiService = createMpi(cipher, systemClock, createAuditService({ ...auditRepo, clock: systemClock }));
  const started = performance.now();
  const patients = await mpiService.indexMissing(database.db, tenantId);
  return { patients, seconds: (performance.now() - started) / 1000 };
}

/** Migrations and first-start accounts, as `serve` would do them; a generated admin password is printed once. */
async function prepareDatabase(config: Config, database: Database): Promise<string> {
  await (await dbModule()).runMigrations(database.pool);
  const boot = await (
    await bootstrapModule()
  ).bootstrapIdentity(database.db, {
    adminPassword: config.adminPassword,
    demo: false,
    demoPassword: config.demoPassword,
  });
  if (boot.generatedAdminPassword) out(`admin password (shown once): ${boot.generatedAdminPassword}`);
  return boot.tenantId;
}

async function run(roles: { http: boolean; worker: boolean }) {
  const config = configOrExit();
  if (roles.worker && !roles.http && !config.databaseUrl) {
    fail(
      '`carebridge worker` on its own needs DATABASE_URL: the embedded database belongs to one process. Use `carebridge all`.',
    );
  }
  try {
    const { startRuntime, stopOnSignals, describeDatabase } = await runtimeModule();
    const runtime = await startRuntime(config, roles, out);
    stopOnSignals(
      () => runtime.stop(),
      (m) => out(m),
    );
    printBanner(config, describeDatabase(config), runtime, roles);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

function printBanner(
  config: Config,
  database: string,
  { url, boot, demoPatientsSeeded }: Pick<Runtime, 'url' | 'boot' | 'demoPatientsSeeded'>,
  roles: { http: boolean; worker: boolean },
) {
  out('');
  out(url ? `CareBridge 康桥 is running at ${url}` : 'CareBridge 康桥 worker is running');
  out(`  database: ${database}`);
  out(`  roles:    ${[roles.http && 'api + console', roles.worker && 'worker'].filter(Boolean).join(', ')}`);
  if (url) out(`  API docs: ${url}/api/docs`);
  if (boot.generatedAdminPassword)
    out(`  admin login: admin / ${boot.generatedAdminPassword}   (generated; shown only this once)`);
  else if (url)
    out(
      `  admin login: admin / ${config.adminPassword ? '(CAREBRIDGE_ADMIN_PASSWORD)' : '(the password printed on first start)'}`,
    );
  if (config.demo && url) {
    out(`  demo logins (password ${config.demoPassword}): ${ROLES.filter((r) => r !== 'admin').join(', ')}`);
    out(
      '  patient records: log in as service_agent, doctor, nurse or health_manager (admin manages accounts only)',
    );
    out(
      '  data in: admin → 数据导入 (CSV/Excel), POST /fhir/R4, POST /api/hl7; possible duplicates: quality_officer → 疑似重复',
    );
  }
  if (demoPatientsSeeded)
    out(`  demo patients: ${demoPatientsSeeded.toLocaleString('en')} generated on this start`);
  out('');
}

async function withDatabase(work: (config: Config, database: Database) => Promise<void>) {
  const config = configOrExit();
  let database: Database | null = null;
  try {
    database = await (await runtimeModule()).openConfiguredDb(config);
    await work(config, database);
  } catch (error) {
    process.exitCode = 1;
    process.stderr.write(`carebridge: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    await database?.close();
  }
}

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

function fail(message: string): never {
  process.stderr.write(`carebridge: ${message}\n`);
  process.exit(1);
}

await program.parseAsync(process.argv);
