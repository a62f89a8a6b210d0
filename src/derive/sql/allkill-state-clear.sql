-- allkill-state-clear.sql: the charts' states at the last hour asked
-- about, cleared.
DELETE FROM temp.allkill_state;
