-- sales-week-find.sql: whether the stored inputs of an album's chart week
-- are these (1 or 0), and the file they came from.
--   :release  the release's id
--   :week     the chart date, days since 1970
--   :inputs   'sales/track_sales/paid_streams/ad_streams/video_streams'
SELECT sales || '/' || track_sales || '/' || paid_streams
 || '/' || ad_streams || '/' || video_streams = :inputs, file
 FROM album_week WHERE release_id = :release AND chart_date = :week;
