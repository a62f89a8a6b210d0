-- certs-provider-fits.sql: a row when a provider counts a metric: a sale
-- provider for albums, a series source of the metric's kind for downloads
-- and streams (units are luminate's: certs.c decides that itself).
--   :metric    albums, downloads or streams
--   :provider  the sale provider's or series source's id
SELECT 1 FROM sale_provider WHERE :metric = 'albums' AND id = :provider
 UNION ALL SELECT 1 FROM series_source WHERE kind = :metric AND id = :provider;
