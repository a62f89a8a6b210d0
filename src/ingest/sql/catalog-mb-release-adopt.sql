-- catalog-mb-release-adopt.sql: the catalog's releases that a MusicBrainz
-- release group may be: those of its artist and title without an MBID,
-- those of its kind first (the caller takes the first when it is of that
-- kind or the only one).
--   :artist  the release group's first credited artist
--   :title   its title
--   :kind    the kind its types give
SELECT id, kind = :kind, count(*) OVER () FROM release
 WHERE artist_id = :artist AND title = :title AND mbid IS NULL
 ORDER BY kind = :kind DESC, id LIMIT 1;
