-- allkill-state-put.sql: one chart of a rule set at the hour asked about.
--   :kind     the kind
--   :verdict  all-kill, or why not
--   :chart    the chart's id
--   :period   its period at that hour, or NULL: missing
--   :song     its No. 1 song, or NULL
--   :state    No. 1, missing, or No. 1 not among the songs followed
INSERT INTO temp.allkill_state VALUES (:kind,:verdict,:chart,:period,:song,:state);
