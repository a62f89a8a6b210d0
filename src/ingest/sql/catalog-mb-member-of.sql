-- catalog-mb-member-of.sql: a stored membership's dates (no row: none).
--   :group   the group's artist id
--   :member  the member's artist id
SELECT since, until FROM artist_member WHERE group_id = :group AND member_id = :member;
