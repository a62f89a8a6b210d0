-- artist-create.sql: makes an artist of kind other, for an import told to
-- create what it does not know (series.c, sales.c: --create); its id: the
-- last rowid.
--   :name   the name
--   :match  its matching form
INSERT INTO artist (name, kind, match)
 VALUES (:name, 'other', :match);
