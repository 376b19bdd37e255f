# Market Intel Brain: every workflow is one target. `make help` lists them.
# Quick start on a fresh clone:  make perf-test   (main job)   and   make test   (tests)
SHELL := /bin/bash
.DEFAULT_GOAL := help
MIB := node bin/mib.js
# TIME_SCALE=F: every duration of the schedule × F, think time as written (the VUs ask the
# full-length test's request rate). FAST_FORWARD=F: durations AND think time × F (rates × 1/F).
# Unset variables pass no flag, so mib's own defaults apply (written once, in its option tables).
TIME_SCALE ?=
FAST_FORWARD ?=
ifneq ($(and $(FAST_FORWARD),$(filter-out 1,$(TIME_SCALE))),)
$(error TIME_SCALE and FAST_FORWARD exclude each other: TIME_SCALE keeps the think time, FAST_FORWARD scales it too)
endif
SCALE_FLAGS = $(if $(FAST_FORWARD),--fast-forward $(FAST_FORWARD),$(if $(TIME_SCALE),--time-scale $(TIME_SCALE)))
PRESET ?=
CHAOS_PLAN ?=
SECONDS ?=
DURATION ?=
INTERVAL ?=

.PHONY: help install-deps install-test-deps check-test-deps build start start-prod stop status wait-ready health-check test typecheck \
        perf-test chaos-test load-test load-test-light load-test-heavy load-test-smoke \
        profile profile-cpu profile-heap profile-goroutine profile-trace profile-all \
        monitor collect-results analyze-results clean-results bench clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk -F':.*?## ' '{printf "  %-20s %s\n", $$1, $$2}'

# Installs dependencies only when package-lock.json changed since the last install.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install-deps: node_modules/.package-lock.json ## Install npm dependencies (npm ci) when missing or stale

dist/.built: node_modules/.package-lock.json tsconfig.json tsconfig.build.json $(shell find src proto -type f 2>/dev/null)
	npx tsc -p tsconfig.build.json
	@touch $@

build: dist/.built ## Compile TypeScript to dist/

typecheck: install-deps ## Type-check everything (tsc --noEmit)
	npx tsc --noEmit -p tsconfig.json
	npx tsc -p load-testing/tsconfig.k6.json

# Debian packages the tests need besides npm's: chromium (dashboard/report browser tests) and
# prometheus (the monitor's real-Prometheus test). Prometheus's post-install may fail to start a
# system service in a container: the test runs its own on a free port, so that failure is ignored.
install-test-deps: ## Install the Debian packages the tests need (chromium, prometheus; sudo when not root)
	@if command -v chromium >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then echo "chromium and prometheus are installed"; else \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); export DEBIAN_FRONTEND=noninteractive; \
	  $$SUDO apt-get update -qq && { $$SUDO apt-get install -y -qq chromium prometheus >/dev/null || command -v chromium >/dev/null; }; fi

check-test-deps: ## Say exactly what to install when the tests' system programs are missing (run by make test)
	@node scripts/check-test-deps.mjs

test: check-test-deps install-deps ## Type-check (ours, and the k6 workload against @types/k6) and run the whole test suite
	npx tsc --noEmit -p tsconfig.json
	npx tsc -p load-testing/tsconfig.k6.json
	npm test

start: build ## Start all services (development mode), logs in this terminal; Ctrl-C stops them
	$(MIB) start --env development

start-prod: build ## Start all services in production mode, in the background
	$(MIB) start --env production --detach

stop: ## Stop the services started in the background
	$(MIB) stop

status: ## Show the state of the background services
	$(MIB) status

wait-ready: build ## Wait until every service is healthy
	$(MIB) wait-ready

health-check: build ## Print each service's health; fails if one is unhealthy
	$(MIB) health

perf-test: build ## The whole workflow: start, health, light + main load with monitor and profiles, analyze, verdict
	$(MIB) perf-test $(if $(PRESET),--preset $(PRESET)) $(SCALE_FLAGS)

chaos-test: build ## perf-test with faults injected at the peak (CHAOS_PLAN=<preset or JSON file>, else the default plan); resilience verdict per fault
	$(MIB) perf-test $(if $(PRESET),--preset $(PRESET)) $(SCALE_FLAGS) --chaos $(CHAOS_PLAN)

load-test: wait-ready ## Main load test (standard preset) against the running services
	$(MIB) load load-testing/market-intel.ts --preset standard $(SCALE_FLAGS)

load-test-light: wait-ready ## Light load test (100 VUs, 5 min)
	$(MIB) load load-testing/market-intel.ts --preset light $(SCALE_FLAGS)

load-test-heavy: wait-ready ## Heavy load test (2000 VUs, 10 min)
	$(MIB) load load-testing/market-intel.ts --preset heavy $(SCALE_FLAGS)

load-test-smoke: wait-ready ## Smoke test (10 VUs, 30 s)
	$(MIB) load load-testing/market-intel.ts --preset smoke $(SCALE_FLAGS)

profile: build ## Print the profiling URLs of the running services
	$(MIB) profile urls

profile-cpu: build ## CPU profile of every service (SECONDS=<window>, else mib's default)
	$(MIB) profile cpu $(if $(SECONDS),--seconds $(SECONDS))

profile-heap: build ## Heap profile of every service
	$(MIB) profile heap

profile-goroutine: build ## Active handles/requests of every service
	$(MIB) profile goroutine

profile-trace: build ## Trace-event JSON of every service (SECONDS=<window>, else mib's default)
	$(MIB) profile trace $(if $(SECONDS),--seconds $(SECONDS))

profile-all: build ## Every profile kind of every service (SECONDS=<window>, else mib's default)
	$(MIB) profile all $(if $(SECONDS),--seconds $(SECONDS))

monitor: build ## Sample system and service metrics (DURATION=<s>, INTERVAL=<s>, else mib's defaults)
	$(MIB) monitor $(if $(DURATION),--duration $(DURATION)) $(if $(INTERVAL),--interval $(INTERVAL))

collect-results: build ## Gather loose outputs into the latest run directory
	$(MIB) results collect

analyze-results: build ## Write report.md and report.html for the latest run
	$(MIB) results analyze

clean-results: ## Delete results/
	rm -rf results

bench: install-deps ## Run every benchmark (services must not be running)
	npm run bench

clean: ## Remove build output
	rm -rf dist
