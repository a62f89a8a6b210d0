-- certs-query.sql: the awards reached (temp.cert_reached, filled by
-- certs-fill.sql): a release's own and those of its songs (the catalog's
-- tracks, through their song entities), or every award.
--   :release  the release's id, as text; '0' for every award
SELECT date(c.day * 86400, 'unixepoch') AS reached, c.certifier AS certifier,
c.award AS award, c.metric AS metric, c.threshold AS threshold,
c.title AS title, c.artist AS artist, c.total AS total,
c.provider AS counted, c.rule AS rule_since
FROM temp.cert_reached c
WHERE CAST(:release AS INTEGER) = 0 OR c.release_id = CAST(:release AS INTEGER) OR c.subject_id IN (
  SELECT sb.id FROM release_song rs JOIN catalog_song cs
  ON cs.id = rs.catalog_song_id JOIN subject sb ON sb.song_id = cs.song_id
  WHERE rs.release_id = CAST(:release AS INTEGER))
ORDER BY c.day, c.certifier, c.metric, c.threshold, c.title;
