# Party Lines — every target creates the virtual environment first if it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: run test test-fast stress lint format bench load evaluate clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

## run: start the app at http://localhost:$(PORT) (writes to the corpus allowed for a local user)
run: $(STAMP)
	PARTY_LINES_ALLOW_WRITES=1 $(BIN)/streamlit run app.py --server.port $(PORT)

## test: unit, page (AppTest) and browser (Chromium) tests
test: $(STAMP)
	$(BIN)/python -m pytest -q

## test-fast: unit and page tests only (no browser, no slow test)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not browser and not slow and not stress"

## stress: long runs (fuzzing, kill -9 during writes, concurrent load); not part of `make test`
stress: $(STAMP)
	$(BIN)/python -m pytest -q -m stress

## lint: ruff check
lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .

## bench: speed and memory benchmark → benchmarks/RESULTS.md
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

## load: N browser sessions at once on shared links → benchmarks/LOAD.md (server CPU per view, p95, memory)
load: $(STAMP)
	$(BIN)/python -m benchmarks.load --sessions 1,10,30

## evaluate: actor recognition scores against the gold annotation
evaluate: $(STAMP)
	$(BIN)/python -m lib evaluate

clean:
	rm -rf .cache .pytest_cache tests/artifacts
