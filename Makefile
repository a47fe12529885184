# attestkit: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: demo test install dev rego-test pytest schemas catalogs catalogs-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

## demo: create .venv, install attestkit, run the whole pipeline against a simulated AWS account
demo: install
	$(BIN)/attest demo

install: $(BIN)/python
	$(PIP) install --quiet .

## test: install the dev dependencies, run the Rego tests, then pytest
test: dev rego-test pytest

dev: $(BIN)/python
	$(PIP) install --quiet -e ".[dev]"
	# real OPA embedded as a library, for the conformance tests only; its wheel declares
	# Python >= 3.14 but runs on 3.11 (docs/design.md, engines)
	$(PIP) install --quiet --ignore-requires-python "opa-golib-python-bindings==0.4.*"

rego-test:
	$(BIN)/attest policy test --failures-only

pytest:
	$(BIN)/python -m pytest -q

## schemas: regenerate the committed JSON Schemas from the models
schemas: dev
	$(BIN)/python -m attestkit.schemas

## catalogs: rebuild mappings/catalogs/ from the shared reference data (REFERENCE=path)
REFERENCE ?= ../shared/reference
catalogs: dev
	$(BIN)/python scripts/build_catalogs.py $(REFERENCE)

## catalogs-check: fail when the committed catalogs differ from what the reference data builds
catalogs-check: dev
	$(BIN)/python scripts/build_catalogs.py $(REFERENCE) --check

clean:
	rm -rf build dist *.egg-info attest-demo .pytest_cache
