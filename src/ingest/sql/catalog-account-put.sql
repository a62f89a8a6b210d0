-- catalog-account-put.sql: adds or updates an artist's account on a
-- platform.
--   :artist    the artist's id
--   :platform  a lower-case word (instagram, spotify, youtube)
--   :handle    the handle; NULL: not given
--   :joined    the day the account was opened, days since 1970; NULL:
--              not given
INSERT INTO artist_account (artist_id, platform, handle, joined)
 VALUES (:artist, :platform, :handle, :joined)
 ON CONFLICT (artist_id, platform) DO UPDATE SET handle = :handle, joined = :joined
 WHERE handle IS NOT :handle OR joined IS NOT :joined;
