-- hook-failed.sql: records a failed attempt at the event after a webhook's
-- cursor (hook.c): the attempts, when to try again, since when it fails,
-- what it said.
--   :id        the hook
--   :from      the cursor the deliverer read (else nothing changes)
--   :attempts  failed attempts at that event so far
--   :next_try  UTC seconds of the next try
--   :since     UTC seconds of the first failed attempt at that event
--   :error     what the attempt said
UPDATE hook SET attempts = :attempts, next_try = :next_try, failing_since = :since,
                last_error = :error
WHERE id = :id AND delivered = :from;
