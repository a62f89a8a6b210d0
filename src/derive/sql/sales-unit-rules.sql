-- sales-unit-rules.sql: the unit ratios, by date (kchart units rules).
SELECT since, tracks, paid, ad, video, source FROM unit_rule
 ORDER BY since;
