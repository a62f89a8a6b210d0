-- records-releases.sql: the releases of a cohort with sales at a provider,
-- each with its release instant (the release's artist decides market,
-- kind, artist and group).
--   :provider      the sales provider ('oricon', 'any')
--   :release_kind  album, ep, single, repackage, mixtape or ost, or NULL
--   :market        a market ('k-pop'), or NULL: any
--   :artist_kind   group, solo, unit or other, or NULL
--   :artist        an artist's id, as text, or NULL
--   :year          the year of the release (YYYY), or NULL
--   :member_of     a group's id, as text: its members' releases; or NULL
SELECT r.id, r.released_utc FROM release r LEFT JOIN artist a ON a.id = r.artist_id
 WHERE EXISTS (SELECT 1 FROM sale s WHERE s.release_id = r.id
  AND s.provider = :provider)
 AND (:release_kind IS NULL OR r.kind = :release_kind)
 AND (:market IS NULL OR lower(a.market) = lower(:market))
 AND (:artist_kind IS NULL OR a.kind = :artist_kind)
 AND (:artist IS NULL OR r.artist_id = CAST(:artist AS INTEGER))
 AND (:year IS NULL OR substr(r.released, 1, 4) = :year)
 AND (:member_of IS NULL OR EXISTS (SELECT 1 FROM artist_member m
  WHERE m.group_id = CAST(:member_of AS INTEGER) AND m.member_id = r.artist_id))
 ORDER BY r.id;
