-- series-query.sql: the values of the series (kchart series), each with
-- its subject, source, date, kind and file. Every filter may be NULL (any):
--   :match    the matching form of the subject asked about: words of a
--             song's title and credit, or an artist's name or alias
--   :source   a series source's id
--   :subject  the subject as written: a ref after 'id:'
--   :song     the id of the song a Title|Credit subject finds, as text
SELECT CASE s.kind WHEN 'song' THEN coalesce(so.title, s.title) ELSE a.name END
 AS subject, CASE s.kind WHEN 'song' THEN coalesce(so.artist, s.credit) ELSE ''
 END AS artist, p.source AS source, date(p.day * 86400, 'unixepoch') AS date,
 p.kind AS kind, p.value AS value, p.file AS file FROM point p
 JOIN subject s ON s.id = p.subject_id LEFT JOIN song so ON so.id = s.song_id
 LEFT JOIN artist a ON a.id = s.artist_id
 WHERE (:source IS NULL OR p.source = :source) AND (:match IS NULL
  OR s.song_id = CAST(:song AS INTEGER)
  OR instr(so.match, :match) > 0 OR a.match = :match OR s.ref = 'id:' || :subject
  OR EXISTS (SELECT 1 FROM artist_alias x WHERE x.artist_id = a.id
   AND x.match = :match))
 ORDER BY p.source, subject, artist, p.day, p.kind DESC;
