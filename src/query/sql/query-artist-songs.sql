-- query-artist-songs.sql: the entities credited to an artist, one row
-- each (the dashboard's list): its charts, best peak, periods on every
-- chart together and debut, by debut; a page at a time. The debut is the
-- one of the chart it first appeared on (run_debut, migrate-012.sql: the
-- debut period that came out first, a year-end chart only when it has no
-- other), "before D" when that run debuted before its first stored period
-- D, as query-song-runs.sql says it. Each song's first run is looked up
-- once (g: its chart, then the instant, in one text), for every song of
-- the artist, since the page is cut in that order; g is materialized, so
-- that the lookup is not made again where its parts are read. run_debut
-- works out an instant for each run it reads (about 1 us), and the
-- largest artists have over a thousand runs: so it reads only each song's
-- first run among the charts of one cadence and publishing hour (m), the
-- least debut period and then chart id. Within those charts a run that
-- debuted on an earlier period came out earlier (the same hours added to
-- periods written alike), and the same period came out at the same
-- instant, with the same fineness, so that the chart id decides: the run
-- run_debut puts first of all is among them. A period holds no space.
--   :artist  the artist's id
--   :limit   rows (-1: all)
--   :offset  rows skipped
WITH g AS MATERIALIZED (SELECT s.id AS id, s.title AS title, s.artist AS artist,
  sa.role AS role, s.kind AS kind, count(r.chart_id) AS charts,
  min(r.peak) AS best_peak, sum(r.periods) AS periods,
  (SELECT d.chart_id || ' ' || coalesce(d.yearly || ' ' || d.out, '')
   FROM (SELECT min(x.debut_period || ' ' || x.chart_id) AS k FROM run x
    JOIN chart c ON c.id = x.chart_id WHERE x.song_id = s.id
    GROUP BY c.cadence, c.published) m
   JOIN run_debut d ON d.song_id = s.id
    AND d.chart_id = substr(m.k, instr(m.k, ' ') + 1)
   ORDER BY d.yearly, d.out, d.fineness, d.chart_id LIMIT 1) AS first
  FROM song_artist sa JOIN song s ON s.id = sa.song_id
  LEFT JOIN run r ON r.song_id = s.id WHERE sa.artist_id = :artist
  GROUP BY s.id),
 p AS (SELECT id, title, artist, role, kind, charts, best_peak, periods,
  substr(first, 1, instr(first, ' ') - 1) AS first_chart,
  nullif(substr(first, instr(first, ' ') + 1), '') AS first_out FROM g
  ORDER BY first_out, id LIMIT :limit OFFSET :offset)
SELECT p.id AS id, p.title AS title, p.artist AS artist, p.role AS role,
 p.kind AS kind, p.charts AS charts, p.best_peak AS best_peak,
 p.periods AS periods, (SELECT CASE WHEN EXISTS (SELECT 1
  FROM snapshot ds JOIN entry de ON de.snapshot_id = ds.id
  WHERE ds.chart_id = f.chart_id AND ds.period = f.debut_period
  AND de.rank = f.debut_rank AND de.song_id = f.song_id AND de.periods > 1) THEN 'before ' ELSE '' END
  || f.debut_period FROM run f WHERE f.song_id = p.id
  AND f.chart_id = p.first_chart) AS debut
 FROM p ORDER BY p.first_out, p.id;
