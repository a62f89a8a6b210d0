-- series-subjects.sql: every subject with its kind, song and artist (0
-- when none), to find the entities whose totals changed.
SELECT id, kind, coalesce(song_id, 0),
 coalesce(artist_id, 0) FROM subject ORDER BY id;
