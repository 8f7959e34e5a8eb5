-- Search indexes that answer from the index alone (index-only scans): each covers the active patients
-- (not merged, not erased) and carries the sort key (pinyin) and id, so "first 20 by name among everyone
-- whose initials start with zy" reads index entries, never the 25,000 table rows behind them.
DROP INDEX IF EXISTS "patients_pinyin_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "patients_initials_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "patients_name_suffix_idx";
--> statement-breakpoint
-- Full pinyin prefix and the default list order (pinyin, id) in one: COLLATE "C" serves LIKE 'zhang%' too.
CREATE INDEX IF NOT EXISTS "patients_active_pinyin_idx" ON "patients" USING btree ("tenant_id", ("name_pinyin" COLLATE "C"), "id")
  WHERE "merged_into" IS NULL AND "erased_at" IS NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "patients_active_initials_idx" ON "patients" USING btree ("tenant_id", ("name_initials" COLLATE "C"))
  INCLUDE ("name_pinyin", "id") WHERE "merged_into" IS NULL AND "erased_at" IS NULL;
--> statement-breakpoint
-- Han names under three characters: a prefix (surname + given name) …
CREATE INDEX IF NOT EXISTS "patients_active_name_idx" ON "patients" USING btree ("tenant_id", "name" text_pattern_ops)
  INCLUDE ("name_pinyin", "id") WHERE "merged_into" IS NULL AND "erased_at" IS NULL;
--> statement-breakpoint
-- … or a suffix (the given name alone: 三丰 finds 张三丰), as a prefix of the reversed name.
CREATE INDEX IF NOT EXISTS "patients_active_name_suffix_idx" ON "patients" USING btree ("tenant_id", (reverse("name") COLLATE "C"))
  INCLUDE ("name_pinyin", "id") WHERE "merged_into" IS NULL AND "erased_at" IS NULL;
