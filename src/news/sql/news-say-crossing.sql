-- news-say-crossing.sql: the sentence of a mark crossed, in its rows of
-- temp.news_page: a milestone, or a record when it made the song the first
-- of a cohort (whose words are in status). The source is said with its
-- platform's name: "spotify-streams" as "Spotify streams".
UPDATE temp.news_page SET kind = CASE src WHEN 3 THEN 'milestone' ELSE 'record' END,
 text = printf('%s%s %,d %s.', who, CASE src WHEN 3 THEN ' passed'
  ELSE printf(' is the first %s to pass', status) END, figure,
  CASE substr(since, 1, instr(since, '-') - 1) WHEN 'spotify' THEN 'Spotify'
   WHEN 'youtube' THEN 'YouTube' WHEN 'instagram' THEN 'Instagram'
   WHEN 'tiktok' THEN 'TikTok' WHEN 'x' THEN 'X'
   ELSE substr(since, 1, instr(since, '-') - 1) END || ' '
  || substr(since, instr(since, '-') + 1))
 WHERE src IN (3, 4);
