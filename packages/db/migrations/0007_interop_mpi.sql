CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"status" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone,
	"department_id" uuid,
	"practitioner_id" uuid,
	"reason" text,
	"source_system" text,
	"source_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mpi_match_keys" (
	"tenant_id" uuid NOT NULL,
	"key_hash" bigint NOT NULL,
	"patient_id" uuid NOT NULL,
	CONSTRAINT "mpi_match_keys_tenant_id_key_hash_patient_id_pk" PRIMARY KEY("tenant_id","key_hash","patient_id")
);
--> statement-breakpoint
CREATE TABLE "mpi_merges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"score" real,
	"moves" jsonb NOT NULL,
	"merged_by" uuid,
	"undone_at" timestamp with time zone,
	"undone_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mpi_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"score" real NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_file_chunks" (
	"job_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_bytes" bigint NOT NULL,
	"source_system" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"status" text NOT NULL,
	"rows_total" integer,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"counts" jsonb NOT NULL,
	"error" text,
	"created_by" uuid,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_rejects" (
	"job_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"cells" jsonb NOT NULL,
	"problems" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"sender" text NOT NULL,
	"control_id" text NOT NULL,
	"message_type" text NOT NULL,
	"status" text NOT NULL,
	"ack_code" text NOT NULL,
	"problems" jsonb NOT NULL,
	"raw_cipher" text,
	"counts" jsonb,
	"received_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpi_match_keys" ADD CONSTRAINT "mpi_match_keys_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpi_merges" ADD CONSTRAINT "mpi_merges_survivor_id_patients_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpi_merges" ADD CONSTRAINT "mpi_merges_merged_id_patients_id_fk" FOREIGN KEY ("merged_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpi_reviews" ADD CONSTRAINT "mpi_reviews_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpi_reviews" ADD CONSTRAINT "mpi_reviews_candidate_id_patients_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_file_chunks" ADD CONSTRAINT "import_file_chunks_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rejects" ADD CONSTRAINT "import_rejects_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointments_patient_time_idx" ON "appointments" USING btree ("patient_id","start_at");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_source_uq" ON "appointments" USING btree ("tenant_id","source_system","source_id") WHERE "appointments"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "mpi_match_keys_patient_idx" ON "mpi_match_keys" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "mpi_merges_survivor_idx" ON "mpi_merges" USING btree ("survivor_id");--> statement-breakpoint
CREATE INDEX "mpi_merges_merged_idx" ON "mpi_merges" USING btree ("merged_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mpi_reviews_pair_uq" ON "mpi_reviews" USING btree ("tenant_id","patient_id","candidate_id");--> statement-breakpoint
CREATE INDEX "mpi_reviews_open_idx" ON "mpi_reviews" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "import_file_chunks_uq" ON "import_file_chunks" USING btree ("job_id","seq");--> statement-breakpoint
CREATE INDEX "import_jobs_tenant_time_idx" ON "import_jobs" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "import_rejects_uq" ON "import_rejects" USING btree ("job_id","row_number");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_messages_control_uq" ON "inbound_messages" USING btree ("tenant_id","channel","sender","control_id");--> statement-breakpoint
CREATE INDEX "inbound_messages_status_idx" ON "inbound_messages" USING btree ("tenant_id","status","received_at");