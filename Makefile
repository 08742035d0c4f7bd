# Two commands on a fresh machine: `make run` opens the sample project, `make test` passes the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := build/sample/sample.wbproj

.PHONY: run test test-fast system check benchmarks screenshots docs package package-check package-benchmark install-desktop clean

run: system $(VENV)/.installed
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(BIN)/workbench open --sample; \
	else \
		echo "No display here: building the sample project and showing its status instead."; \
		$(BIN)/workbench sample $(SAMPLE); \
	fi

# Tests run on four workers (pytest-xdist), twice the cores: many wait on processes, kills and locks
# rather than the CPU. Each module stays on one worker, so its module fixtures run once; modules with
# slow tests go out first (tests/conftest.py).
XDIST := -n 4 --dist loadscope

test: system $(VENV)/.installed-test check
	$(BIN)/python -m pytest $(XDIST)

# The core without the window (gui), without reading pages with Tesseract (live_ocr) and without the
# tests that take long (slow): under a minute. make test runs them all.
test-fast: system $(VENV)/.installed-test
	$(BIN)/python -m pytest $(XDIST) -m "not live_ocr and not slow and not gui"

check: $(VENV)/.installed-test
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/ruff check workbench tests benchmarks docs
	desktop-file-validate packaging/linux/org.ocrworkbench.Workbench.desktop
	appstreamcli validate --no-net packaging/linux/org.ocrworkbench.Workbench.metainfo.xml

system:
	@bash packaging/system-deps.sh

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q -e '.[test]'
	touch $(VENV)/.installed $@

benchmarks: system $(VENV)/.installed-test
	$(BIN)/python benchmarks/ocr_throughput.py
	$(BIN)/python benchmarks/project_scale.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/window_speed.py
	$(BIN)/python benchmarks/export_speed.py
	$(BIN)/python benchmarks/suggest_eval.py
	$(BIN)/python benchmarks/replace_scale.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/save_cost.py
	$(BIN)/python benchmarks/torture.py

package-benchmark: package
	$(BIN)/python benchmarks/package_size.py dist/workbench

screenshots: system $(VENV)/.installed
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python docs/take_screenshots.py

# The architecture picture from the code's imports (grimp comes with import-linter); the SVG needs
# Graphviz's dot (apt-get install graphviz).
docs: $(VENV)/.installed-test
	$(BIN)/python docs/architecture_picture.py

clean:
	rm -rf $(VENV) build dist

# The one-folder desktop build, and a check of the built artifact itself (not the source tree).
package: system $(VENV)/.installed-package
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/workbench.spec

package-check: package
	bash packaging/check_package.sh dist/workbench

install-desktop: package
	bash packaging/install-desktop.sh dist/workbench

$(VENV)/.installed-package: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q -e '.[package]'
	touch $@
