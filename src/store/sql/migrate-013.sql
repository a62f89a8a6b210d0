-- migrate-013.sql: schema step 13, from user_version 12 to 13.
-- The words of songs and their places in a search's list (song_rank,
-- below), for the search of songs and credits by whole words
-- (kc__song_query, model/search.c): an FTS5 index of each song's words, so
-- that a common word is a lookup of the songs holding it, not a scan of
-- every key. A song's document is the spelling of each of its title keys
-- (song_key 't:<title>|<credit>', the '|' as a space) and the credit of
-- its matching form (after the '|' of song.match), one space between:
-- every song a whole-word search can find holds each of the query's words
-- as a token there. The index narrows; the search still tests each word as
-- it always did.
--
-- A derived index, like search_name (migrate-009.sql): brought up to the
-- store by the search before it reads (kc__search_sync), which compares it
-- with song_key and song only when something was written since it last
-- did; no writer pays for it. Filled here for a store that has songs.
--
-- Tokens: unicode61 with its letters, digits and marks (the characters the
-- matching form keeps, kc__match_title) and no diacritics removed, so that
-- a word of the matching form is one token.
--
-- Run by kc__store_migrate (store.c), in one transaction. Each CREATE
-- statement is one line, as in the earlier steps.

-- song_word: rowid the song's id; words its document.
CREATE VIRTUAL TABLE song_word USING fts5(words, tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'");

INSERT INTO song_word (rowid, words) SELECT s.id, trim(coalesce((SELECT group_concat(w, ' ') FROM (SELECT replace(substr(k.key, 3), '|', ' ') AS w FROM song_key k WHERE k.song_id = s.id AND k.key LIKE 't:%' ORDER BY k.key)), '') || ' ' || substr(s.match, instr(s.match, '|') + 1)) FROM song s ORDER BY s.id;

-- song_rank: each song's place in a search's list of songs (kc_query_search:
-- best peak first, then most periods, then id), so that the best songs
-- holding a common word are the first few of an index walk, not all of
-- them summed and sorted. A derived table, kept as song_word is.
--   peak:    the song's best peak over its runs; 1000000000 when it has
--            none (such a song comes after every song with a run)
--   periods: its periods summed over its runs; 0 when it has none
CREATE TABLE song_rank (  song_id INTEGER PRIMARY KEY,  peak INTEGER NOT NULL,  periods INTEGER NOT NULL);

CREATE INDEX song_rank_order ON song_rank(peak, periods DESC, song_id);

INSERT INTO song_rank (song_id, peak, periods) SELECT s.id AS id, coalesce(min(r.peak), 1000000000) AS peak, coalesce(sum(r.periods), 0) AS periods FROM song s LEFT JOIN run r ON r.song_id = s.id GROUP BY s.id;

-- credit_group: the songs of each credit as written (song.artist) and in
-- matching form (after the '|' of song.match), counted, for a search's list
-- of credits (kc_query_search: the credits holding every word, by how many
-- songs), so that a common word reads the few credits holding it, not
-- every song. A derived table, kept as song_word is; credit_word holds the
-- words of each credit (rowid credit_group's id).
CREATE TABLE credit_group (  id INTEGER PRIMARY KEY,  artist TEXT NOT NULL,  credit TEXT NOT NULL,  songs INTEGER NOT NULL,  UNIQUE (artist, credit));

CREATE VIRTUAL TABLE credit_word USING fts5(credit, tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'");

INSERT INTO credit_group (artist, credit, songs) SELECT s.artist AS artist, substr(s.match, instr(s.match, '|') + 1) AS credit, count(*) AS songs FROM song s GROUP BY 1, 2;

INSERT INTO credit_word (rowid, credit) SELECT id, credit FROM credit_group ORDER BY id;
