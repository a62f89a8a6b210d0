-- catalog-mb-artist-set.sql: MusicBrainz's facts on a stored artist: its
-- MBID (when it has none), type, area and life span (a NULL keeps what is
-- stored), and its kind (NULL: keep; the caller passes one only where the
-- store's kind is other).
--   :artist  the artist's id
--   :mbid    its MBID
--   :type    Person, Group, Orchestra, Choir, Character or Other; NULL: keep
--   :area    the area's name ("South Korea"); NULL: keep
--   :begin   the life span's begin, YYYY[-MM[-DD]]; NULL: keep
--   :end     its end, likewise; NULL: keep
--   :kind    group, solo or other; NULL: keep
UPDATE artist SET mbid = coalesce(mbid, :mbid), type = coalesce(:type, type),
 area = coalesce(:area, area), begin = coalesce(:begin, begin),
 end = coalesce(:end, end), kind = coalesce(:kind, kind)
 WHERE id = :artist AND (mbid IS NOT coalesce(mbid, :mbid)
 OR type IS NOT coalesce(:type, type) OR area IS NOT coalesce(:area, area)
 OR begin IS NOT coalesce(:begin, begin) OR end IS NOT coalesce(:end, end)
 OR kind IS NOT coalesce(:kind, kind));
