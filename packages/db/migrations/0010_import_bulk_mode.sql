-- A patient import can run as one bulk load (search indexes set aside and rebuilt, matching in one pass):
-- for a go-live load of the register. 'incremental' is the ordinary batch-by-batch import.
ALTER TABLE import_jobs ADD COLUMN IF NOT EXISTS mode text NOT NULL DEFAULT 'incremental';
