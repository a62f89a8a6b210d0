-- series-artist-put.sql: makes an artist of kind other (--create; its id:
-- the last rowid).
--   :name   the name
--   :match  its matching form
INSERT INTO artist (name, kind, match)
 VALUES (:name, 'other', :match);
