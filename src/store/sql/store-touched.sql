-- store-touched.sql: what a write of the open transaction made known, for
-- the news to find its events at the commit (news.c, kc__news_learn).
--   :what    chart (a snapshot stored: :chart and :period), series,
--            catalog or sales (an import of such a file), all (a rule
--            file loaded, a rebuild: everything may follow)
--   :chart   the chart of the snapshot, or NULL
--   :period  its period, or NULL
--   :file    the digest of the file's bytes (kc__digest_hex), or NULL
INSERT INTO temp.news_touched (what, chart_id, period, file)
 VALUES (:what, :chart, :period, :file);
