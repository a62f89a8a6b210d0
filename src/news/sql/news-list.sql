-- news-list.sql: the stored events as a page of the news lists them, the
-- head of the statement: news.c (news_sql) adds the filters asked for and
-- the order, newest period first (then the latest learned first: within
-- one commit, the order of the kinds), and the page (:limit, :offset). The
-- JSON's title and artist are the names the event was said with (in
-- figures).
SELECT kind, chart_id AS chart, period, song_id,
 json_extract(figures, '$.title') AS title, json_extract(figures, '$.artist') AS artist,
 rank, sentence AS text, id, figures, learned
 FROM event;
