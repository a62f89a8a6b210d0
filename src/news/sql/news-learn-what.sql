-- news-learn-what.sql: which kinds of events the open transaction may have
-- made known (news.c, kc__news_learn), from temp.news_touched: one row of
-- flags (0 or 1) and how many rows it holds.
--   chart     a snapshot was stored (or everything: a rebuild, the fill)
--   allkill   ... of a chart an All-Kill rule reads
--   series    a series was imported (milestones, records)
--   sales     sales or units were imported (certifications, sales records)
--   catalog   a catalog was imported (records, certifications, sales
--             records: their cohorts and names)
SELECT max(what = 'chart' OR what = 'all'),
 max(what = 'all' OR (what = 'chart' AND EXISTS (SELECT 1 FROM allkill_rule r
  WHERE instr(r.charts, t.chart_id) > 0))),
 max(what IN ('series', 'all')), max(what IN ('sales', 'all')),
 max(what IN ('catalog', 'all')), count(*)
 FROM temp.news_touched t;
