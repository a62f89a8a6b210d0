-- milestones-clear.sql: deletes every crossing (a recompute of them all).
DELETE FROM milestone;
