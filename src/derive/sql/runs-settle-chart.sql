-- runs-settle-chart.sql: 1 when a chart derived again from its start has
-- ids to settle (runs-note-doomed.sql), else 0.
SELECT EXISTS (SELECT 1 FROM temp.id_floor WHERE owner = 'chart');
