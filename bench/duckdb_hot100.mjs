// duckdb_hot100.mjs DIR: the DuckDB side of bench/ingest_hot100.sh.
//
// Reads every Billboard Hot 100 JSON file in DIR with DuckDB (2 threads),
// computes the chart runs kchart ingest computes (previous rank, running peak,
// weeks on chart so far, per song and artist in chart-date order) with window
// functions, materialises them as a table, and prints the row count and how
// often each counter equals Billboard's own. The naive key (exact song and
// artist text) is what kchart would do without its identity rules, so expect
// roughly 99.70% / 99.65% / 99.45%, not 100%.

import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node duckdb_hot100.mjs DIR');
  process.exit(2);
}
const glob = `${dir.replace(/\/+$/, '')}/*.json`.replaceAll("'", "''");

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run('SET threads = 2');

await db.run(`
  CREATE TABLE runs AS
  WITH entries AS (
    SELECT date, unnest(data, recursive := true)
    FROM read_json('${glob}', columns = {
      date: 'DATE',
      data: 'STRUCT(song VARCHAR, artist VARCHAR, this_week INTEGER,
                    last_week INTEGER, peak_position INTEGER,
                    weeks_on_chart INTEGER)[]'})
  ),
  numbered AS (
    SELECT *, dense_rank() OVER (ORDER BY date) AS chart_no FROM entries
  ),
  lagged AS (
    SELECT *,
      lag(this_week) OVER w AS lag_rank,
      lag(chart_no)  OVER w AS lag_chart_no,
      min(this_week) OVER w AS peak,
      count(*)       OVER w AS weeks
    FROM numbered
    WINDOW w AS (PARTITION BY song, artist ORDER BY date
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  )
  SELECT date, song, artist, this_week, last_week, peak_position,
         weeks_on_chart,
         CASE WHEN lag_chart_no = chart_no - 1 THEN lag_rank END AS prev_rank,
         peak, weeks
  FROM lagged`);

const reader = await db.runAndReadAll(`
  SELECT count(*),
    count_if(prev_rank IS NOT DISTINCT FROM last_week),
    count_if(peak      IS NOT DISTINCT FROM peak_position),
    count_if(weeks     IS NOT DISTINCT FROM weeks_on_chart)
  FROM runs`);
const [rows, last, peak, weeks] = reader.getRows()[0].map(Number);

const pct = (n) => (100 * n / rows).toFixed(2) + '%';
console.log(`rows       ${rows}`);
console.log(`last_week  ${last} equal (${pct(last)})`);
console.log(`peak       ${peak} equal (${pct(peak)})`);
console.log(`weeks      ${weeks} equal (${pct(weeks)})`);

db.closeSync();
instance.closeSync();
