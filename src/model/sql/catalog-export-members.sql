-- catalog-export-members.sql: the members of a group or unit, for the
-- export: each member's name and when they joined and left (NULL: not
-- known), by when they joined.
--   :group  the group's artist id
SELECT a.name AS artist, m.since AS since, m.until AS until
 FROM artist_member m JOIN artist a ON a.id = m.member_id
 WHERE m.group_id = :group ORDER BY m.since, a.name;
