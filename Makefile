# daily_run: one non-recursive GNU Makefile (docs/STYLE.md R36-R37).
.SUFFIXES:

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBEXECDIR ?= $(PREFIX)/libexec
MANDIR ?= $(PREFIX)/share/man
STEPDIR_INSTALLED = $(LIBEXECDIR)/daily

CC ?= cc
CSTD = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wold-style-definition -Wpointer-arith -Wwrite-strings -Wformat=2 -Wvla \
       -Wundef -fno-common
CFLAGS ?= -O2 -g
ifeq ($(DEV),1)
CFLAGS += -Werror
endif
ifeq ($(SAN),1)
CFLAGS += -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

JANSSON_CFLAGS := $(shell pkg-config --cflags jansson)
JANSSON_LIBS := $(shell pkg-config --libs jansson)
GSL_CFLAGS := $(shell pkg-config --cflags gsl)
# GSL's BLAS calls go to OpenBLAS when it is installed (the ERC and Monte Carlo kernels).
GSL_LIBS := -lgsl $(shell pkg-config --libs openblas 2>/dev/null || echo -lgslcblas) -lm
PQ_CFLAGS := $(shell pkg-config --cflags libpq)
PQ_LIBS := $(shell pkg-config --libs libpq)
UUID_CFLAGS := $(shell pkg-config --cflags uuid)
UUID_LIBS := $(shell pkg-config --libs uuid)

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.1.0)
ALL_CFLAGS = $(CSTD) $(WARN) $(CFLAGS) -Icommon $(JANSSON_CFLAGS) $(GSL_CFLAGS) \
	     $(PQ_CFLAGS) $(UUID_CFLAGS) -MMD -MP
# Where an uninstalled daily_run finds its steps (DAILY_STEPDIR overrides at run time).
STEPDIR ?= $(CURDIR)/bin
# Where it finds the migrations (DAILY_MIGRATIONS overrides at run time).
MIGRATIONDIR ?= $(CURDIR)/migrations
MIGRATIONDIR_INSTALLED = $(PREFIX)/share/daily_run/migrations
# The state directory: empty in the tree ($XDG_STATE_HOME/daily_run), this when installed.
VARDIR ?=
VARDIR_INSTALLED = /var/lib/daily_run

COMMON_SRC := $(sort $(wildcard common/*.c))
COMMON_OBJ := $(COMMON_SRC:.c=.o)
LIBCOMMON = lib/libcommon.a

# Every steps/<name>/main.c (or steps/<name>.c) becomes bin/step-<name>.
STEP_DIRS := $(patsubst steps/%/main.c,%,$(wildcard steps/*/main.c))
STEP_FILES := $(patsubst steps/%.c,%,$(wildcard steps/*.c))
STEPS := $(sort $(STEP_DIRS) $(STEP_FILES))
STEP_BINS := $(addprefix bin/step-,$(STEPS))

ORCH_SRC := $(sort $(wildcard orchestrator/*.c))
ORCH_OBJ := $(ORCH_SRC:.c=.o)

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,tests/unit/bin/%,$(UNIT_SRC))

FAKE_SRC := $(sort $(wildcard tests/fake-steps/*.c))
FAKE_BINS := $(FAKE_SRC:.c=)

# Small programs over common/ used by the bats suites.
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
TOOL_BINS := $(patsubst tests/tools/%.c,tests/tools/bin/%,$(TOOL_SRC))

# Steps link jansson and the maths libraries only; daily_run alone links libpq (R6).
STEP_LIBS = $(JANSSON_LIBS) $(GSL_LIBS)

all: bin/daily_run $(STEP_BINS)

$(LIBCOMMON): $(COMMON_OBJ)
	@mkdir -p lib
	rm -f $@
	$(AR) rcs $@ $(COMMON_OBJ)

%.o: %.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

bin/daily_run: $(ORCH_OBJ) $(LIBCOMMON)
	@mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ $(ORCH_OBJ) $(LIBCOMMON) $(JANSSON_LIBS) $(PQ_LIBS) $(UUID_LIBS) -lm

# daily_run loads libpq with dlopen only when it stores a row (orchestrator/pq.c):
# --as-needed drops the unused DT_NEEDED, saving ~3 ms of start-up per run.
bin/daily_run: LDFLAGS += -Wl,--as-needed
orchestrator/daily_run.o: ALL_CFLAGS += -DSTEPDIR='"$(STEPDIR)"' -DVERSION='"$(VERSION)"' \
	-DMIGRATIONDIR='"$(MIGRATIONDIR)"' -DVARDIR='"$(VARDIR)"'

define step_rule
bin/step-$(1): $$(patsubst %.c,%.o,$$(wildcard steps/$(1)/*.c steps/$(1).c)) $$(LIBCOMMON)
	@mkdir -p bin
	$$(CC) $$(LDFLAGS) -o $$@ $$(patsubst %.c,%.o,$$(wildcard steps/$(1)/*.c steps/$(1).c)) $$(LIBCOMMON) $$(STEP_LIBS)
endef
$(foreach s,$(STEPS),$(eval $(call step_rule,$(s))))

# Unit tests may link a step's model files: tests/unit/<topic>.mk sets
# UNIT_DEPS_test_<x> = steps/<step>/<model>.o ... for tests/unit/test_<x>.c.
-include $(wildcard tests/unit/*.mk)
# Benchmark helper programs declare their own rules in bench/<name>.mk.
-include $(wildcard bench/*.mk)
tests/unit/bin/%: tests/unit/%.o $(LIBCOMMON)
	@mkdir -p tests/unit/bin
	$(CC) $(LDFLAGS) -o $@ $< $(UNIT_DEPS_$*) $(LIBCOMMON) $(STEP_LIBS)
.SECONDEXPANSION:
$(UNIT_BINS): $$(UNIT_DEPS_$$(notdir $$@))

tests/tools/bin/%: tests/tools/%.o $(LIBCOMMON)
	@mkdir -p tests/tools/bin
	$(CC) $(LDFLAGS) -o $@ $< $(LIBCOMMON) $(JANSSON_LIBS) -lm

tests/fake-steps/%: tests/fake-steps/%.c
	$(CC) $(CSTD) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $<

unit: $(UNIT_BINS)
	@tests/run-unit $(UNIT_BINS)

tools: $(TOOL_BINS)

# check and test first install missing Debian packages (scripts/deps), then build in a
# second make so that pkg-config sees them.
check test:
	@scripts/deps
	@$(MAKE) --no-print-directory test-build
	@tests/run-all

test-build: all $(UNIT_BINS) $(FAKE_BINS) $(TOOL_BINS)

# The orchestrator and unit suites only (CI's sanitizer pass).
check-core: test-build
	@TEST_SUITES=core tests/run-all

bench: all $(FAKE_BINS)
	@bench/run

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability --std=c11 \
	    --include=tests/lint/cppcheck.h \
	    -Icommon common orchestrator steps
	$(MAKE) -s clean-objs && $(MAKE) -s CFLAGS="-O2 -Wconversion -Werror" all

db:
	@scripts/db-setup

migrate: bin/daily_run
	bin/daily_run migrate

deps:
	@scripts/deps

daily:
	@scripts/deps
	@$(MAKE) --no-print-directory all
	@scripts/db-setup
	bin/daily_run

daily-dry:
	@scripts/deps
	@$(MAKE) --no-print-directory all
	bin/daily_run --dry-run

daily-date:
	@test -n "$(DATE)" || { echo 'usage: make daily-date DATE=YYYY-MM-DD' >&2; exit 2; }
	@scripts/deps
	@$(MAKE) --no-print-directory all
	@scripts/db-setup
	bin/daily_run --date $(DATE)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(STEPDIR_INSTALLED) $(DESTDIR)$(MANDIR)/man1
	$(MAKE) -s STEPDIR=$(STEPDIR_INSTALLED) MIGRATIONDIR=$(MIGRATIONDIR_INSTALLED) \
	    VARDIR=$(VARDIR_INSTALLED) clean-orch bin/daily_run
	install -d $(DESTDIR)$(MIGRATIONDIR_INSTALLED)
	install -m 644 migrations/*.sql $(DESTDIR)$(MIGRATIONDIR_INSTALLED)/
	install -d $(DESTDIR)$(PREFIX)/share/daily_run/data
	install -m 644 data/*.tsv $(DESTDIR)$(PREFIX)/share/daily_run/data/
	install -m 755 bin/daily_run $(DESTDIR)$(BINDIR)/daily_run
	for s in $(STEP_BINS); do install -m 755 $$s $(DESTDIR)$(STEPDIR_INSTALLED)/; done
	test ! -f man/daily_run.1 || install -m 644 man/daily_run.1 $(DESTDIR)$(MANDIR)/man1/
	@# Rebuild the in-tree daily_run, which looks for its steps in bin/ again.
	$(MAKE) -s clean-orch bin/daily_run

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/daily_run $(DESTDIR)$(MANDIR)/man1/daily_run.1
	for s in $(STEPS); do rm -f $(DESTDIR)$(STEPDIR_INSTALLED)/step-$$s; done
	-rmdir $(DESTDIR)$(STEPDIR_INSTALLED) 2>/dev/null
	rm -f $(DESTDIR)$(PREFIX)/share/daily_run/data/catalogue*.tsv
	-rmdir $(DESTDIR)$(PREFIX)/share/daily_run/data 2>/dev/null
	rm -f $(DESTDIR)$(MIGRATIONDIR_INSTALLED)/[0-9][0-9][0-9][0-9]_*.sql
	-rmdir $(DESTDIR)$(MIGRATIONDIR_INSTALLED) $(DESTDIR)$(PREFIX)/share/daily_run 2>/dev/null

clean-orch:
	rm -f orchestrator/daily_run.o bin/daily_run

clean-objs:
	find common orchestrator steps tests -name '*.o' -delete

clean:
	rm -rf bin lib tests/unit/bin tests/tools/bin tests/fuzz/bin $(FAKE_BINS) bench/erc_bench bench/portfolio_bench bench/alloc_bench
	find common orchestrator steps tests bench -name '*.[od]' -delete

.PHONY: all unit tools check test test-build check-core deps bench lint db migrate daily daily-dry daily-date \
	install uninstall clean clean-orch clean-objs

-include $(shell find common orchestrator steps tests -name '*.d' 2>/dev/null)

# make fuzz: libFuzzer (clang, ASan+UBSan) on the shared state decoder, the scanner and
# each step's decode-and-validate entry (tests/fuzz/fuzz_step.c), FUZZ_SECONDS each,
# seeded with the JSONTestSuite files when ../shared/research is present and with the
# states of the synthetic default (tests/fuzz/seeds.sh). CI runs a short one.
FUZZ_SECONDS ?= 30
FUZZ_STEPS := ingest quality agents aggregate strategies portfolio risk report
FUZZ_CC = clang $(CSTD) -g -O1 -fsanitize=fuzzer,address,undefined -Icommon $(JANSSON_CFLAGS)
FUZZ_COMMON = $(filter-out common/prog.c,$(COMMON_SRC))
FUZZ_STEP_BINS := $(addprefix tests/fuzz/bin/fuzz_,$(FUZZ_STEPS))
fuzz-build: tests/fuzz/bin/fuzz_state tests/fuzz/bin/fuzz_jscan $(FUZZ_STEP_BINS)
tests/fuzz/bin/fuzz_state: tests/fuzz/fuzz_state.c $(COMMON_SRC)
	@mkdir -p tests/fuzz/bin
	$(FUZZ_CC) -o $@ tests/fuzz/fuzz_state.c \
	    $(addprefix common/,die.c xalloc.c parse.c date.c state.c jsonout.c field.c series.c dataset.c) \
	    $(JANSSON_LIBS) -lm
tests/fuzz/bin/fuzz_jscan: tests/fuzz/fuzz_jscan.c $(COMMON_SRC)
	@mkdir -p tests/fuzz/bin
	$(FUZZ_CC) -o $@ tests/fuzz/fuzz_jscan.c \
	    $(addprefix common/,die.c xalloc.c parse.c state.c jsonout.c jscan.c) \
	    $(JANSSON_LIBS) -lm
# One harness per step: its sources but main.c, exit() wrapped (tests/fuzz/fuzz_step.c).
$(FUZZ_STEP_BINS): tests/fuzz/bin/fuzz_%: tests/fuzz/fuzz_step.c $(COMMON_SRC) $$(wildcard steps/$$*/*.c)
	@mkdir -p tests/fuzz/bin
	$(FUZZ_CC) -DSTEP_$$(echo $* | tr a-z A-Z) -Isteps/$* -Wl,--wrap=exit -o $@ \
	    tests/fuzz/fuzz_step.c $(filter-out steps/$*/main.c,$(wildcard steps/$*/*.c)) \
	    $(FUZZ_COMMON) $(JANSSON_LIBS) $(GSL_LIBS)
fuzz: fuzz-build bin/daily_run $(STEP_BINS)
	@tests/fuzz/seeds.sh tests/fuzz/corpus/seeds
	@seeds=""; test -d ../shared/research/jsontestsuite/test_parsing && \
	    seeds=../shared/research/jsontestsuite/test_parsing; \
	    for f in state jscan; do mkdir -p tests/fuzz/corpus/$$f; \
	    tests/fuzz/bin/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -close_fd_mask=2 tests/fuzz/corpus/$$f $$seeds 2>&1 | tail -n 1 || exit 1; done; \
	    for s in $(FUZZ_STEPS); do mkdir -p tests/fuzz/corpus/$$s; \
	    ASAN_OPTIONS=detect_leaks=0 tests/fuzz/bin/fuzz_$$s -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=1048576 -rss_limit_mb=4096 -timeout=60 -close_fd_mask=3 \
	    tests/fuzz/corpus/$$s tests/fuzz/corpus/seeds/$$s $$seeds 2>&1 | tail -n 1 || exit 1; done
.PHONY: fuzz fuzz-build
