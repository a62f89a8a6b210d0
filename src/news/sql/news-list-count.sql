-- news-list-count.sql: how many stored events pass the filters of
-- news-list.sql (the same parameters, without the page).
SELECT count(*) FROM event
 WHERE (:kind IS NULL OR kind = :kind)
  AND (:chart IS NULL OR chart_id = :chart)
  AND (:artist IS NULL OR artist_id = :artist
   OR song_id IN (SELECT song_id FROM song_artist WHERE artist_id = :artist))
  AND (:since IS NULL OR learned >= :since)
  AND (:from IS NULL OR substr(period || '-01-01', 1, 10) >= :from);
