-- Results worth sharing. A delivered result stays on disk for RESULT_KEEP seconds (its "Before / after" and "Full
-- quality" buttons read it): `result_path` is kept after delivery and `kept_until` says until when; the sweeper
-- deletes the file after that and clears both.
ALTER TABLE jobs ADD COLUMN kept_until REAL;
CREATE INDEX jobs_kept_results ON jobs (kept_until) WHERE kept_until IS NOT NULL;
-- What a charged job was charged, when only part of its reservation (an "every age" job whose vendor calls
-- partly failed: the rest was released). NULL: the whole cost.
ALTER TABLE jobs ADD COLUMN charged INTEGER;
