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
INSERT INTO chart (id, provider, name, region, cadence, timezone, size,
 period_naming, published)
 VALUES (:id, :provider, :name, :region, :cadence, :timezone, :size,
 :period_naming, :published)
 ON CONFLICT (id) DO UPDATE SET provider = excluded.provider,
 name = excluded.name, region = excluded.region, cadence = excluded.cadence,
 timezone = excluded.timezone, size = excluded.size,
 period_naming = excluded.period_naming, published = excluded.published;
