-- When an album was acted on. The bot collects an album's photos for a moment before acting; an album a crash
-- caught in that moment has no mark, and the next start-up acts on it.
ALTER TABLE requests ADD COLUMN album_handled_at REAL;
UPDATE requests SET album_handled_at = created_at WHERE media_group_id IS NOT NULL;
