# Two set-up commands: `make demo` and `make test`. Both install everything into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint sysdeps lock bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	rm -rf *.egg-info
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# Optional system converters for old .doc/.rtf and OCR (Debian packages); installed when we are root,
# skipped otherwise: the pipeline then reports a coded `converter_missing` error naming the package.
sysdeps:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  missing=""; \
	  command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	  (command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie) || missing="$$missing tesseract-ocr tesseract-ocr-vie"; \
	  command -v antiword >/dev/null 2>&1 || missing="$$missing antiword"; \
	  command -v unrtf >/dev/null 2>&1 || missing="$$missing unrtf"; \
	  if [ -n "$$missing" ]; then \
	    echo "installing system converters:$$missing"; \
	    (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null) \
	      || echo "warning: could not install$$missing; tests of those paths will check the coded error instead"; \
	  fi; \
	else echo "not root: skipping system converters (LibreOffice, Tesseract)"; fi

demo: install
	$(BIN)/kehoach extract data/samples --out out

test: install sysdeps
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check pipeline extractors models tests
	$(BIN)/mypy pipeline extractors models

bench: install
	$(BIN)/python benchmarks/run.py --n 2000

lock:
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v -E "^(kehoach|pip)==" > requirements.lock

clean:
	rm -rf $(VENV) out
