-- certs-clear.sql: empties temp.cert_reached (made by kc_db_open).
DELETE FROM temp.cert_reached;
