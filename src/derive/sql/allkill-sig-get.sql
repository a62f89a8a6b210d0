-- allkill-sig-get.sql: what the tally of All-Kills was last derived from
-- (allkill-sig.sql's text), or no row: never on this handle.
SELECT sig FROM temp.allkill_sig;
