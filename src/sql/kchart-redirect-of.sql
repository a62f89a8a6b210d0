-- kchart-redirect-of.sql: the song an id merged away answers as (no row:
-- the id was not merged away).
--   :song  the id
SELECT to_id FROM song_redirect WHERE from_id = :song;
