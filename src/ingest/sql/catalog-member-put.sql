-- catalog-member-put.sql: adds or updates a member of a group or unit.
--   :group   the group's artist id
--   :member  the member's artist id
--   :since   the day they joined, YYYY-MM-DD; NULL: not given
--   :until   the day they left, YYYY-MM-DD; NULL: not given
INSERT INTO artist_member (group_id, member_id, since, until)
 VALUES (:group, :member, :since, :until)
 ON CONFLICT (group_id, member_id) DO UPDATE SET since = :since, until = :until
 WHERE since IS NOT :since OR until IS NOT :until;
