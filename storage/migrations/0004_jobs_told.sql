-- When the person was told that their job failed or was interrupted. A failed job not yet told (a crash
-- between settling it and telling) is told at the next start-up, so nobody is left in silence.
ALTER TABLE jobs ADD COLUMN told_at REAL;
UPDATE jobs SET told_at = updated_at WHERE status IN ('failed', 'interrupted');
CREATE INDEX jobs_untold ON jobs (status) WHERE told_at IS NULL;
