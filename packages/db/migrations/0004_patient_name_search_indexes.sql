-- Name search indexes the schema builder cannot express.
-- Pinyin and initials are ASCII: with COLLATE "C" one btree serves both `LIKE 'zhang%'` (prefix search)
-- and `ORDER BY name_pinyin, id` (the default list order, walked by keyset paging without a sort).
CREATE INDEX IF NOT EXISTS "patients_pinyin_idx" ON "patients" USING btree ("tenant_id", ("name_pinyin" COLLATE "C"), "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "patients_initials_idx" ON "patients" USING btree ("tenant_id", ("name_initials" COLLATE "C"));
--> statement-breakpoint
-- Search by given name: a two-character query such as 三丰 must find 张三丰, and a substring that short
-- cannot use a trigram index. A prefix index over the reversed name turns "ends with 三丰" into a
-- prefix scan (reverse(name) LIKE '丰三%').
CREATE INDEX IF NOT EXISTS "patients_name_suffix_idx" ON "patients" USING btree ("tenant_id", (reverse("name") COLLATE "C"));
