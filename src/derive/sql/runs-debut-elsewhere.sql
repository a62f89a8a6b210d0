-- runs-debut-elsewhere.sql: the earliest period a song's runs on other
-- charts began, among those that began before a period (identity's
-- tie-break between candidate songs: runs_identity.c, choose()); NULL when
-- none did.
--   :song    the song
--   :chart   the chart being derived (its own run is read apart)
--   :before  the period being derived
SELECT min(debut_period) FROM run
 WHERE song_id = :song AND chart_id <> :chart AND debut_period < :before;
