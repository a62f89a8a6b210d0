-- hook-gaveup.sql: records an event a webhook gave up on after its retry
-- window (hook.c); hook-delivered.sql then moves the cursor past it.
--   :id     the hook
--   :event  the event
--   :at     UTC seconds
--   :error  what the last attempt said
INSERT OR IGNORE INTO hook_gaveup (hook_id, event_id, at, error)
VALUES (:id, :event, :at, :error);
