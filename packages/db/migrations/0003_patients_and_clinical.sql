CREATE TABLE "patient_consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"channel" text NOT NULL,
	"granted" boolean NOT NULL,
	"granted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patient_contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"name" text NOT NULL,
	"phone_cipher" text,
	"phone_hash" text,
	"phone_masked" text,
	"emergency" boolean DEFAULT false NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patient_identifiers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"system" text NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patient_phones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"cipher" text NOT NULL,
	"hash" text NOT NULL,
	"last4" text NOT NULL,
	"masked" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date,
	"id_card_cipher" text,
	"id_card_hash" text,
	"id_card_masked" text,
	"email" text,
	"province" text,
	"city" text,
	"district" text,
	"address_detail" text,
	"native_place" text,
	"education" text,
	"marital_status" text,
	"occupation" text,
	"position" text,
	"employer" text,
	"economic_status" text,
	"hobbies" text,
	"personality_notes" text,
	"consumption_habits" text,
	"preferred_channel" text,
	"preferred_language" text,
	"special_days" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"vip" boolean DEFAULT false NOT NULL,
	"health_manager_id" uuid,
	"deceased" boolean DEFAULT false NOT NULL,
	"deceased_at" date,
	"merged_into" uuid,
	"erased_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allergies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"substance" text NOT NULL,
	"reaction" text,
	"severity" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"source_system" text,
	"source_id" text
);
--> statement-breakpoint
CREATE TABLE "charges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"encounter_id" uuid,
	"category" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"payment_method" text,
	"payer" text,
	"insurer" text,
	"charged_at" timestamp with time zone NOT NULL,
	"source_system" text,
	"source_id" text
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"kind" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"source_system" text,
	"source_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "diagnoses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"encounter_id" uuid,
	"icd10_code" text NOT NULL,
	"name" text NOT NULL,
	"chronic" boolean DEFAULT false NOT NULL,
	"diagnosed_at" timestamp with time zone NOT NULL,
	"source_system" text,
	"source_id" text
);
--> statement-breakpoint
CREATE TABLE "encounters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"department_id" uuid,
	"practitioner_id" uuid,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone,
	"registration_channel" text,
	"waiting_minutes" integer,
	"status" text NOT NULL,
	"source_system" text,
	"source_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "family_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"condition" text NOT NULL,
	"icd10_code" text,
	"note" text,
	"source_system" text,
	"source_id" text
);
--> statement-breakpoint
CREATE TABLE "medications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"encounter_id" uuid,
	"drug_code" text,
	"drug_name" text NOT NULL,
	"dose" text,
	"frequency" text,
	"route" text,
	"prescribed_at" timestamp with time zone NOT NULL,
	"start_date" date,
	"end_date" date,
	"chronic" boolean DEFAULT false NOT NULL,
	"source_system" text,
	"source_id" text
);
--> statement-breakpoint
CREATE TABLE "practitioners" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"title" text NOT NULL,
	"department_id" uuid,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"clinic_hours" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"source_system" text,
	"source_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"encounter_id" uuid,
	"code" text,
	"name" text NOT NULL,
	"performed_at" timestamp with time zone NOT NULL,
	"source_system" text,
	"source_id" text
);
--> statement-breakpoint
CREATE TABLE "results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"encounter_id" uuid,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"value_numeric" numeric,
	"value_text" text,
	"unit" text,
	"reference_low" numeric,
	"reference_high" numeric,
	"reference_text" text,
	"abnormal_flag" text,
	"conclusion" text,
	"released_at" timestamp with time zone NOT NULL,
	"source_system" text,
	"source_id" text
);
--> statement-breakpoint
ALTER TABLE "patient_consents" ADD CONSTRAINT "patient_consents_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_contacts" ADD CONSTRAINT "patient_contacts_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_identifiers" ADD CONSTRAINT "patient_identifiers_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_phones" ADD CONSTRAINT "patient_phones_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allergies" ADD CONSTRAINT "allergies_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_encounter_id_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."encounters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_parent_id_departments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_encounter_id_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."encounters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_history" ADD CONSTRAINT "family_history_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medications" ADD CONSTRAINT "medications_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medications" ADD CONSTRAINT "medications_encounter_id_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."encounters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practitioners" ADD CONSTRAINT "practitioners_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_encounter_id_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."encounters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_encounter_id_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."encounters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "patient_consents_uq" ON "patient_consents" USING btree ("patient_id","purpose","channel");--> statement-breakpoint
CREATE INDEX "patient_contacts_patient_idx" ON "patient_contacts" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "patient_identifiers_system_value_uq" ON "patient_identifiers" USING btree ("tenant_id","system","value");--> statement-breakpoint
CREATE INDEX "patient_identifiers_value_idx" ON "patient_identifiers" USING btree ("tenant_id","value");--> statement-breakpoint
CREATE INDEX "patient_identifiers_patient_idx" ON "patient_identifiers" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "patient_phones_patient_idx" ON "patient_phones" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "patient_phones_hash_idx" ON "patient_phones" USING btree ("tenant_id","hash");--> statement-breakpoint
CREATE INDEX "patient_phones_last4_idx" ON "patient_phones" USING btree ("tenant_id","last4");--> statement-breakpoint
CREATE INDEX "patients_name_prefix_idx" ON "patients" USING btree ("tenant_id","name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_name_trgm_idx" ON "patients" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "patients_id_card_hash_idx" ON "patients" USING btree ("tenant_id","id_card_hash");--> statement-breakpoint
CREATE INDEX "patients_tags_idx" ON "patients" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "patients_health_manager_idx" ON "patients" USING btree ("tenant_id","health_manager_id");--> statement-breakpoint
CREATE INDEX "patients_birth_date_idx" ON "patients" USING btree ("tenant_id","birth_date");--> statement-breakpoint
CREATE INDEX "allergies_patient_idx" ON "allergies" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "allergies_source_uq" ON "allergies" USING btree ("tenant_id","source_system","source_id") WHERE "allergies"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "charges_patient_time_idx" ON "charges" USING btree ("patient_id","charged_at");--> statement-breakpoint
CREATE UNIQUE INDEX "charges_source_uq" ON "charges" USING btree ("tenant_id","source_system","source_id") WHERE "charges"."source_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "departments_code_uq" ON "departments" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "departments_source_uq" ON "departments" USING btree ("tenant_id","source_system","source_id") WHERE "departments"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "diagnoses_patient_time_idx" ON "diagnoses" USING btree ("patient_id","diagnosed_at");--> statement-breakpoint
CREATE INDEX "diagnoses_chronic_code_idx" ON "diagnoses" USING btree ("tenant_id","icd10_code" text_pattern_ops,"patient_id") WHERE "diagnoses"."chronic";--> statement-breakpoint
CREATE UNIQUE INDEX "diagnoses_source_uq" ON "diagnoses" USING btree ("tenant_id","source_system","source_id") WHERE "diagnoses"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "encounters_patient_time_idx" ON "encounters" USING btree ("patient_id","start_at");--> statement-breakpoint
CREATE INDEX "encounters_department_patient_idx" ON "encounters" USING btree ("department_id","patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "encounters_source_uq" ON "encounters" USING btree ("tenant_id","source_system","source_id") WHERE "encounters"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "family_history_patient_idx" ON "family_history" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "family_history_source_uq" ON "family_history" USING btree ("tenant_id","source_system","source_id") WHERE "family_history"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "medications_patient_time_idx" ON "medications" USING btree ("patient_id","prescribed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "medications_source_uq" ON "medications" USING btree ("tenant_id","source_system","source_id") WHERE "medications"."source_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "practitioners_code_uq" ON "practitioners" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "practitioners_department_idx" ON "practitioners" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "practitioners_source_uq" ON "practitioners" USING btree ("tenant_id","source_system","source_id") WHERE "practitioners"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "procedures_patient_time_idx" ON "procedures" USING btree ("patient_id","performed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "procedures_source_uq" ON "procedures" USING btree ("tenant_id","source_system","source_id") WHERE "procedures"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "results_patient_time_idx" ON "results" USING btree ("patient_id","released_at");--> statement-breakpoint
CREATE INDEX "results_patient_code_idx" ON "results" USING btree ("patient_id","code","released_at");--> statement-breakpoint
CREATE UNIQUE INDEX "results_source_uq" ON "results" USING btree ("tenant_id","source_system","source_id") WHERE "results"."source_id" is not null;