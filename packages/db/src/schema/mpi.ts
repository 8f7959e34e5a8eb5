import {
  bigint,
  index,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from './columns';
import { patients } from './patients';

/**
 * Blocking keys of every active patient, so a registration is compared only with the few people who share
 * a key (same ID number, same phone, same birth date and initials …). Keys are derived from personal data,
 * so only their keyed hash (HMAC, like the blind indexes) is stored.
 */
export const mpiMatchKeys = pgTable(
  'mpi_match_keys',
  {
    tenantId: tenantId(),
    /**
     * The first 6 bytes of the key's HMAC as a number: a narrow, collation-free index, exact in JavaScript.
     * (Two keys sharing 48 bits only make an extra candidate, which scoring then turns away.)
     */
    keyHash: bigint('key_hash', { mode: 'number' }).notNull(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.keyHash, t.patientId] }),
    index('mpi_match_keys_patient_idx').on(t.patientId),
  ],
);

export interface MatchFieldEvidence {
  field: string;
  level: string;
  weight: number;
}

/** Two records that may be one person, scored between the thresholds: staff decide. */
export const mpiReviews = pgTable(
  'mpi_reviews',
  {
    id: id(),
    tenantId: tenantId(),
    /** The record that arrived (registration or import). */
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** The existing record it resembles. */
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => patients.id),
    score: real('score').notNull(),
    evidence: jsonb('evidence').$type<MatchFieldEvidence[]>().notNull(),
    /** 'open' | 'merged' | 'distinct' */
    status: text('status').notNull().default('open'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('mpi_reviews_pair_uq').on(t.tenantId, t.patientId, t.candidateId),
    index('mpi_reviews_open_idx').on(t.tenantId, t.status, t.createdAt),
  ],
);

/** What a merge moved, row by row, so it can be undone exactly. */
export interface MergeMoves {
  /** table name → ids of the rows whose patient_id was changed from the merged record to the survivor. */
  [table: string]: string[];
}

/** One merge of a record into another person: automatic, decided in review, from HL7 A40, or by staff. */
export const mpiMerges = pgTable(
  'mpi_merges',
  {
    id: id(),
    tenantId: tenantId(),
    survivorId: uuid('survivor_id')
      .notNull()
      .references(() => patients.id),
    mergedId: uuid('merged_id')
      .notNull()
      .references(() => patients.id),
    /** 'auto' | 'review' | 'hl7_a40' | 'manual' */
    reason: text('reason').notNull(),
    score: real('score'),
    moves: jsonb('moves').$type<MergeMoves>().notNull(),
    mergedBy: uuid('merged_by'),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoneBy: uuid('undone_by'),
    createdAt: createdAt(),
  },
  (t) => [index('mpi_merges_survivor_idx').on(t.survivorId), index('mpi_merges_merged_idx').on(t.mergedId)],
);
