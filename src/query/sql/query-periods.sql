-- query-periods.sql: a page of a chart's stored periods, the latest first.
--   :chart   the chart's id
--   :limit   the periods of the page
--   :offset  the periods before it
SELECT period FROM snapshot WHERE chart_id = :chart
 ORDER BY period DESC LIMIT :limit OFFSET :offset;
