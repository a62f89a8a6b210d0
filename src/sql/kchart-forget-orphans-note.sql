-- kchart-forget-orphans-note.sql: notes the artists made from credits
-- that nothing names before a forget: those stay (artists are never
-- deleted by deriving credits, derive/credits.c), the ones the forget
-- leaves unnamed go (kchart-forget-credit-artists.sql).
INSERT INTO forget_orphan (id)
-- begin shared: orphan
SELECT a.id FROM artist a WHERE a.origin = 'credit'
 AND NOT EXISTS (SELECT 1 FROM song_artist x WHERE x.artist_id = a.id)
 AND NOT EXISTS (SELECT 1 FROM song_credit x WHERE x.artist_id = a.id)
 AND NOT EXISTS (SELECT 1 FROM artist_member x
 WHERE x.group_id = a.id OR x.member_id = a.id)
 AND NOT EXISTS (SELECT 1 FROM artist_account x WHERE x.artist_id = a.id)
 AND NOT EXISTS (SELECT 1 FROM artist_genre x WHERE x.artist_id = a.id)
 AND NOT EXISTS (SELECT 1 FROM release x WHERE x.artist_id = a.id)
 AND NOT EXISTS (SELECT 1 FROM subject x WHERE x.artist_id = a.id)
-- end shared: orphan
;
