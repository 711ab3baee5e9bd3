-- Placeholder: version 0007 belongs to a branch not merged here yet (migrations must be numbered without gaps).
-- Delete this file when that branch's 0007_*.sql arrives.
SELECT 1;
