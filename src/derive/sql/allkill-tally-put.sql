-- allkill-tally-put.sql: a song's All-Kills of one kind in one year (0:
-- every year), as the walk of every hour tallied them.
--   :kind     the kind
--   :year     the year (YYYY) of the hours counted, or 0: every hour
--   :song     the song's id
--   :hours    its All-Kill hours
--   :first    its first All-Kill hour (YYYY-MM-DDTHH), or NULL: none
--   :longest  its longest run of hours (within the year)
--   :from     the first hour of that run, or NULL
--   :last     its last All-Kill hour, or NULL
--   :missing  the hours a chart was missing, by chart ("a 3 h, b 1 h"), or
--             NULL: none
--   :zone     the time zone of the kind's charts
INSERT INTO temp.allkill_tally VALUES
 (:kind,:year,:song,:hours,:first,:longest,:from,:last,:missing,:zone);
