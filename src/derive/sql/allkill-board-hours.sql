-- allkill-board-hours.sql: the All-Kill leaderboard (kchart allkill), by
-- kind, from the tally (temp.allkill_tally): the songs that made one, by
-- hours (then the first hour), with their runs and how long after their
-- release the first came. The same as allkill-board-first.sql but for the
-- order (sql_files checks it).
--   :limit  the rows listed, at most
--   :year   the year (YYYY), or 0: every year
--   :kind   one kind, or NULL: every kind
SELECT row_number() OVER (PARTITION BY r.kind ORDER BY r.hours DESC,
 r.first, r.song_id) AS pos,
-- begin shared: allkill-board
 r.kind AS kind, r.song_id AS song_id, s.title AS title, s.artist AS artist,
 r.hours AS hours, r.first AS first, r.longest AS longest,
 r.longest_from AS longest_from, r.last AS last, r.missing AS missing,
-- Days and hours from the release to the first All-Kill hour: days between
-- the release's date and the first hour's date, each in its own zone (the
-- catalog's, the charts'); hours only when the release has a time and is in
-- the charts' zone, so that the two clocks are one. The release is the
-- song's earliest in the catalog (docs/catalog.md): its date and, when
-- written with a time, its local time, as released holds them
-- ("2023-09-08" or "2023-09-08T13:00+09:00"), in its zone.
 (SELECT CAST(julianday(substr(r.first, 1, 10))
  - julianday(substr(rl.released, 1, 10)) AS INTEGER)
 FROM catalog_song cs JOIN release_song rs ON rs.catalog_song_id = cs.id
 JOIN release rl ON rl.id = rs.release_id WHERE cs.song_id = r.song_id
 ORDER BY rl.released_utc LIMIT 1 ) AS days_from_release,
 (SELECT CASE WHEN length(rl.released) >= 16 AND rl.time_zone = r.zone THEN
  CAST(round((julianday(substr(r.first, 1, 10) || ' ' || substr(r.first, 12, 2)
  || ':00') - julianday(substr(rl.released, 1, 10) || ' '
  || substr(rl.released, 12, 5))) * 24) AS INTEGER) END
 FROM catalog_song cs JOIN release_song rs ON rs.catalog_song_id = cs.id
 JOIN release rl ON rl.id = rs.release_id WHERE cs.song_id = r.song_id
 ORDER BY rl.released_utc LIMIT 1 ) AS hours_from_release
 FROM temp.allkill_tally r JOIN song s ON s.id = r.song_id
 WHERE r.year = :year AND (:kind IS NULL OR r.kind = :kind) AND r.hours > 0
 ORDER BY r.kind, pos LIMIT :limit;
-- end shared: allkill-board
