import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '@carebridge/db';
import type { Config } from './platform/config';
import type { Clock } from './platform/clock';
import { loggerOptions } from './platform/logging';
import { permissionCatalogue } from './platform/http/permissions';
import { authenticate } from './platform/http/authenticate';
import { installErrorHandling } from './platform/http/error-handler';
import { zodValidatorCompiler } from './platform/http/validation';
import { registerOpenApi } from './platform/http/openapi';
import { registerWebApp, webAppBuilt } from './platform/http/web';
import { registerSecurityHeaders } from './platform/http/security-headers';
import { newId } from '@carebridge/db';
import { createAuditService } from './modules/audit/audit.service';
import * as auditRepo from './modules/audit/audit.repository';
import { auditRoutes } from './modules/audit/audit.routes';
import * as identityRepo from './modules/identity/identity.repository';
import { createSessionService } from './modules/identity/sessions.service';
import { createUsersService } from './modules/identity/users.service';
import { createApiTokensService } from './modules/identity/api-tokens.service';
import { authRoutes } from './modules/identity/auth.routes';
import { usersRoutes } from './modules/identity/users.routes';
import { apiTokensRoutes } from './modules/identity/api-tokens.routes';
import { healthRoutes } from './modules/system/health.routes';
import { jobsRoutes } from './modules/system/jobs.routes';
import type { JobEngine } from './platform/jobs';
import { originOf } from './platform/http/origin';
import { resolveDataKey } from './platform/crypto/data-key';
import { createPersonalDataCipher, type PersonalDataCipher } from './platform/crypto/personal-data';
import * as patientsRepo from './modules/patients/patients.repository';
import * as patientSearchRepo from './modules/patients/patient-search.repository';
import { createPatientsService } from './modules/patients/patients.service';
import { createPatientSearchService } from './modules/patients/patient-search.service';
import { createPatientPrivacyService } from './modules/patients/patient-privacy.service';
import { patientsRoutes } from './modules/patients/patients.routes';
import * as clinicalRepo from './modules/clinical/clinical.repository';
import * as timelineRepo from './modules/clinical/timeline.repository';
import { createClinicalService } from './modules/clinical/clinical.service';
import { clinicalRoutes } from './modules/clinical/clinical.routes';
import * as organisationRepo from './modules/organisation/organisation.repository';
import { createOrganisationService } from './modules/organisation/organisation.service';
import { organisationRoutes } from './modules/organisation/organisation.routes';
import * as patientsImport from './modules/patients/patients.import';
import * as clinicalImport from './modules/clinical/clinical.import';
import * as organisationImport from './modules/organisation/organisation.import';
import * as mpiRepo from './modules/mpi/mpi.repository';
import { createMpiService } from './modules/mpi/mpi.service';
import { createInboundWriter } from './modules/interop/inbound-writer';
import { inBulkLoad } from './modules/interop/bulk-writer';
import { createPreparePool } from './modules/interop/prepare-pool';
import { createMpiReviewService } from './modules/mpi/mpi-review.service';
import { mpiRoutes } from './modules/mpi/mpi.routes';
import { createFhirIngestService } from './modules/fhir/fhir-ingest.service';
import { createFhirReadService } from './modules/fhir/fhir-read.service';
import { fhirRoutes } from './modules/fhir/fhir.routes';
import * as interopRepo from './modules/interop/interop.repository';
import { createHl7Service } from './modules/interop/hl7.service';
import { createHl7InboxService } from './modules/interop/hl7-inbox.service';
import { interopRoutes } from './modules/interop/interop.routes';
import { createImportsService } from './modules/interop/imports.service';
import { importsRoutes } from './modules/interop/imports.routes';
import type { JobServices } from './platform/jobs/registry';
import * as segmentationRepo from './modules/segmentation/segmentation.repository';
import * as recomputeRepo from './modules/segmentation/recompute.repository';
import * as gradeRepo from './modules/segmentation/grade.repository';
import * as segmentationOverviewRepo from './modules/segmentation/overview.repository';
import * as segmentationPreviewRepo from './modules/segmentation/preview.repository';
import {
  RECOMPUTE_JOB,
  createSegmentationService,
  policyIn,
} from './modules/segmentation/segmentation.service';
import { createRecomputeService } from './modules/segmentation/recompute.service';
import { segmentationRoutes } from './modules/segmentation/segmentation.routes';
import * as inboxRepo from './modules/inbox/inbox.repository';
import { createInboxService } from './modules/inbox/inbox.service';
import { inboxRoutes } from './modules/inbox/inbox.routes';
import * as segmentsRepo from './modules/segments/segments.repository';
import { createSegmentsService } from './modules/segments/segments.service';
import { segmentsRoutes } from './modules/segments/segments.routes';

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  tenantId: string;
  audit: ReturnType<typeof createAuditService>;
  sessions: ReturnType<typeof createSessionService>;
  users: ReturnType<typeof createUsersService>;
  apiTokens: ReturnType<typeof createApiTokensService>;
  cipher: PersonalDataCipher;
  patients: ReturnType<typeof createPatientsService>;
  patientSearch: ReturnType<typeof createPatientSearchService>;
  patientPrivacy: ReturnType<typeof createPatientPrivacyService>;
  clinical: ReturnType<typeof createClinicalService>;
  organisation: ReturnType<typeof createOrganisationService>;
  mpi: ReturnType<typeof createMpiService>;
  inbound: ReturnType<typeof createInboundWriter>;
  mpiReview: ReturnType<typeof createMpiReviewService>;
  fhirIngest: ReturnType<typeof createFhirIngestService>;
  fhirRead: ReturnType<typeof createFhirReadService>;
  hl7: ReturnType<typeof createHl7Service>;
  hl7Inbox: ReturnType<typeof createHl7InboxService>;
  imports: ReturnType<typeof createImportsService>;
  segmentation: ReturnType<typeof createSegmentationService>;
  segmentationRecompute: ReturnType<typeof createRecomputeService>;
  inbox: ReturnType<typeof createInboxService>;
  segments: ReturnType<typeof createSegmentsService>;
  /** The job engine, to enqueue work (null when a test builds the app without one). */
  jobs: JobEngine | null;
}

/** Wires services from their narrow dependencies; tests call this with their own database and clock. */
export function createAppDeps(
  config: Config,
  database: Database,
  clock: Clock,
  tenantId: string,
  jobs: JobEngine | null = null,
): AppDeps {
  const db = database.db;
  const audit = createAuditService({ ...auditRepo, clock });
  const users = createUsersService({ db, repo: identityRepo, audit, clock });
  const dataKey = resolveDataKey(config);
  const cipher = createPersonalDataCipher(dataKey);
  return {
    config,
    database,
    clock,
    tenantId,
    jobs,
    audit,
    sessions: createSessionService({
      db,
      repo: identityRepo,
      audit,
      clock,
      session: config.session,
      login: config.login,
      tenantId,
    }),
    users,
    apiTokens: createApiTokensService({ db, repo: identityRepo, audit, clock }),
    ...createPatientDomain({
      database,
      audit,
      clock,
      timeZone: config.timeZone,
      users,
      cipher,
      dataKey,
      jobs,
    }),
    ...createSegmentationDomain({ db, audit, clock, timeZone: config.timeZone, jobs }),
  };
}

/** Tiers, value figures and the staff inbox their changes are announced in. */
export function createSegmentationDomain(d: {
  db: Database['db'];
  audit: ReturnType<typeof createAuditService>;
  clock: Clock;
  timeZone: string;
  jobs: JobEngine | null;
}) {
  const { db, audit, clock, timeZone, jobs } = d;
  const inbox = createInboxService({ db, repo: inboxRepo, clock });
  const policyOf = (tx: Parameters<typeof policyIn>[1], tenantId: string) =>
    policyIn(segmentationRepo, tx, tenantId);
  const segmentationRecompute = createRecomputeService({
    db,
    recompute: recomputeRepo,
    grade: gradeRepo,
    repo: segmentationRepo,
    policyOf,
    notifyTierChanges: inbox.notifyTierChanges,
    clock,
    timeZone,
  });
  const segmentation = createSegmentationService({
    db,
    repo: segmentationRepo,
    overview: segmentationOverviewRepo,
    preview: segmentationPreviewRepo,
    recompute: recomputeRepo,
    grade: gradeRepo,
    audit,
    clock,
    timeZone,
    findPatient: patientsRepo.findPatient,
    staffNames: identityRepo.userDisplayNames,
    enqueueRecompute: jobs
      ? (tenantId, tx) => jobs.enqueue(RECOMPUTE_JOB, { tenantId }, tx ? { tx } : {})
      : null,
  });
  const segments = createSegmentsService({
    db,
    repo: segmentsRepo,
    audit,
    clock,
    timeZone,
    // Urgency and risk levels in filters use the policy in force.
    policyFigures: async (tenantId) => {
      const { policy } = await policyOf(db, tenantId);
      return { scores: policy.scores, windowMonths: policy.windowMonths };
    },
    staffNames: identityRepo.userDisplayNames,
  });
  return { inbox, segmentation, segmentationRecompute, segments };
}

/** What job handlers may use (see platform/jobs JobServices). */
export const jobServices = (deps: AppDeps): Partial<JobServices> => ({
  imports: deps.imports,
  segmentation: {
    recomputeAll: deps.segmentationRecompute.recomputeAll,
    refreshDirty: deps.segmentationRecompute.refreshDirty,
    tenantIds: () => identityRepo.tenantIds(deps.database.db),
  },
});

/** The master patient index over the patients and clinical tables (also used by the CLI and first start). */
export function createMpi(
  cipher: PersonalDataCipher,
  clock: Clock,
  audit: Pick<ReturnType<typeof createAuditService>, 'record'>,
) {
  return createMpiService({
    repo: mpiRepo,
    patients: {
      loadSubjects: patientsImport.loadMatchSubjects,
      // A merge moves the person's phones (patients module) and history (clinical module).
      reassignRows: async (tx, from, to) => ({
        ...(await patientsImport.reassignPatientRows(tx, from, to)),
        ...(await clinicalImport.reassignClinicalRows(tx, from, to)),
      }),
      restoreRows: async (tx, moves, to) => {
        await patientsImport.restorePatientRows(tx, moves, to);
        await clinicalImport.restoreClinicalRows(tx, moves, to);
      },
      setMergedInto: patientsImport.setMergedInto,
    },
    audit,
    cipher,
    clock,
  });
}

/** Patients, their clinical record and the hospital's organisation: one wiring, shared by server and tests. */
function createPatientDomain(d: {
  database: Database;
  audit: ReturnType<typeof createAuditService>;
  clock: Clock;
  timeZone: string;
  users: ReturnType<typeof createUsersService>;
  cipher: PersonalDataCipher;
  /** The personal-data key itself, for the threads that prepare large imports. */
  dataKey: Buffer;
  jobs: JobEngine | null;
}) {
  const { database, audit, clock, timeZone, cipher } = d;
  const db = database.db;
  const clinical = createClinicalService({
    db,
    repo: clinicalRepo,
    timeline: timelineRepo,
    audit,
    clock,
    timeZone,
    findPatient: (tx, tenantId, id) => patientsRepo.findPatient(tx, tenantId, id),
  });
  const mpi = createMpi(cipher, clock, audit);
  const inbound = createInboundWriter({
    patients: patientsImport,
    upsertConsents: patientsRepo.upsertConsents,
    clinical: clinicalImport,
    org: organisationImport,
    mpi,
    lockMatching: mpiRepo.lockMatching,
    markValueDirty: segmentationRepo.markDirty,
    cipher,
    clock,
  });
  const mpiReview = createMpiReviewService({
    db,
    repo: mpiRepo,
    mpi,
    describe: async (tx, ids) => {
      const sides = await patientsImport.describeForReview(tx, ids);
      const visits = await clinicalImport.visitCounts(tx, ids);
      return new Map([...sides].map(([id, s]) => [id, { ...s, visits: visits.get(id) ?? 0 }]));
    },
    audit,
    clock,
  });
  const patients = createPatientsService({
    db,
    repo: patientsRepo,
    audit,
    staff: d.users,
    cipher,
    clock,
    timeZone,
    matching: mpi,
  });
  const patientSearch = createPatientSearchService({
    db,
    repo: patientSearchRepo,
    audit,
    cipher,
    clock,
    timeZone,
  });
  const hl7 = createHl7Service({ db, repo: interopRepo, inbound, audit, cipher, clock, timeZone });
  return {
    imports: createImportsService({
      db,
      repo: interopRepo,
      inbound,
      preparePool: () => createPreparePool(d.dataKey),
      bulkLoad: (work) =>
        inBulkLoad(
          {
            database,
            patients: patientsImport,
            mpi,
            inbound,
            lockMatching: mpiRepo.lockMatching,
            hasMatchKeys: mpiRepo.hasMatchKeys,
            analyzeMatching: mpiRepo.analyzeMatching,
            clock,
          },
          work,
        ),
      audit,
      jobs: d.jobs,
      clock,
      timeZone,
    }),
    hl7,
    hl7Inbox: createHl7InboxService({ db, repo: interopRepo, hl7, audit, cipher }),
    mpi,
    inbound,
    mpiReview,
    fhirIngest: createFhirIngestService({ db, inbound, audit }),
    fhirRead: createFhirReadService({ db, patients, search: patientSearch, clinical, audit }),
    cipher,
    clinical,
    patients,
    patientSearch,
    patientPrivacy: createPatientPrivacyService({ db, repo: patientsRepo, clinical, audit, cipher, clock }),
    organisation: createOrganisationService({ db, repo: organisationRepo, audit, clock }),
  };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export async function buildApp(
  deps: AppDeps,
  options: { logger?: boolean; serveWeb?: boolean; logStream?: NodeJS.WritableStream } = {},
): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            ...(loggerOptions(config.logLevel) as object),
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // Accept a caller's request id (a HIS gateway's trace id) or make one; echoed in x-request-id.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : newId();
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // On shutdown, responses still in flight close their keep-alive connection, or the server would wait
  // for clients to hang up before it could exit.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
    if (closing) void reply.header('connection', 'close');
  });

  const serveWeb = options.serveWeb !== false && webAppBuilt();
  await app.register(permissionCatalogue);
  installErrorHandling(app, { spaFallback: serveWeb });
  registerSecurityHeaders(app, { hsts: config.session.cookieSecure });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(authenticate, {
    auth: deps.sessions,
    config,
    denial: {
      recordDenied: (actor, req) =>
        deps.audit.record(
          deps.database.db,
          { tenantId: actor.tenantId, actor, origin: originOf(req) },
          {
            action: 'access.denied',
            outcome: 'denied',
            detail: `${req.method} ${req.routeOptions.url ?? ''}`,
          },
        ),
    },
  });
  await registerOpenApi(app);

  for (const routes of [
    healthRoutes,
    authRoutes,
    usersRoutes,
    apiTokensRoutes,
    auditRoutes,
    jobsRoutes,
    patientsRoutes,
    clinicalRoutes,
    organisationRoutes,
    mpiRoutes,
    fhirRoutes,
    interopRoutes,
    importsRoutes,
    segmentationRoutes,
    inboxRoutes,
    segmentsRoutes,
  ]) {
    await app.register(routes, { deps });
  }
  if (serveWeb) await registerWebApp(app);
  return app;
}
