# The two set-up commands of the README: `make demo` and `make test`. Both install what they need.
PYTHON ?= python3
LANG_DEMO ?= nb

.PHONY: setup demo test bench act

setup:
	@PYTHON=$(PYTHON) bash scripts/setup.sh

demo: setup
	@$(PYTHON) -m uu_check scan fixtures/course --lang $(LANG_DEMO); \
	  status=$$?; echo; echo "uu-check exit code: $$status (0 = no barriers, 1 = barriers found, 3 = some files could not be checked)"

test: setup
	$(PYTHON) -m pytest -q

bench: setup
	$(PYTHON) bench/bench_scan.py

act: setup
	bash bench/act.sh
