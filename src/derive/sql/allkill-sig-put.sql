-- allkill-sig-put.sql: what the tally of All-Kills was derived from, noted
-- (the one row of temp.allkill_sig, replaced).
--   :sig  allkill-sig.sql's text
INSERT OR REPLACE INTO temp.allkill_sig VALUES (1, :sig);
