PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= $(if $(TRIANGULATE_DATA),$(TRIANGULATE_DATA),../shared/data)
OUT ?= out

.PHONY: run test lint eval clean lock

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	@if [ -d "$(DATA)/seeds" ]; then src="$(DATA)/seeds"; else src=examples; fi; \
	$(BIN)/triangulate run $$src --out $(OUT)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/pytest

HARNESSES := acled geo time petrarch clustering stance

# whole dev sets, one JSON per harness under $(OUT)/eval; slow (tens of minutes)
eval: $(STAMP)
	mkdir -p $(OUT)/eval
	for name in $(HARNESSES); do \
	  $(BIN)/triangulate evaluate $$name --json $(OUT)/eval/$$name.json || exit 1; \
	done
	$(BIN)/pytest -m slow -q -p no:cacheprovider

lock:
	pip-compile --generate-hashes --allow-unsafe --strip-extras -o requirements.lock requirements.in
	pip-compile --generate-hashes --allow-unsafe --strip-extras -o requirements-dev.lock requirements-dev.in

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
