-- hook-list.sql: the webhooks, never their secrets (hook.c,
-- kc_query_hooks): id, url, filters, the cursor, the matching events
-- queued above it, when the failing began (UTC) and what the last failed
-- attempt said, the events given up on.
-- The filter is hook-next-event.sql's, on each hook's own columns.
SELECT h.id AS id, h.url AS url,
       coalesce(a.name || ' (' || h.artist_id || ')', '') AS artist,
       coalesce(h.kind, '') AS kind, coalesce(h.chart_id, '') AS chart,
       h.delivered AS delivered,
       (SELECT count(*) FROM event e
         WHERE e.id > h.delivered
           AND (h.kind IS NULL OR e.kind = h.kind)
           AND (h.chart_id IS NULL OR e.chart_id = h.chart_id)
           AND (h.artist_id IS NULL OR e.artist_id = h.artist_id
                OR e.song_id IN (SELECT sa.song_id FROM song_artist sa
                                  WHERE sa.artist_id = h.artist_id))) AS queued,
       CASE WHEN h.failing_since IS NULL THEN NULL
            ELSE strftime('%Y-%m-%dT%H:%M:%SZ', h.failing_since, 'unixepoch') END
         AS failing_since,
       h.last_error AS last_error,
       (SELECT count(*) FROM hook_gaveup g WHERE g.hook_id = h.id) AS gave_up
FROM hook h LEFT JOIN artist a ON a.id = h.artist_id
ORDER BY h.id;
