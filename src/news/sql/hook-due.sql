-- hook-due.sql: every webhook with its filters and its state (hook.c,
-- kc_hook_deliver, which tries those whose next try has come).
SELECT id, url, secret, artist_id, kind, chart_id, delivered, attempts, next_try,
       failing_since
FROM hook ORDER BY id;
