-- certs-fill.sql: every award reached, into temp.cert_reached (made by
-- kc_db_open; emptied first by certs-clear.sql).
--
-- The total of a release or a song by a day is the largest count published
-- by then: a cumulative snapshot as it is, and the running sum of each kind
-- of report (days, weeks, months, years; every version, the provider's
-- whole count): each counts some of the sales made by that day, so the
-- total is at least that. Units are each week's under the ratios of its
-- chart date, added up to the last day of its tracking week (nine days
-- before the chart date); series totals as published, daily counts added
-- up. An award is reached on the first day its total is at or above the
-- threshold of a rule of it in force that day; album sales and units reach
-- the same album award (RIAA's gold counts albums until 2016-02-01, units
-- from then), the earlier day wins. A source's points are read subject by
-- subject, through the point key (subject, source): a store of millions of
-- Spotify totals costs a look-up per subject, not a scan, when no rule
-- counts them.
INSERT INTO temp.cert_reached
WITH rule AS (SELECT certifier, award, metric, threshold, provider, since,
  CAST(julianday(since) - 2440587.5 AS INTEGER) AS d0,
  coalesce(CAST(julianday(until) - 2440587.5 AS INTEGER), 9000000000) AS d1,
  CASE metric WHEN 'units' THEN 'albums' ELSE metric END AS family FROM cert_rule),
sp AS (SELECT provider, release_id, kind, last_day, sum(units) AS u FROM sale
  WHERE country = '' AND provider IN (SELECT provider FROM rule
   WHERE metric = 'albums') GROUP BY provider, release_id, kind, period),
st AS (SELECT provider, release_id AS rid, 0 AS sid, 'albums' AS metric,
  last_day AS day, CASE kind WHEN 'cumulative' THEN u ELSE sum(u) OVER
   (PARTITION BY provider, release_id, kind ORDER BY last_day
    ROWS UNBOUNDED PRECEDING) END AS t FROM sp),
uw AS (SELECT w.release_id AS rid, w.chart_date - 9 AS day, w.sales + coalesce((
  SELECT CASE WHEN r.tracks > 0 THEN w.track_sales * 1.0 / r.tracks ELSE 0 END
   + CASE WHEN r.paid > 0 THEN w.paid_streams * 1.0 / r.paid ELSE 0 END
   + CASE WHEN r.ad > 0 THEN (w.ad_streams + CASE WHEN r.video THEN
    w.video_streams ELSE 0 END) * 1.0 / r.ad ELSE 0 END FROM unit_rule r
   WHERE r.since <= date(w.chart_date * 86400, 'unixepoch')
   ORDER BY r.since DESC LIMIT 1), 0) AS u FROM album_week w
  WHERE EXISTS (SELECT 1 FROM rule WHERE metric = 'units')),
ut AS (SELECT 'luminate' AS provider, rid, 0 AS sid, 'units' AS metric, day,
  sum(u) OVER (PARTITION BY rid ORDER BY day ROWS UNBOUNDED PRECEDING) AS t
  FROM uw),
pt AS (SELECT p.source AS provider, 0 AS rid, p.subject_id AS sid,
  ss.kind AS metric, p.day AS day, CASE p.kind WHEN 'total' THEN p.value ELSE
   sum(p.value) OVER (PARTITION BY p.subject_id, p.source, p.kind ORDER BY p.day
    ROWS UNBOUNDED PRECEDING) END AS t
  FROM (SELECT DISTINCT provider FROM rule WHERE metric IN
   ('downloads', 'streams')) rp JOIN series_source ss ON ss.id = rp.provider
  CROSS JOIN subject sb CROSS JOIN point p
  WHERE p.subject_id = sb.id AND p.source = rp.provider),
allt AS (SELECT * FROM st UNION ALL SELECT * FROM ut UNION ALL SELECT * FROM pt),
run AS (SELECT provider, rid, sid, metric, day, max(t) OVER (PARTITION BY
  provider, rid, sid, metric ORDER BY day RANGE UNBOUNDED PRECEDING) AS total
  FROM allt),
hit AS (SELECT r.certifier AS certifier, r.award AS award, r.family AS family,
  r.metric AS metric, r.threshold AS threshold, r.provider AS provider,
  r.since AS since, x.rid AS rid, x.sid AS sid, min(x.day) AS day,
  x.total AS total FROM rule r JOIN run x ON x.provider = r.provider
  AND x.metric = r.metric AND x.total >= r.threshold AND x.day >= r.d0
  AND x.day < r.d1 GROUP BY r.certifier, r.award, r.metric, r.since, x.rid, x.sid),
best AS (SELECT *, row_number() OVER (PARTITION BY certifier, award, family,
  rid, sid ORDER BY day, metric, since) AS n FROM hit)
SELECT b.certifier, b.award, b.metric, b.threshold, b.provider, b.since,
  nullif(b.rid, 0), nullif(b.sid, 0), coalesce(rel.title, sb.title),
  coalesce(a.name, sb.credit, ''), b.day, CAST(round(b.total) AS INTEGER)
FROM best b LEFT JOIN release rel ON b.rid <> 0 AND rel.id = b.rid
LEFT JOIN artist a ON a.id = rel.artist_id
LEFT JOIN subject sb ON b.sid <> 0 AND sb.id = b.sid WHERE b.n = 1;
