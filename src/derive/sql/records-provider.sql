-- records-provider.sql: a sales provider's name (no row: no such provider).
--   :provider  the provider's id ('oricon')
SELECT name FROM sale_provider WHERE id = :provider;
