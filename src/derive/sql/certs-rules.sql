-- certs-rules.sql: the certification rules (kchart certs --rules).
SELECT certifier, award, metric, threshold, since, until,
 provider, source FROM cert_rule
 ORDER BY certifier, metric, since, threshold;
