-- 0002: per-user interface preferences (language, ASCII borders).
ALTER TABLE users ADD COLUMN lang TEXT;
ALTER TABLE users ADD COLUMN ascii INTEGER NOT NULL DEFAULT 0;
