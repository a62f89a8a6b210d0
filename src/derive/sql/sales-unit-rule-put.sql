-- sales-unit-rule-put.sql: stores the unit ratios from a chart date
-- (data/units.csv's columns); replaces the stored ones of that date.
--   :since   the chart date it takes effect, YYYY-MM-DD
--   :tracks  track sales per album; 0: not counted
--   :paid    paid streams per album; 0: not counted
--   :ad      ad-supported streams per album
--   :video   1 when video streams count, else 0
--   :source  where the ratios come from
INSERT OR REPLACE INTO unit_rule (since, tracks,
 paid, ad, video, source) VALUES (:since, :tracks, :paid, :ad, :video, :source);
