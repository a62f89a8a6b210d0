-- catalog-artist-put.sql: adds an artist by name, or updates one: a NULL
-- kind or market keeps what is stored (a new artist without a kind is
-- other).
--   :name    the name
--   :kind    group, solo, unit or other; NULL: keep (new: other)
--   :market  where the artist works ('KR'); NULL: keep
--   :match   the name's matching form
INSERT INTO artist (name, kind, market, match)
 VALUES (:name, coalesce(:kind, 'other'), :market, :match)
 ON CONFLICT (name) DO UPDATE SET kind = coalesce(:kind, kind),
 market = coalesce(:market, market)
 WHERE kind IS NOT coalesce(:kind, kind) OR market IS NOT coalesce(:market, market);
