-- files-artists.sql: the highest artist id in use (0: none).
SELECT coalesce(max(id), 0) FROM artist;
