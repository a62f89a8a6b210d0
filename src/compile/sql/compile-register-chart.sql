-- compile-register-chart.sql: registers a compiled chart, unless the
-- registry has one of that id (results.c then checks that it agrees).
--   :id       the chart's id
--   :name     its name ('<name> weekly (compiled from plays)')
--   :region   its region ('global' unless the rules group by region)
--   :cadence  hourly, daily, weekly, ...
--   :zone     the time zone its periods are in
--   :size     the ranks it has (the rules' top)
--   :naming   how its periods are named
INSERT INTO chart (id, provider, name, region, cadence, timezone, size,
 period_naming) VALUES (:id,'kchart',:name,:region,:cadence,:zone,:size,
 :naming) ON CONFLICT (id) DO NOTHING;
