-- Which vendor failed a job, and with what code (the vendor's own code, an HTTP status, or ours such as
-- connect_failed): the dashboard charts vendor errors by code over time. With a fallback the failing vendor
-- may not be the job's first choice, hence its own column. Earlier failures keep their category as the code.
ALTER TABLE jobs ADD COLUMN error_vendor TEXT;
ALTER TABLE jobs ADD COLUMN error_code TEXT;
UPDATE jobs SET error_vendor = vendor, error_code = outcome
    WHERE status = 'failed' AND vendor IS NOT NULL
      AND outcome IN ('unusable_photo', 'operator', 'rate_limited', 'transient', 'timeout');
CREATE INDEX jobs_vendor_errors ON jobs (created_at) WHERE error_code IS NOT NULL;
