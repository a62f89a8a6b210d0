-- sales-week-put.sql: stores the inputs of an album's chart week.
--   :release        the release's id
--   :week           the chart date, days since 1970
--   :sales          album sales
--   :track_sales    track sales
--   :paid_streams   paid streams
--   :ad_streams     ad-supported streams
--   :video_streams  video streams
--   :file           the file it came from
INSERT INTO album_week (release_id, chart_date, sales, track_sales,
 paid_streams, ad_streams, video_streams, file)
 VALUES (:release, :week, :sales, :track_sales, :paid_streams, :ad_streams,
 :video_streams, :file);
