-- hook-remove-gaveup.sql: forgets the events a removed webhook gave up on
-- (hook.c, kc_hook_remove).
--   :id  the hook
DELETE FROM hook_gaveup WHERE hook_id = :id;
