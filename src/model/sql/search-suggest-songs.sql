-- search-suggest-songs.sql: every song's title, for "did you mean"
-- (kc__suggest): the title part of its matching form, and how to show it
-- ("Title (Artist)").
SELECT substr(match, 1, instr(match, '|') - 1),
 title || ' (' || artist || ')' FROM song;
