-- allkill-songs-clear.sql: no song asked about yet.
DELETE FROM temp.allkill_songs;
