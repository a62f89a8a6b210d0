-- migrate-014.sql: schema step 14, from user_version 13 to 14.
-- What the store holds of each chart, summed (chart_cover): its first and
-- last stored period, how many are stored, how many are missing between
-- them by its cadence and how many are partial, so that the chart list
-- and a chart's page (query-charts.sql) read a row a chart instead of
-- walking every stored period (about 10 ms for the Hot 100's 3,549 weeks;
-- more for an hourly chart).
--
-- A derived table, filled on read like search_name (migrate-009.sql): a
-- chart's row is computed by kc__coverage_sync (derive/coverage.c) when
-- the chart has none, or one counted by another cadence. The writers pay
-- one indexed delete a snapshot: the triggers below drop the row of a
-- chart whose snapshots change (ingest, --replace, forget, a crash's
-- rollback alike), so that a row, when there is one, always sums the
-- snapshots stored. Which songs of the first period had charted before it
-- (seeded) is counted on read from first_id's entries, which are derived
-- again without a snapshot changing (a merge, a split, a backfill).
-- Empty here: the first read fills it.
--
-- Run by kc__store_migrate (store.c), in one transaction. Each CREATE
-- statement is one line, as in the earlier steps.

-- chart_cover: a row a chart that has one.
--   cadence:  the chart's cadence when missing was counted
--   first, last, first_id: its first and last stored period, and the
--            first's snapshot id (NULL when none is stored)
--   periods, missing, partial: stored periods, periods missing between
--            the first and the last, partial snapshots
CREATE TABLE chart_cover (  chart_id TEXT PRIMARY KEY,  cadence TEXT NOT NULL,  first TEXT,  last TEXT,  first_id INTEGER,  periods INTEGER NOT NULL,  missing INTEGER NOT NULL,  partial INTEGER NOT NULL) WITHOUT ROWID;

CREATE TRIGGER chart_cover_put AFTER INSERT ON snapshot BEGIN DELETE FROM chart_cover WHERE chart_id = NEW.chart_id; END;

CREATE TRIGGER chart_cover_drop AFTER DELETE ON snapshot BEGIN DELETE FROM chart_cover WHERE chart_id = OLD.chart_id; END;

CREATE TRIGGER chart_cover_move AFTER UPDATE OF id, chart_id, period, partial ON snapshot BEGIN DELETE FROM chart_cover WHERE chart_id IN (OLD.chart_id, NEW.chart_id); END;
