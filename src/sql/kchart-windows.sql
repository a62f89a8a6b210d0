-- kchart-windows.sql: the periods a merge or split derives again, chart by
-- chart: from the first to the last period any song of temp.id_scope
-- holds there.
SELECT chart_id, min(debut_period), max(last_period) FROM run
 WHERE song_id IN (SELECT id FROM temp.id_scope)
 GROUP BY chart_id ORDER BY chart_id;
