CREATE TABLE "patient_tier_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"from_value" text,
	"to_value" text,
	"rule" text NOT NULL,
	"policy_version" integer NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patient_values" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"policy_version" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"tier" text NOT NULL,
	"tier_rule" text NOT NULL,
	"level" text NOT NULL,
	"level_rule" text NOT NULL,
	"visits_window" integer NOT NULL,
	"visits_recent" integer NOT NULL,
	"visits_total" integer NOT NULL,
	"revenue_window_fen" bigint NOT NULL,
	"revenue_rank_share" real NOT NULL,
	"first_visit_at" timestamp with time zone,
	"last_visit_at" timestamp with time zone,
	"usual_interval_days" real,
	"rfm_r" smallint NOT NULL,
	"rfm_f" smallint NOT NULL,
	"rfm_m" smallint NOT NULL,
	"clv_fen" bigint NOT NULL,
	"churn" text NOT NULL,
	"expected_by" date,
	"urgency" smallint NOT NULL,
	"risk" smallint NOT NULL,
	"chronic_conditions" smallint NOT NULL,
	"critical_results" smallint NOT NULL,
	"abnormal_results" smallint NOT NULL,
	"no_shows" smallint NOT NULL,
	"max_checkup_fen" bigint NOT NULL,
	"chronic_codes" text[] NOT NULL,
	"tags" text[] NOT NULL,
	"vip" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segment_members" (
	"segment_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	CONSTRAINT "segment_members_segment_id_patient_id_pk" PRIMARY KEY("segment_id","patient_id")
);
--> statement-breakpoint
CREATE TABLE "segmentation_dirty" (
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	CONSTRAINT "segmentation_dirty_tenant_id_patient_id_pk" PRIMARY KEY("tenant_id","patient_id")
);
--> statement-breakpoint
CREATE TABLE "segmentation_policies" (
	"tenant_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"policy" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segmentation_policies_tenant_id_version_pk" PRIMARY KEY("tenant_id","version")
);
--> statement-breakpoint
CREATE TABLE "segmentation_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"policy_version" integer NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"cutoffs" jsonb NOT NULL,
	"patients" integer NOT NULL,
	"changed" integer NOT NULL,
	"milliseconds" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"filter" jsonb NOT NULL,
	"member_count" integer DEFAULT 0 NOT NULL,
	"frozen_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"patient_id" uuid,
	"params" jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "patient_tier_history" ADD CONSTRAINT "patient_tier_history_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_members" ADD CONSTRAINT "segment_members_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_members" ADD CONSTRAINT "segment_members_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_notifications" ADD CONSTRAINT "staff_notifications_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patient_tier_history_patient_idx" ON "patient_tier_history" USING btree ("patient_id","changed_at");--> statement-breakpoint
CREATE INDEX "patient_tier_history_tenant_time_idx" ON "patient_tier_history" USING btree ("tenant_id","changed_at");--> statement-breakpoint
CREATE INDEX "patient_values_tenant_tier_idx" ON "patient_values" USING btree ("tenant_id","tier","level");--> statement-breakpoint
CREATE INDEX "patient_values_tenant_revenue_idx" ON "patient_values" USING btree ("tenant_id","revenue_window_fen");--> statement-breakpoint
CREATE INDEX "segmentation_runs_tenant_time_idx" ON "segmentation_runs" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "segments_tenant_idx" ON "segments" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_notifications_dedupe_uq" ON "staff_notifications" USING btree ("tenant_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "staff_notifications_user_idx" ON "staff_notifications" USING btree ("user_id","created_at");--> statement-breakpoint
-- Segment filters over visits in a period, by department or of any department: index-only scans that carry
-- the patient (the schema builder cannot express INCLUDE).
CREATE INDEX IF NOT EXISTS "encounters_tenant_department_time_idx" ON "encounters" USING btree ("tenant_id", "department_id", "start_at") INCLUDE ("patient_id", "kind", "status");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "encounters_tenant_time_idx" ON "encounters" USING btree ("tenant_id", "start_at") INCLUDE ("patient_id", "kind", "status");
--> statement-breakpoint
-- Segment filters over diagnoses by ICD-10 prefix (chronic or not).
CREATE INDEX IF NOT EXISTS "diagnoses_tenant_code_idx" ON "diagnoses" USING btree ("tenant_id", "icd10_code" text_pattern_ops) INCLUDE ("patient_id", "diagnosed_at");
--> statement-breakpoint
-- Segment filters over spending in a period.
CREATE INDEX IF NOT EXISTS "charges_tenant_time_idx" ON "charges" USING btree ("tenant_id", "charged_at") INCLUDE ("patient_id", "amount_fen", "category");
--> statement-breakpoint
-- Need urgency counts recent abnormal results: a partial index holds only those (a small share of all results).
CREATE INDEX IF NOT EXISTS "results_abnormal_time_idx" ON "results" USING btree ("tenant_id", "released_at") INCLUDE ("patient_id", "abnormal_flag") WHERE "abnormal_flag" IS NOT NULL AND "abnormal_flag" <> 'N';
--> statement-breakpoint
-- Time-ordered ids (UUIDv7, RFC 9562) for rows written by set-based SQL (tier history, notices), like the
-- application's own ids: 48 bits of milliseconds, version and variant bits, the rest random.
CREATE OR REPLACE FUNCTION "uuid_v7"() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;
