-- sales-sum-rows.sql: the sum of one kind of sales rows of a release and
-- provider (the provider's whole count, every version) whose days lie in
-- [:from, :to], and how many distinct first days they have.
--   :release   the release's id
--   :provider  the provider's id
--   :kind      day, week, month, year or cumulative
--   :from      the first day, days since 1970
--   :to        the last day
SELECT coalesce(sum(units), 0), count(DISTINCT first_day) FROM sale
 WHERE release_id = :release AND provider = :provider AND kind = :kind AND country = ''
 AND first_day >= :from AND last_day <= :to;
