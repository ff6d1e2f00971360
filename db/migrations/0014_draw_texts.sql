-- 0014: a draw's two large texts each in a table of its own (issue 19).
-- Shipped migrations are never edited; add a new file instead. (0013 is penalties and
-- complaints, on another branch.)
--
-- The snapshot (~110 bytes a candidate, 10.7 MB at 100,000 enterprises) and the certificate
-- (~220 bytes a candidate) were columns of the draws row. SQLite writes a row whole: every
-- change of a draw's status, room, decision or release rewrote both texts into the WAL and the
-- checkpoint copied them again; the reveal wrote 32 MB for a 21 MB certificate. Now each text
-- is written once, when it comes into being (and the certificate again only when its
-- sign-offs change); the draws row keeps the small columns. The texts are moved as stored,
-- byte for byte: a certificate is published as issued.
CREATE TABLE draw_snapshots (
    draw_id  INTEGER PRIMARY KEY REFERENCES draws(id),
    snapshot TEXT    NOT NULL
);
CREATE TABLE draw_certificates (
    draw_id     INTEGER PRIMARY KEY REFERENCES draws(id),
    certificate TEXT    NOT NULL
);
INSERT INTO draw_snapshots (draw_id, snapshot) SELECT id, snapshot FROM draws;
INSERT INTO draw_certificates (draw_id, certificate)
    SELECT id, certificate FROM draws WHERE certificate IS NOT NULL;
ALTER TABLE draws DROP COLUMN snapshot;
ALTER TABLE draws DROP COLUMN certificate;
