-- allkill-song-rows.sql: every kind for every song of temp.allkill_songs
-- (kchart allkill QUERY, a song's page), hours 0 where it made none, with
-- its runs and how long after its release its first All-Kill came, as
-- allkill-board-hours.sql says them.
--   :limit  the rows listed, at most
--   :kind   one kind, or NULL: every kind
--   :made   not NULL: only the kinds where the song made one or lost hours
--           to a missing chart
SELECT k.kind AS kind, x.song_id AS song_id, s.title AS title,
 s.artist AS artist, coalesce(r.hours, 0) AS hours, r.first AS first,
 coalesce(r.longest, 0) AS longest, r.longest_from AS longest_from,
 r.last AS last, r.missing AS missing,
 (SELECT CAST(julianday(substr(r.first, 1, 10))
  - julianday(substr(rl.released, 1, 10)) AS INTEGER)
 FROM catalog_song cs JOIN release_song rs ON rs.catalog_song_id = cs.id
 JOIN release rl ON rl.id = rs.release_id WHERE cs.song_id = x.song_id
 ORDER BY rl.released_utc LIMIT 1 ) AS days_from_release,
 (SELECT CASE WHEN length(rl.released) >= 16 AND rl.time_zone = r.zone THEN
  CAST(round((julianday(substr(r.first, 1, 10) || ' ' || substr(r.first, 12, 2)
  || ':00') - julianday(substr(rl.released, 1, 10) || ' '
  || substr(rl.released, 12, 5))) * 24) AS INTEGER) END
 FROM catalog_song cs JOIN release_song rs ON rs.catalog_song_id = cs.id
 JOIN release rl ON rl.id = rs.release_id WHERE cs.song_id = x.song_id
 ORDER BY rl.released_utc LIMIT 1 ) AS hours_from_release
 FROM temp.allkill_songs x JOIN song s ON s.id = x.song_id
 JOIN (SELECT DISTINCT kind FROM allkill_rule
  WHERE :kind IS NULL OR kind = :kind) k
 LEFT JOIN temp.allkill_result r ON r.song_id = x.song_id
 AND r.kind = k.kind
 WHERE :made IS NULL OR r.hours > 0 OR r.missing IS NOT NULL
 ORDER BY x.song_id, k.kind LIMIT :limit;
