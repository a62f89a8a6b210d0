-- hook-delivered.sql: moves a webhook's cursor past an event delivered or
-- given up on, and clears its failing (hook.c). Only from where the
-- deliverer found it: a cursor another deliverer moved meanwhile is left
-- as it is (it never goes back).
--   :id     the hook
--   :event  the event delivered
--   :from   the cursor the deliverer read
UPDATE hook SET delivered = :event, attempts = 0, next_try = 0, failing_since = NULL,
                last_error = NULL
WHERE id = :id AND delivered = :from;
