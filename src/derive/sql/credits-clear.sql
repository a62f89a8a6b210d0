-- credits-clear.sql: every entity's credited artists, forgotten before all
-- are derived again (rebuild, a catalog import).
DELETE FROM song_artist;
