-- news-say-crossing.sql: the sentence of a mark crossed, in its rows of
-- temp.news_page: a milestone, or a record when it made the song the first
-- of a cohort (whose words are in status; in last, how many of the
-- cohort crossed it open, known only by a later date, and may have come
-- before). The source is said with its platform's name: "spotify-streams"
-- as "Spotify streams".
UPDATE temp.news_page SET kind = CASE src WHEN 3 THEN 'milestone' ELSE 'record' END,
 text = printf('%s%s %,d %s.', who, CASE src WHEN 3 THEN ' passed'
  ELSE printf(' is the first %s to pass', status) END, figure,
  CASE substr(since, 1, instr(since, '-') - 1) WHEN 'spotify' THEN 'Spotify'
   WHEN 'youtube' THEN 'YouTube' WHEN 'instagram' THEN 'Instagram'
   WHEN 'tiktok' THEN 'TikTok' WHEN 'x' THEN 'X'
   ELSE substr(since, 1, instr(since, '-') - 1) END || ' '
  || substr(since, instr(since, '-') + 1))
  || CASE WHEN src = 4 AND last > 0 THEN ' ' || last || ' more '
   || CASE WHEN last = 1 THEN 'is' ELSE 'are' END
   || ' known to have passed it only by a later date, where the store''s totals'
   || ' of them begin, and may have been earlier.' ELSE '' END
 WHERE src IN (3, 4);
