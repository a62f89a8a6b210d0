-- query-artist-members.sql: a group's members (role member) and the groups
-- an artist is a member of (role group), each with the membership's dates.
--   :artist  the artist's id
SELECT 'member' AS role, a.id AS id, a.name AS name, m.since AS since, m.until AS until
 FROM artist_member m JOIN artist a ON a.id = m.member_id WHERE m.group_id = :artist
 UNION ALL SELECT 'group', a.id, a.name, m.since, m.until
 FROM artist_member m JOIN artist a ON a.id = m.group_id WHERE m.member_id = :artist
 ORDER BY 1 DESC, 4, 3;
