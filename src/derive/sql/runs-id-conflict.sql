-- runs-id-conflict.sql: whether a song holds another id of a provider than
-- the row's (then a looser match by another title form does not join them:
-- provider ids say otherwise).
--   :song    the song found
--   :prefix  the row's id key up to its provider's part ('id:melon:')
--   :key     the row's id key
SELECT 1 FROM song_key WHERE song_id = :song
 AND substr(key, 1, length(:prefix)) = :prefix AND key <> :key LIMIT 1;
