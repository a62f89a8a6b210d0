-- hook-remove.sql: removes a webhook (hook.c, kc_hook_remove); its given-up
-- events go with it (hook-remove-gaveup.sql).
--   :id  the hook
DELETE FROM hook WHERE id = :id;
