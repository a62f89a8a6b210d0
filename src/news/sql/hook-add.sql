-- hook-add.sql: registers a webhook (hook.c, kc_hook_add). Its cursor
-- starts at the newest stored event: a new hook is sent what is learned
-- from now on, not the whole history.
--   :url     the http:// or https:// URL events are POSTed to
--   :secret  the key of its signature (64 hex digits)
--   :artist  the artist filter (an artist id), or NULL
--   :kind    the kind filter, or NULL
--   :chart   the chart filter, or NULL
INSERT INTO hook (url, secret, artist_id, kind, chart_id, created, delivered)
VALUES (:url, :secret, :artist, :kind, :chart, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
        (SELECT coalesce(max(id), 0) FROM event));
