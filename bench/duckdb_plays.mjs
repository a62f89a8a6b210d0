// duckdb_plays.mjs PLAYS.csv OUT.csv [options]: the DuckDB side of the
// `kchart compile` benchmark.
//
//   node bench/duckdb_plays.mjs PLAYS.csv OUT.csv [--min-ms 30000] [--cap 10]
//        [--weight-premium 1] [--weight-free 0.333] [--top 200]
//
// Loads the raw play events (the CSV bench/gen_plays writes) into an
// in-memory DuckDB table (2 threads), then compiles daily charts from them
// with kchart compile's rules and writes them to OUT.csv:
//
//   - a play counts if ms_played >= min-ms;
//   - chart = platform || '-' || region, period = the UTC day of ts;
//   - per (chart, period, user, track) the counted plays are capped at `cap`
//     (0: no cap), the higher-weighted tier's plays taken first (premium
//     when the weights are equal);
//   - a track's score is P * w_premium + F * w_free in doubles, P and F its
//     capped premium and free plays, evaluated in exactly that order;
//   - rank by score descending, then track_id ascending; keep rank <= top.
//
// OUT.csv is `chart,period,rank,track_id,score`, ordered by chart (byte
// order), period and rank, the score printed as JavaScript's String(number),
// the shortest decimal that reads back as the same double. It is written
// from JS, not with COPY, because DuckDB prints doubles its own way.
//
// Prints two lines: `load SECONDS` (read_csv into the table) and
// `compile SECONDS ROWS` (the chart query and writing OUT.csv).

import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';

const usage = 'usage: node duckdb_plays.mjs PLAYS.csv OUT.csv [--min-ms N] ' +
  '[--cap N] [--weight-premium W] [--weight-free W] [--top N]';

function fail(message) {
  console.error(message);
  process.exit(2);
}

const opts = { 'min-ms': '30000', cap: '10', 'weight-premium': '1',
               'weight-free': '0.333', top: '200' };
const files = [];
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg.startsWith('--')) {
    const name = arg.slice(2);
    if (!(name in opts) || i + 1 >= process.argv.length)
      fail(`duckdb_plays: bad option ${arg}\n${usage}`);
    opts[name] = process.argv[++i];
  } else {
    files.push(arg);
  }
}
if (files.length !== 2)
  fail(usage);
const [playsPath, outPath] = files;

function whole(name) {
  const s = opts[name];
  if (!/^[0-9]{1,9}$/.test(s))
    fail(`duckdb_plays: --${name} wants a whole number, not "${s}"`);
  return Number(s);
}
function weight(name) {
  const w = Number(opts[name]);
  if (opts[name].trim() === '' || !Number.isFinite(w) || w < 0)
    fail(`duckdb_plays: --${name} wants a weight >= 0, not "${opts[name]}"`);
  return w;
}
const minMs = whole('min-ms');
const cap = whole('cap');
const top = whole('top');
const wp = weight('weight-premium');
const wf = weight('weight-free');

// The weights go to SQL as text cast to DOUBLE: String(w) reads back as the
// same double, and DuckDB's string-to-double conversion rounds correctly,
// so SQL multiplies by exactly the doubles kchart would (a bare 0.333 would
// be a DECIMAL literal).
const wpSql = `CAST('${String(wp)}' AS DOUBLE)`;
const wfSql = `CAST('${String(wf)}' AS DOUBLE)`;

// The tier with the higher weight fills the cap first; premium on a tie.
let capped;
if (cap === 0) {
  capped = 'n_p AS c_p, n_f AS c_f';
} else if (wp >= wf) {
  capped = `least(n_p, ${cap}) AS c_p, least(n_f, ${cap} - least(n_p, ${cap})) AS c_f`;
} else {
  capped = `least(n_p, ${cap} - least(n_f, ${cap})) AS c_p, least(n_f, ${cap}) AS c_f`;
}

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run('SET threads = 2');

let t0 = performance.now();
await db.run(`
  CREATE TABLE plays AS
  SELECT * FROM read_csv('${playsPath.replaceAll("'", "''")}',
    header = true, delim = ',', quote = '"', auto_detect = false,
    columns = {ts: 'BIGINT', user_id: 'UBIGINT', track_id: 'UBIGINT',
               region: 'VARCHAR', platform: 'VARCHAR', tier: 'VARCHAR',
               ms_played: 'INTEGER'})`);
const loadSeconds = (performance.now() - t0) / 1000;

// Tiers other than premium and free are not plays kchart would read; they
// are left out rather than counted as either.
t0 = performance.now();
// The fastest form of the query found here: days as integers
// (ts // 86400000, the UTC day) and the top N of each chart by max_by(...,
// N), which keeps a bounded heap per group instead of sorting every track
// (about 25% faster than row_number() OVER ... QUALIFY at 10M events, same
// charts). max_by orders by (score, -track_id): the higher score first, the
// smaller track id on a tie.
const reader = await db.runAndReadAll(`
  WITH per_user AS (
    SELECT platform, region, ts // 86400000 AS day, track_id,
           count_if(tier = 'premium') AS n_p,
           count_if(tier = 'free') AS n_f
    FROM plays
    WHERE ms_played >= ${minMs} AND tier IN ('premium', 'free')
    GROUP BY platform, region, day, user_id, track_id
  ),
  capped AS (
    SELECT platform, region, day, track_id, ${capped} FROM per_user
  ),
  per_track AS (
    SELECT platform, region, day, track_id,
           CAST(sum(c_p) AS DOUBLE) * ${wpSql} + CAST(sum(c_f) AS DOUBLE) * ${wfSql}
             AS score
    FROM capped
    GROUP BY platform, region, day, track_id
  ),
  top AS (
    SELECT platform || '-' || region AS chart, day,
           max_by({track_id: track_id, score: score},
                  (score, -CAST(track_id AS HUGEINT)), ${top}) AS best
    FROM per_track
    GROUP BY platform, region, day
  )
  SELECT chart, strftime(to_timestamp(day * 86400)::DATE, '%Y-%m-%d') AS period,
         rank, best[rank].track_id AS track_id, best[rank].score AS score
  FROM top, range(1, len(best) + 1) AS r(rank)
  ORDER BY chart, period, rank`);
const rows = reader.getRows();
const lines = ['chart,period,rank,track_id,score'];
for (const [chart, period, rank, trackId, score] of rows)
  lines.push(`${chart},${period},${rank},${trackId},${String(score)}`);
writeFileSync(outPath, lines.join('\n') + '\n');
const compileSeconds = (performance.now() - t0) / 1000;

console.log(`load ${loadSeconds.toFixed(3)}`);
console.log(`compile ${compileSeconds.toFixed(3)} ${rows.length}`);

db.closeSync();
instance.closeSync();
