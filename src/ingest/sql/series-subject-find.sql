-- series-subject-find.sql: the subject of a ref.
--   :ref  song: 'id:<provider id>' or its t: key; artist: 'artist:<name>'
SELECT id FROM subject WHERE ref = :ref;
