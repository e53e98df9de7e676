# Quick start: `make demo` (the demo call app) and `make test` (everything CI runs).
# Each target installs what it needs and skips what is already there.
SHELL := /bin/bash
.DEFAULT_GOAL := help
STAMP := node_modules/.install-stamp

.PHONY: help deps system-deps livekit-server lint typecheck unit build size docs-check package-check e2e demo-check bench test demo clean

help:
	@echo "make demo   - build what is missing, start livekit-server + token endpoint + the demo app on 127.0.0.1"
	@echo "make test   - lint, types, unit + integration, build, size, docs + package checks, end-to-end matrix, demo browser check"
	@echo "make bench  - benchmarks (bench/results.json)"

$(STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(STAMP)

deps: $(STAMP)

system-deps:
	bash scripts/ensure-system-deps.sh

livekit-server:
	bash scripts/install-livekit-server.sh

lint: deps
	npm run lint

typecheck: deps
	npm run typecheck

unit: deps
	npm test -- --ci

build: deps
	npm run build

size: build
	npm run size

# Every ts/tsx block of README.md and docs/*.md type-checked against the packed package; `runnable` ones run.
docs-check: build
	npm run docs:check

# publint --strict, attw and a consumer smoke test (npm install of the tarball into fresh projects).
package-check: build
	npm run package:check

# Runs inside a private network namespace (scripts/in-netns.sh: root, or unprivileged user
# namespaces), so its iptables packet-loss faults never touch the host's firewall.
# Both engines by default (E2E_BROWSERS=chromium or =firefox runs one); e2e/matrix/plan.ts says
# which scenarios each runs.
E2E_BROWSERS ?= chromium,firefox
e2e: deps system-deps livekit-server
	E2E_BROWSERS=$(E2E_BROWSERS) npm run e2e

demo-check: deps system-deps livekit-server
	npm run demo:check

bench: build
	npm run bench

# The fast checks come first, so a broken package fails before the minutes-long browser runs.
test: lint typecheck unit build size docs-check package-check e2e demo-check

demo: deps livekit-server
	npm run demo

clean:
	rm -rf dist coverage e2e/results e2e/screenshots .cache/e2e-pages .cache/pack .cache/docs-check
