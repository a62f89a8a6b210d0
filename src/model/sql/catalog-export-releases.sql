-- catalog-export-releases.sql: every release, by when it came out, for the
-- export: its id (for its tracks), then the columns written as they are
-- named (artist: the artist's name).
SELECT r.id, r.key, r.title, r.kind, a.name AS artist, r.released, r.time_zone
 FROM release r LEFT JOIN artist a ON a.id = r.artist_id
 ORDER BY r.released_utc, r.key;
