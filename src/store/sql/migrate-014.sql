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
-- two indexed writes a snapshot, in the triggers below (ingest, --replace,
-- forget, a crash's rollback alike): a period stored after the chart's
-- last marks its row stale (appended: kc__coverage_sync adds the new
-- periods' gaps to the sums, reading only them and the last); any other
-- change of the chart's snapshots drops its row (computed again whole).
-- So a row that is not stale always sums the snapshots stored. Which songs of the first period had charted before it
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
--   stale:   1 when periods after last were stored since (their sums are
--            not in the row yet)
CREATE TABLE chart_cover (  chart_id TEXT PRIMARY KEY,  cadence TEXT NOT NULL,  first TEXT,  last TEXT,  first_id INTEGER,  periods INTEGER NOT NULL,  missing INTEGER NOT NULL,  partial INTEGER NOT NULL,  stale INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;

CREATE TRIGGER chart_cover_put AFTER INSERT ON snapshot BEGIN DELETE FROM chart_cover WHERE chart_id = NEW.chart_id AND (last IS NULL OR NEW.period <= last); UPDATE chart_cover SET stale = 1 WHERE chart_id = NEW.chart_id AND NOT stale; END;

CREATE TRIGGER chart_cover_drop AFTER DELETE ON snapshot BEGIN DELETE FROM chart_cover WHERE chart_id = OLD.chart_id; END;

CREATE TRIGGER chart_cover_move AFTER UPDATE OF id, chart_id, period, partial ON snapshot BEGIN DELETE FROM chart_cover WHERE chart_id IN (OLD.chart_id, NEW.chart_id); END;
