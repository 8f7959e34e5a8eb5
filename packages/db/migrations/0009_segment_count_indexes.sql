-- Segment counts over a million patients (issue 5). Both answer from the index alone, so a filter never
-- visits the wide patients or consents rows of people it will not count.
--
-- Age among the people a segment may contain (not merged, not anonymised, alive): one range scan of
-- birth dates yields the ids to join, instead of a scan of the whole patients table.
CREATE INDEX IF NOT EXISTS "patients_active_birth_date_idx" ON "patients" USING btree ("tenant_id", "birth_date")
  INCLUDE ("id") WHERE "merged_into" IS NULL AND "erased_at" IS NULL AND NOT "deceased";
--> statement-breakpoint
-- "Has granted purpose X": the granted consents of one purpose, with the patient, in one narrow index.
CREATE INDEX IF NOT EXISTS "patient_consents_granted_idx" ON "patient_consents" USING btree ("tenant_id", "purpose", "patient_id")
  INCLUDE ("channel") WHERE "granted";
