# Party Lines — every target creates the virtual environment first if it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501
WORKERS ?= 1
# Where `make run` listens: this machine only. To serve on a network, read-only for visitors:
# make run HOST=0.0.0.0 WRITES=0 (README, "Deploying").
HOST   ?= 127.0.0.1
WRITES ?= 1

.PHONY: build run test test-fast stress lint format bench bench-100k bench-build bench-uploads bench-import load evaluate evaluate-codebook clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

## build: annotate what the store lacks (resumable; WORKERS=2 for a local Dask cluster of two worker processes)
build: $(STAMP)
	$(BIN)/python -m lib build --workers $(WORKERS)

## run: build, then start the app at http://$(HOST):$(PORT) (writes to the corpus allowed for a local user unless WRITES=0)
run: build
	PARTY_LINES_ALLOW_WRITES=$(WRITES) $(BIN)/streamlit run app.py --server.address $(HOST) --server.port $(PORT)

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

## bench-100k: the app on 10,000 and 100,000 documents of the realistic corpus, both term backends → benchmarks/RESULTS_100K.md
## (stores cached under /tmp/big-bench: the first run composes them, ~1-2 h on two shared cores; reruns only measure)
bench-100k: $(STAMP)
	$(BIN)/python -m benchmarks.big --sizes 10000,100000 --heaps 100000 --index numpy,duckdb --backends auto

## bench-build: `python -m lib build` --workers 1 vs 2 on Dask vs a process pool (before Dask, and today's code) → benchmarks/BUILD.md
bench-build: $(STAMP)
	$(BIN)/python -m benchmarks.build_workers

## bench-uploads: memory and time of one upload's analysis → benchmarks/UPLOADS.md
bench-uploads: $(STAMP)
	$(BIN)/python -m benchmarks.uploads

## bench-import: `import` of 1,000 files against one `add` per file (time, peak memory) → benchmarks/IMPORT.md
bench-import: $(STAMP)
	$(BIN)/python -m benchmarks.imports

## load: N visitors at once on shared links (browsers, then protocol clients), on corpus/ and on a generated
## 1,000-document store → benchmarks/LOAD.md (server CPU per view, p95, memory per session)
load: $(STAMP)
	$(BIN)/python -m benchmarks.load --sessions 1,10,30 --clients 1,10,30
	$(BIN)/python -m benchmarks.load --docs 1000 --sessions 1,10,30 --clients 1,10,30 --append

## evaluate: actor recognition scores against the gold annotation
evaluate: $(STAMP)
	$(BIN)/python -m lib evaluate

## evaluate-codebook: the codebook's rules against the positions gold (dev and test halves, coders' kappa)
evaluate-codebook: $(STAMP)
	$(BIN)/python -m lib evaluate --codebook --report docs/EVALUATION_POSITIONS.md

clean:
	rm -rf .cache .pytest_cache tests/artifacts
