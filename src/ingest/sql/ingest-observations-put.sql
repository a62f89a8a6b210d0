-- ingest-observations-put.sql: stores ten rows of a snapshot as published,
-- in one statement (fewer statements to step, reset and end than with
-- ingest-observation-put.sql, which stores the rows past the last ten).
--   :snapshot                the snapshot's id, of all ten rows
--   :rankK .. :p_periodsK    row K (0 to 9), as ingest-observation-put.sql's
--                            :rank .. :p_periods
-- SQLite numbers named parameters as they first appear: row K's eight are
-- parameters 2 + 8K to 9 + 8K, in this order, and ingest binds them by
-- number (after checking the numbering).
INSERT INTO observation (snapshot_id, rank, title, artist, provider_id, value,
 p_last, p_peak, p_periods)
 VALUES
 (:snapshot, :rank0, :title0, :artist0, :provider_id0, :value0,
  :p_last0, :p_peak0, :p_periods0),
 (:snapshot, :rank1, :title1, :artist1, :provider_id1, :value1,
  :p_last1, :p_peak1, :p_periods1),
 (:snapshot, :rank2, :title2, :artist2, :provider_id2, :value2,
  :p_last2, :p_peak2, :p_periods2),
 (:snapshot, :rank3, :title3, :artist3, :provider_id3, :value3,
  :p_last3, :p_peak3, :p_periods3),
 (:snapshot, :rank4, :title4, :artist4, :provider_id4, :value4,
  :p_last4, :p_peak4, :p_periods4),
 (:snapshot, :rank5, :title5, :artist5, :provider_id5, :value5,
  :p_last5, :p_peak5, :p_periods5),
 (:snapshot, :rank6, :title6, :artist6, :provider_id6, :value6,
  :p_last6, :p_peak6, :p_periods6),
 (:snapshot, :rank7, :title7, :artist7, :provider_id7, :value7,
  :p_last7, :p_peak7, :p_periods7),
 (:snapshot, :rank8, :title8, :artist8, :provider_id8, :value8,
  :p_last8, :p_peak8, :p_periods8),
 (:snapshot, :rank9, :title9, :artist9, :provider_id9, :value9,
  :p_last9, :p_peak9, :p_periods9);
