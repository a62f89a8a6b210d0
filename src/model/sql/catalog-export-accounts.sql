-- catalog-export-accounts.sql: an artist's accounts, by platform, for the
-- export: the platform (the key), then handle and the day it was joined.
--   :artist  the artist's id
SELECT platform, handle, date(joined * 86400, 'unixepoch') AS joined
 FROM artist_account WHERE artist_id = :artist ORDER BY platform;
