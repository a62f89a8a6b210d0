-- news-find-sales.sql: the sales records (src 6): every release with
-- sales, at each provider, with what its cohort is (provider, the artist's
-- market and kind); news.c weighs their first days and weeks. One row a
-- release and provider: provider, release id, release instant, title,
-- artist, market, artist kind, the provider's name.
SELECT DISTINCT s.provider, r.id, r.released_utc, r.title,
 coalesce(a.name, ''), lower(coalesce(a.market, '')), coalesce(a.kind, ''),
 p.name FROM sale s
 JOIN release r ON r.id = s.release_id JOIN sale_provider p
 ON p.id = s.provider LEFT JOIN artist a ON a.id = r.artist_id
 ORDER BY s.provider, r.id;
