-- credits-artist-put.sql: an artist known only from a chart credit (kind
-- other until the catalog or MusicBrainz says); its id. A name taken
-- already (stored with another matching form) is that artist.
--   :name   the name as the credit writes it
--   :match  its matching form
INSERT INTO artist (name, kind, match, origin)
 VALUES (:name, 'other', :match, 'credit')
 ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id;
