-- ingest-observation-put.sql: stores one row of a snapshot as published.
--   :snapshot     the snapshot's id
--   :rank         the rank
--   :title        the title
--   :artist       the credit
--   :provider_id  the provider's id of the song; NULL: none
--   :value        streams or units; NULL: not published
--   :p_last       the provider's last rank; NULL: new, re-entry or not
--                 published
--   :p_peak       the provider's peak; NULL: not published
--   :p_periods    the provider's periods on chart; NULL: not published
INSERT INTO observation (snapshot_id, rank, title, artist, provider_id, value,
 p_last, p_peak, p_periods)
 VALUES (:snapshot, :rank, :title, :artist, :provider_id, :value, :p_last, :p_peak,
 :p_periods);
