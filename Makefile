# The two commands: `make demo` and `make test`. Each installs what is missing
# (scripts/deps.sh, Debian packages), builds with CMake + Ninja, then runs.
BUILD ?= build
CMAKE_FLAGS ?=
PREFIX ?= /usr/local

.PHONY: all deps build demo test check test-asan bench bench-ingest bench-compile bench-mpi bench-serve bench-api bench-allkill bench-milestones bench-sales bench-hooks crash-test install clean

all: build

deps:
	@sh scripts/deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)
	@sh scripts/web.sh

demo: build
	@sh scripts/demo.sh $(BUILD)/kchart

# kchart, libkchart (shared and static), its header, kchart.pc and the man
# page under PREFIX (`make install PREFIX=$HOME/.local`; DESTDIR=... too).
install: deps $(BUILD)/build.ninja
	ninja -C $(BUILD) kchart-cli kchart kchart_shared
	cmake --install $(BUILD) --prefix $(PREFIX)

# Every test, then every test again built with AddressSanitizer and
# UndefinedBehaviorSanitizer (-fno-sanitize-recover=undefined): a memory error
# or a signed overflow fails the run. `make check` is the first half alone.
test: check test-asan

check: build
	cd $(BUILD) && ctest --output-on-failure -j2

test-asan: deps
	cmake -S . -B build-asan -G Ninja -DKC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	ninja -C build-asan
	@sh scripts/web.sh
	cd build-asan && ctest --output-on-failure -j2

# The benchmarks: ingest (the Hot 100 archive), compile (raw plays, 10M and
# 100M events, against DuckDB and SQLite; about 10 minutes and 9 GB of
# temporary files) and compile under mpirun (100M events, 1 to 4 ranks).
bench: bench-ingest bench-compile bench-mpi bench-serve bench-api bench-allkill bench-milestones bench-sales bench-hooks

bench-ingest: build
	sh bench/ingest_hot100.sh $(BUILD)/kchart

bench-compile: build
	sh bench/compile_plays.sh $(BUILD)/kchart $(BUILD)/bench/gen_plays

bench-mpi: build
	sh bench/compile_mpi.sh $(BUILD)/kchart $(BUILD)/bench/gen_plays

# Milestone detection over 10,000 songs x 3,000 days of generated totals,
# and the milestones query (bench/milestones.c; about 2 minutes, 1.5 GB of
# temporary store).
bench-milestones: build
	$(BUILD)/bench/bench_milestones

# Sales import, news and records over 5,000 generated releases (seconds).
bench-sales: build
	sh bench/sales_news.sh $(BUILD)/kchart

# The server against nginx serving the same answers (wrk; about 2 minutes).
bench-serve: build
	sh bench/serve.sh $(BUILD)/kchart

# The Hot 100 ingest with a webhook to an unreachable address (a closed
# port, a silent listener, a blackholed address) and its deliverer running,
# against the same with no hook; the ingest alone against that (farm-bench,
# pair by pair; about 8 minutes).
bench-hooks: build
	sh bench/hooks.sh $(BUILD)/kchart

# Every API route's p50/p99, one request at a time, cached, uncached
# (--no-cache) and nginx on the same bytes, on two stores (the Hot 100 +
# Spotify Pakistan; the Korean and 55-country archives): bench/api_latency.sh
# (about 10 minutes; the stores are kept in /tmp between runs).
bench-api: build
	sh bench/api_latency.sh $(BUILD)/kchart

# All-Kills over a year of hourly snapshots of ten charts (about 2 minutes).
bench-allkill: build
	sh bench/allkill.sh $(BUILD)/kchart

# Crash safety: kill `kchart ingest` of the Hot 100 at 100 random moments,
# then `kchart serve` taking the same files as POSTs 100 times
# (tests/crash/run.sh; about an hour).
crash-test: build
	sh tests/crash/run.sh $(BUILD)/kchart 100
	sh tests/crash/run.sh $(BUILD)/kchart 100 1 serve

clean:
	rm -rf $(BUILD) build-asan
