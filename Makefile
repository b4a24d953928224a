PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= $(if $(TRIANGULATE_DATA),$(TRIANGULATE_DATA),../shared/data)
OUT ?= out
UV := $(BIN)/uv
UV_TARGET := --quiet --python $(BIN)/python
# Locks for any platform, from the registry alone: no line of the machine they were made on.
LOCK := $(UV) pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--no-emit-index-url --no-emit-find-links

.PHONY: run serve test lint eval faults bench clean lock

# The installer is pinned too: the stock venv pip only fetches uv, checked by hash, and uv installs
# exactly the locked files (sync resolves nothing, so no release published later can change them).
$(STAMP): requirements-bootstrap.lock requirements.lock requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
	  -r requirements-bootstrap.lock
	$(UV) pip sync $(UV_TARGET) --require-hashes requirements.lock requirements-dev.lock
	$(UV) pip install $(UV_TARGET) --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	@if [ -d "$(DATA)/seeds" ]; then src="$(DATA)/seeds"; else src=examples; fi; \
	$(BIN)/triangulate run $$src --out $(OUT)

# the API and the dossier page over what `make run` stored; the token for writes is in $(OUT)/triangulate.db.token
serve: $(STAMP)
	$(BIN)/triangulate serve --db $(OUT)/triangulate.db

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/bandit -q -r src -ll

test: $(STAMP) lint
	$(BIN)/pytest

HARNESSES := acled geo time petrarch clustering stance disputes attribution

# whole dev sets, one JSON per harness under $(OUT)/eval; slow (tens of minutes)
eval: $(STAMP)
	mkdir -p $(OUT)/eval
	for name in $(HARNESSES); do \
	  $(BIN)/triangulate evaluate $$name --json $(OUT)/eval/$$name.json || exit 1; \
	done
	$(BIN)/pytest -m slow -q -p no:cacheprovider

# the fault tests at full size: 2,000 reports killed 20 times, 1,000 requests from 20 clients beside a run
# (an hour or more on two cores); `make test` runs them small
faults: $(STAMP)
	$(BIN)/pytest -m faults -q -s -p no:cacheprovider tests/faults

# Keeps the locked versions unless an .in file asks otherwise; `make lock UPGRADE=--upgrade` takes new ones.
lock: $(STAMP)
	$(LOCK) $(UPGRADE) -o requirements-bootstrap.lock requirements-bootstrap.in
	$(LOCK) $(UPGRADE) -o requirements.lock requirements.in
	$(LOCK) $(UPGRADE) -o requirements-dev.lock requirements-dev.in

# speed as ratios measured in one run against bare spaCy (whole run with 1 and 2 processes, cost per
# stage; read + extract alone), and the page's server times
bench: $(STAMP)
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/throughput.py --limit 300 --stages
	$(BIN)/python bench/speed.py --limit 400
	$(BIN)/python bench/serve.py
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/memory.py
	$(BIN)/python bench/link_scale.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
