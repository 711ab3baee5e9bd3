-- The faces found in each photo (bot.faces.PhotoFaces as JSON: the usable ones, largest first), looked for once.
CREATE TABLE request_faces (
    request_id TEXT PRIMARY KEY REFERENCES requests(id) ON DELETE CASCADE,
    faces TEXT NOT NULL
);

-- A question about faces waiting for its answer: which face (the picker), or "try anyway" (no face found). The
-- buttons carry only the id; the job it leads to (operation, parameters, key, the swap's face photo) is kept here,
-- so the question survives a restart. `stage` says which photo the question is about (target, or a swap's source).
CREATE TABLE face_questions (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    face_request_id TEXT REFERENCES requests(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    operation TEXT NOT NULL,
    params TEXT NOT NULL,
    key TEXT NOT NULL,
    stage TEXT NOT NULL,
    created_at REAL NOT NULL
);
