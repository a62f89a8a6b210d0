-- news-say-allkill.sql: the sentence of an All-Kill, in its rows of
-- temp.news_page: event is first (a song's first of the kind akind), year
-- (the first song of a year) or record (a run of figure consecutive hours
-- from since, longer than any before). Each is a claim about every hour
-- before it: status says what the store does not hold whole of the charts
-- it stands on (news.c), and then the claim is of "this archive" and the
-- sentence says what the archive holds. What the format is joined with (a
-- year, a number, an hour) has no '%'.
UPDATE temp.news_page SET kind = 'allkill',
 text = printf(CASE event WHEN 'first' THEN '%s earned its first %s'
   || CASE WHEN status <> '' THEN ' in this archive' ELSE '' END || ' at %s.'
  WHEN 'year' THEN '%s is the first song of ' || substr(period, 1, 4) ||
   ' with ' || CASE WHEN akind IN ('realtime', 'certified', 'perfect')
   THEN 'a ' ELSE 'an ' END || '%s'
   || CASE WHEN status <> '' THEN ' in this archive' ELSE '' END || ', at %s.'
  ELSE '%s set the longest %s run so far'
   || CASE WHEN status <> '' THEN ' in this archive' ELSE '' END || ': ' || figure ||
   ' consecutive hours from ' || since || ' to %s.' END, who,
  CASE akind WHEN 'realtime' THEN 'real-time All-Kill'
   WHEN 'certified' THEN 'certified All-Kill' WHEN 'perfect' THEN 'perfect All-Kill'
   ELSE 'All-Kill (' || akind || ')' END, period)
  || CASE WHEN status <> '' THEN ' This archive holds ' || status || '.' ELSE '' END
 WHERE src = 1;
