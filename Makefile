# The commands of the README: `make install`, `make paper` and `make test`.
SWIFT_TEST_FLAGS = -c release -Xswiftc -enable-testing
# `make install` puts the tool in $(PREFIX)/bin; the page template, its stylesheet and the scaffold
# of `report init` are compiled in, and the Swift runtime is linked statically, so the binary runs
# from any directory and survives a change of toolchain; it is stripped (66 MB instead of 114 MB).
PREFIX ?= $(HOME)/.local
SWIFT_INSTALL_FLAGS = -c release --static-swift-stdlib
REPORT = .build/release/report
REPORTS = $(wildcard reports/*.md)
# The manual: report papers too, built into build/docs/ (they draw no committed figures).
DOCS = $(wildcard docs/*.md)
# OpenBLAS picks kernels by CPU. `report` pins them itself (Haswell kernels, which any x86-64 CPU
# with AVX2 and FMA runs, and one BLAS thread per thread of its budget), so the papers are built
# here from an environment without the OpenBLAS variables, as a user's shell has, and `figures/`
# compared with git. The unit tests run the compute core in their own process: they get the pin here.
TEST_NUMERICS = OPENBLAS_CORETYPE=Haswell OPENBLAS_NUM_THREADS=1
AS_A_USER = env -u OPENBLAS_CORETYPE -u OPENBLAS_NUM_THREADS

.PHONY: install paper test test-slurm check-census check-tex check-docs reference system-packages test-packages

system-packages:
	bash scripts/install-system-packages.sh

test-packages:
	bash scripts/install-system-packages.sh --tests

## Build the tool in release mode and install it as $(PREFIX)/bin/report.
install: system-packages
	swift build $(SWIFT_INSTALL_FLAGS) --product report
	install -d "$(PREFIX)/bin"
	install -s -m 755 "$$(swift build $(SWIFT_INSTALL_FLAGS) --show-bin-path)/report" "$(PREFIX)/bin/report"

## Build the tool and the BPS paper (build/bps.html, build/bps.md, figures/bps/).
paper: system-packages
	swift run -c release report build reports/bps.md

## Unit tests, then every paper rebuilt from scratch, verified, and its figures compared with git.
## The repository's own papers are trusted to run their programs (--allow-exec).
test: test-packages
	swift build $(SWIFT_TEST_FLAGS) --build-tests
	$(TEST_NUMERICS) swift test $(SWIFT_TEST_FLAGS) --skip-build
	for r in $(REPORTS); do $(AS_A_USER) $(REPORT) build $$r --no-cache --allow-exec || exit 1; done
	$(AS_A_USER) $(REPORT) verify reports/bps.md
	$(MAKE) check-census
	$(MAKE) check-tex
	$(MAKE) check-docs
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  git diff --exit-code --stat -- figures/ && \
	  test -z "$$(git status --porcelain -- figures/)" || \
	  { echo "figures/ differs from the committed figures: commit the rebuilt ones" >&2; exit 1; }; \
	fi

## The censuses of the BPS paper checked by an independent NumPy implementation (scripts/check-census.py:
## F-terms, distinct gauge orbits, symmetry images, the count against |c(4N)|), after `make paper`;
## then the checker's own test (it must fail a duplicated, a missing and a broken minimum).
CENSUSES = $(wildcard build/bps.census*.solutions.csv)
check-census:
	@test -n "$(CENSUSES)" || { echo "no build/bps.census*.solutions.csv: build reports/bps.md first" >&2; exit 1; }
	for c in $(CENSUSES); do python3 scripts/check-census.py $$c || exit 1; done
	python3 scripts/test-check-census.py build/bps.census2.solutions.csv

## The arXiv source of the BPS paper unpacked in an empty directory and compiled by pdflatex,
## offline and without shell escape, twice (the second pass resolves the cross-references).
check-tex:
	@test -f build/bps-arxiv.tar.gz || { echo "no build/bps-arxiv.tar.gz: build reports/bps.md first" >&2; exit 1; }
	rm -rf build/tex-check && mkdir -p build/tex-check && tar -xzf build/bps-arxiv.tar.gz -C build/tex-check
	cd build/tex-check && for pass in 1 2; do \
	  pdflatex -interaction=nonstopmode -halt-on-error -no-shell-escape bps.tex >/dev/null || { tail -30 bps.log >&2; exit 1; }; \
	done
	@! grep -q "undefined references" build/tex-check/bps.log || { echo "bps.tex has undefined references" >&2; exit 1; }
	@echo "check-tex: build/bps-arxiv.tar.gz compiles with pdflatex ($$(grep -o 'Output written on bps.pdf ([0-9]* pages' build/tex-check/bps.log | grep -o '[0-9]* pages'))"

## The manual: every page of docs/ built, the directive reference compared with what the
## declarations give now, and every complete template the README and the manual show built.
check-docs:
	for d in $(DOCS); do $(AS_A_USER) $(REPORT) build $$d --no-cache --out build/docs --figures build/docs/figures || exit 1; done
	@$(REPORT) directives --format md | diff -u docs/reference.md - || \
	  { echo "docs/reference.md is stale: run 'make reference' and commit it" >&2; exit 1; }
	python3 scripts/check-doc-examples.py $(REPORT) README.md $(DOCS)

## Regenerate the directive reference from the declarations.
## Built with the test flags, the same build `make test` makes, so it never recompiles everything.
reference:
	swift build $(SWIFT_TEST_FLAGS) --product report
	$(REPORT) directives --format md > docs/reference.md

## The SLURM executor against a one-node cluster (../shared/slurm/setup-local-cluster.sh, as root):
## a small census built through 3 array tasks equals the local build byte for byte; a cancelled
## array task is the only one the re-run resubmits.
test-slurm:
	swift build -c release
	bash scripts/slurm/test-slurm.sh
