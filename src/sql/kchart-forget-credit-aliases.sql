-- kchart-forget-credit-aliases.sql: the aliases of the artists a forget
-- leaves behind: made from credits, named by no credit nor any input once
-- the credits are derived again, and named before the forget
-- (forget_orphan lists those that were not).
DELETE FROM artist_alias WHERE artist_id IN (
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
 AND a.id NOT IN (SELECT id FROM forget_orphan)
);
