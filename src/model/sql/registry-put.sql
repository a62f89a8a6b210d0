-- registry-put.sql: adds a chart to the registry, or sets a registered
-- one's columns anew (a line of data/charts.csv or of a file loaded with
-- kchart charts load; the columns of the file).
--   :id             the chart's id ('billboard-hot-100')
--   :provider       who publishes it
--   :name           its name as shown
--   :region         its region ('us', 'global')
--   :cadence        hourly, daily, weekly, monthly or yearly
--   :timezone       the time zone its periods are in
--   :size           how many ranks it has
--   :period_naming  how its periods are named
--   :published      hours after a period starts that it is published;
--                   NULL: not given (the cadence's default)
--   :ranks          what its rows are: song, album or artist; NULL: not
--                   given (song for a new chart, unchanged for a known one)
INSERT INTO chart (id, provider, name, region, cadence, timezone, size,
 period_naming, published, ranks)
 VALUES (:id, :provider, :name, :region, :cadence, :timezone, :size,
 :period_naming, :published, coalesce(:ranks, 'song'))
 ON CONFLICT (id) DO UPDATE SET provider = excluded.provider,
 name = excluded.name, region = excluded.region, cadence = excluded.cadence,
 timezone = excluded.timezone, size = excluded.size,
 period_naming = excluded.period_naming, published = excluded.published,
 ranks = coalesce(:ranks, chart.ranks);
