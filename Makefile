# make site   set up .venv and build the default corpus into site/
# make test   set up .venv and run the whole test suite
# make serve  preview with live reload on http://127.0.0.1:8000
# make check  verify the curated facts without writing anything
# make pdf    build, then print the briefing book to site/briefing.pdf (PAPER=Letter for US Letter)
# make bench  time the generator and MkDocs at 100, 1,000 and 10,000 engagements (bench/results.md),
#             and the review page of a 10,000-quote draft
# make eval   how `draft` does on the evaluation corpus's test reports (eval/; SPLIT=dev for tuning, MISSES=1 to list them)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

PAPER ?= A4

.PHONY: site test serve check clean pdf bench eval

$(VENV)/.runtime: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# The generator itself, editable: the MkDocs plugin and the briefing command.
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

site: $(VENV)/.runtime
	$(PY) build.py build

serve: $(VENV)/.runtime
	$(PY) build.py serve

check: $(VENV)/.runtime
	$(PY) build.py check

test: $(VENV)/.dev
	$(PY) -m ruff check briefing bench tests build.py
	$(PY) -m mypy
	$(PY) -m pytest

pdf: $(VENV)/.dev
	$(PY) build.py build
	$(PY) -m briefing.pdf --paper $(PAPER)

bench: $(VENV)/.dev
	$(PY) bench/run.py
	# The review page of a 10,000-quote draft: CPU seconds, and how they grow with the quotes.
	$(PY) bench/review.py

SPLIT ?= test
eval: $(VENV)/.runtime
	$(PY) bench/eval.py --split $(SPLIT) $(if $(MISSES),--misses)

clean:
	rm -rf site
