-- catalog-mb-member-put.sql: adds a membership from a MusicBrainz "member
-- of band" relation, or completes a stored one: dates stored stay (the
-- catalog's), those missing are filled; the attributes are MusicBrainz's.
--   :group       the group's artist id
--   :member      the member's artist id
--   :since       the relation's begin, YYYY[-MM[-DD]]; NULL: not given
--   :until       its end, likewise; NULL: not given
--   :attributes  its attributes, comma-separated ("original,vocals");
--                NULL: none
INSERT INTO artist_member (group_id, member_id, since, until, attributes)
 VALUES (:group, :member, :since, :until, :attributes)
 ON CONFLICT (group_id, member_id) DO UPDATE SET since = coalesce(since, :since),
 until = coalesce(until, :until), attributes = :attributes
 WHERE since IS NOT coalesce(since, :since) OR until IS NOT coalesce(until, :until)
 OR attributes IS NOT :attributes;
