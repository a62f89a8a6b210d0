-- catalog-markets-list.sql: the market rules, in order.
SELECT field, value, market FROM market_rule ORDER BY pos;
