# daily_run: one non-recursive GNU Makefile (docs/STYLE.md R36-R37).
.SUFFIXES:
# Plain `make` builds the programs, whatever rule comes first below.
.DEFAULT_GOAL := all

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
# Both are linked statically when the archives Debian's libgsl-dev and libopenblas-dev
# ship are there: resolving libgsl, libopenblas, libgfortran and libquadmath at start
# cost each of step-agents, -portfolio and -risk 1.5-3 ms before main (docs/BENCH.md
# "Static linking and the other steps"). Only OpenBLAS's BLAS objects are pulled in, so
# libgfortran is not needed (LAPACK would need it); the OpenMP build (it would need
# -fopenmp) is linked shared. STATIC_NUM=0, or a missing archive, links the shared
# libraries. Such a step is ~27 MB: OpenBLAS's kernels for every CPU, one picked at start.
STATIC_NUM ?= 1
GSL_A := $(if $(filter 1,$(STATIC_NUM)),$(wildcard $(shell \
	pkg-config --variable=libdir gsl)/libgsl.a))
OPENBLAS_A := $(if $(filter 1,$(STATIC_NUM)),$(filter %/openblas-pthread/libopenblas.a \
	%/openblas-serial/libopenblas.a,$(wildcard $(patsubst %/,%,$(shell \
	pkg-config --variable=libdir openblas 2>/dev/null))/libopenblas.a)))
GSL_LIBS := $(or $(GSL_A),-lgsl) $(if $(OPENBLAS_A),$(OPENBLAS_A) -lpthread,$(shell \
	pkg-config --libs openblas 2>/dev/null || echo -lgslcblas)) -lm
# The steps are linked wholly static (STATIC_STEPS=1, the default) when the C library's
# and jansson's archives are there and the build is not sanitised: a step then starts
# without the dynamic loader (no libraries to map, no symbols to resolve), 5-6 ms of
# the eight-step dry run (docs/BENCH.md "Static steps"). Not -static-pie: relocating
# OpenBLAS's kernel tables at each start gave 1.5 ms of it back, so the steps load at a
# fixed address (no ASLR; STATIC_STEPS=0 links them dynamic and PIE). daily_run stays
# dynamic: it dlopens libpq.
STATIC_STEPS ?= 1
STEP_STATIC := $(if $(and $(filter 1,$(STATIC_STEPS)),$(if $(filter 1,$(SAN)),,1), \
	$(filter /%,$(shell $(CC) -print-file-name=libc.a)), \
	$(wildcard $(shell pkg-config --variable=libdir jansson)/libjansson.a)),-static)
PQ_CFLAGS := $(shell pkg-config --cflags libpq)
PQ_LIBS := $(shell pkg-config --libs libpq)
UUID_CFLAGS := $(shell pkg-config --cflags uuid)
UUID_LIBS := $(shell pkg-config --libs uuid)

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.1.0)
# Every object gets jansson's flags; GSL's and libpq/uuid's only where they are used
# (target-specific additions below, docs/STYLE.md R6).
ALL_CFLAGS = $(CSTD) $(WARN) $(CFLAGS) -Icommon $(JANSSON_CFLAGS) -MMD -MP

# Objects and libraries go under $(B), mirroring the source tree (build/common/x.o,
# build/steps/risk/y.o); the programs stay in bin/, tests/unit/bin/, tests/tools/bin/, bench/.
B = build

# Where an uninstalled daily_run finds its steps (DAILY_STEPDIR overrides at run time).
STEPDIR ?= $(CURDIR)/bin
# Where it finds the migrations (DAILY_MIGRATIONS overrides at run time).
MIGRATIONDIR ?= $(CURDIR)/migrations
MIGRATIONDIR_INSTALLED = $(PREFIX)/share/daily_run/migrations
# The state directory: empty in the tree ($XDG_STATE_HOME/daily_run), this when installed.
VARDIR ?=
VARDIR_INSTALLED = /var/lib/daily_run
# The configuration file an installed daily_run reads by default (docs/CONFIG.md).
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
CONFIGFILE_INSTALLED = $(SYSCONFDIR)/daily_run/config.json

COMMON_SRC := $(sort $(wildcard common/*.c))
# libnum.a holds the common/ modules that call GSL (found by their #include <gsl/...>)
# and those built on them (hmm: its k-means start uses GSL's RNG); libcommon.a the rest,
# which never calls into libnum.a. Programs that use neither GSL nor libnum link
# libcommon.a, jansson and libm only (docs/STYLE.md R2, R6).
GSL_COMMON_SRC := $(shell grep -lsF '<gsl/' $(COMMON_SRC))
NUM_SRC := $(sort $(GSL_COMMON_SRC) $(wildcard common/hmm.c common/hmm_em.c))
COMMON_OBJ := $(patsubst %.c,$(B)/%.o,$(filter-out $(NUM_SRC),$(COMMON_SRC)))
NUM_OBJ := $(patsubst %.c,$(B)/%.o,$(NUM_SRC))
LIBCOMMON = $(B)/libcommon.a
LIBNUM = $(B)/libnum.a
$(patsubst %.c,$(B)/%.o,$(GSL_COMMON_SRC)): ALL_CFLAGS += $(GSL_CFLAGS)

# A source that includes a GSL header or the header of a libnum module uses libnum:
# the step of its folder, a unit test that links it or includes it, links libnum.a,
# GSL and the BLAS and compiles with GSL's flags.
empty :=
space := $(empty) $(empty)
NUM_RE := <gsl/|"($(subst $(space),|,$(basename $(notdir $(NUM_SRC)))))\.h"
NUM_USERS := $(shell grep -lsE '$(NUM_RE)' steps/*/*.[ch] steps/*.c tests/unit/*.c)
# Libraries of a program over libcommon ($(LIBS_PLAIN)) or over libnum too ($(LIBS_NUM)).
LIBS_PLAIN = $(LIBCOMMON) $(JANSSON_LIBS) -lm
LIBS_NUM = $(LIBNUM) $(LIBCOMMON) $(JANSSON_LIBS) $(GSL_LIBS)

# Every steps/<name>/main.c (or steps/<name>.c) becomes bin/step-<name>.
STEP_DIRS := $(patsubst steps/%/main.c,%,$(wildcard steps/*/main.c))
STEP_FILES := $(patsubst steps/%.c,%,$(wildcard steps/*.c))
STEPS := $(sort $(STEP_DIRS) $(STEP_FILES))
STEP_BINS := $(addprefix bin/step-,$(STEPS))

ORCH_SRC := $(sort $(wildcard orchestrator/*.c))
ORCH_OBJ := $(patsubst %.c,$(B)/%.o,$(ORCH_SRC))
# Only the orchestrator's objects see the libpq and uuid headers (R6).
$(ORCH_OBJ): ALL_CFLAGS += $(PQ_CFLAGS) $(UUID_CFLAGS)

# The step table: steps/STEPS (the only list of the steps, in run order) becomes the
# initializer $(B)/gen/step_table.h of orchestrator/steptable.c (docs/EXTENDING.md).
# tests/fake-steps/daily_run-inserted is daily_run over that table with a step "hedge"
# inserted before portfolio (tests/bats/52-cli.bats: files are looked up by step name).
STEP_TABLE := steps/STEPS
$(B)/gen/step_table.h: $(STEP_TABLE) scripts/step-table
	@mkdir -p $(@D)
	scripts/step-table $(STEP_TABLE) > $@.tmp && mv $@.tmp $@
$(B)/orchestrator/steptable.o: $(B)/gen/step_table.h
$(B)/orchestrator/steptable.o: ALL_CFLAGS += -I$(B)/gen
# The configuration table: common/CONF_KEYS (one key a line, docs/CONFIG.md) becomes
# the initializer $(B)/gen/conf_keys.h of common/conf_keys.c.
$(B)/gen/conf_keys.h: common/CONF_KEYS scripts/conf-table
	@mkdir -p $(@D)
	scripts/conf-table common/CONF_KEYS > $@.tmp && mv $@.tmp $@
$(B)/common/conf_keys.o: $(B)/gen/conf_keys.h
$(B)/common/conf_keys.o: ALL_CFLAGS += -I$(B)/gen
$(B)/gen-inserted/step_table.h: $(STEP_TABLE) scripts/step-table
	@mkdir -p $(@D)
	awk '/^portfolio[ \t]/ { print "hedge 60" } { print }' $(STEP_TABLE) > $(@D)/STEPS
	scripts/step-table $(@D)/STEPS > $@.tmp && mv $@.tmp $@
$(B)/gen-inserted/steptable.o: orchestrator/steptable.c $(B)/gen-inserted/step_table.h
	$(CC) $(ALL_CFLAGS) -Iorchestrator -I$(B)/gen-inserted -c -o $@ $<
tests/fake-steps/daily_run-inserted: $(filter-out %/steptable.o,$(ORCH_OBJ)) \
    $(B)/gen-inserted/steptable.o $(LIBCOMMON)
	$(CC) $(LDFLAGS) -Wl,--as-needed -o $@ $(filter-out %/steptable.o,$(ORCH_OBJ)) \
	    $(B)/gen-inserted/steptable.o $(LIBCOMMON) $(JANSSON_LIBS) $(PQ_LIBS) $(UUID_LIBS) -lm

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_NAMES := $(patsubst tests/unit/%.c,%,$(UNIT_SRC))
UNIT_BINS := $(addprefix tests/unit/bin/,$(UNIT_NAMES))

FAKE_SRC := $(sort $(wildcard tests/fake-steps/*.c))
FAKE_BINS := $(FAKE_SRC:.c=)

# Small programs over common/ used by the bats suites.
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
TOOL_BINS := $(patsubst tests/tools/%.c,tests/tools/bin/%,$(TOOL_SRC))
TOOL_OBJ := $(patsubst %.c,$(B)/%.o,$(TOOL_SRC))

BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_OBJ := $(patsubst %.c,$(B)/%.o,$(BENCH_SRC))
BENCH_BINS := $(patsubst %.c,%,$(BENCH_SRC))
# The benchmark programs time the GSL solvers (bench/*.mk link $(LIBS_NUM)).
$(BENCH_OBJ): ALL_CFLAGS += $(GSL_CFLAGS)

all: bin/daily_run $(STEP_BINS)

$(LIBCOMMON): $(COMMON_OBJ)
	rm -f $@
	$(AR) rcs $@ $(COMMON_OBJ)

$(LIBNUM): $(NUM_OBJ)
	rm -f $@
	$(AR) rcs $@ $(NUM_OBJ)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

bin/daily_run: $(ORCH_OBJ) $(LIBCOMMON)
	@mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ $(ORCH_OBJ) $(LIBCOMMON) $(JANSSON_LIBS) $(PQ_LIBS) $(UUID_LIBS) -lm

# daily_run loads libpq with dlopen only when it stores a row (orchestrator/pq.c):
# --as-needed drops the unused DT_NEEDED, saving ~3 ms of start-up per run.
bin/daily_run: LDFLAGS += -Wl,--as-needed
$(B)/orchestrator/daily_run.o: ALL_CFLAGS += -DSTEPDIR='"$(STEPDIR)"' -DVERSION='"$(VERSION)"' \
	-DMIGRATIONDIR='"$(MIGRATIONDIR)"' -DVARDIR='"$(VARDIR)"'

# bin/step-<s> from the objects of steps/<s>/ (or steps/<s>.c): with libnum.a, GSL and
# the BLAS when one of its sources uses them ($(NUM_USERS)), else libcommon.a only.
define step_rule
STEP_SRC_$(1) := $$(wildcard steps/$(1)/*.c steps/$(1).c)
STEP_OBJ_$(1) := $$(patsubst %.c,$$(B)/%.o,$$(STEP_SRC_$(1)))
STEP_NUM_$(1) := $$(filter steps/$(1)/% steps/$(1).c,$$(NUM_USERS))
$$(STEP_OBJ_$(1)): ALL_CFLAGS += $$(if $$(STEP_NUM_$(1)),$$(GSL_CFLAGS))
bin/step-$(1): $$(STEP_OBJ_$(1)) $$(if $$(STEP_NUM_$(1)),$$(LIBNUM)) $$(LIBCOMMON)
	@mkdir -p bin
	$$(CC) $$(LDFLAGS) $$(STEP_STATIC) -o $$@ $$(STEP_OBJ_$(1)) \
	    $$(if $$(STEP_NUM_$(1)),$$(LIBS_NUM),$$(LIBS_PLAIN))
endef
$(foreach s,$(STEPS),$(eval $(call step_rule,$(s))))
STEP_OBJ := $(foreach s,$(STEPS),$(STEP_OBJ_$(s)))
NUM_STEPS := $(foreach s,$(STEPS),$(if $(STEP_NUM_$(s)),$(s)))

# Unit tests may link a step's model files: tests/unit/<topic>.mk sets
# UNIT_DEPS_test_<x> = $(B)/steps/<step>/<model>.o ... for tests/unit/test_<x>.c.
-include $(wildcard tests/unit/*.mk)
# Benchmark helper programs declare their own rules in bench/<name>.mk.
-include $(wildcard bench/*.mk)

# A .mk written before build/ (steps/x/y.o) still works: UNIT_OBJS puts the $(B)/ in.
# A unit test uses libnum when it or one of the objects it links does, or when it links
# objects of a step that does; it gets the libpq/uuid flags when it links orchestrator/.
define unit_rule
UNIT_OBJS_$(1) := $$(addprefix $$(B)/,$$(patsubst $$(B)/%,%,$$(UNIT_DEPS_$(1))))
UNIT_SRCS_$(1) := tests/unit/$(1).c $$(patsubst $$(B)/%.o,%.c,$$(UNIT_OBJS_$(1)))
UNIT_NUM_$(1) := $$(strip $$(filter $$(NUM_USERS) $$(NUM_SRC) \
	$$(foreach s,$$(NUM_STEPS),steps/$$(s)/%),$$(UNIT_SRCS_$(1))))
UNIT_ORCH_$(1) := $$(filter orchestrator/%,$$(UNIT_SRCS_$(1)))
$$(B)/tests/unit/$(1).o: ALL_CFLAGS += $$(if $$(UNIT_NUM_$(1)),$$(GSL_CFLAGS)) \
	$$(if $$(UNIT_ORCH_$(1)),$$(PQ_CFLAGS) $$(UUID_CFLAGS))
tests/unit/bin/$(1): $$(B)/tests/unit/$(1).o $$(UNIT_OBJS_$(1)) \
	    $$(if $$(UNIT_NUM_$(1)),$$(LIBNUM)) $$(LIBCOMMON)
	@mkdir -p tests/unit/bin
	$$(CC) $$(LDFLAGS) -o $$@ $$< $$(UNIT_OBJS_$(1)) \
	    $$(if $$(UNIT_NUM_$(1)),$$(LIBS_NUM),$$(LIBS_PLAIN)) \
	    $$(if $$(UNIT_ORCH_$(1)),$$(PQ_LIBS) $$(UUID_LIBS))
endef
$(foreach t,$(UNIT_NAMES),$(eval $(call unit_rule,$(t))))
UNIT_OBJ := $(patsubst %,$(B)/tests/unit/%.o,$(UNIT_NAMES))

tests/tools/bin/%: $(B)/tests/tools/%.o $(LIBCOMMON)
	@mkdir -p tests/tools/bin
	$(CC) $(LDFLAGS) -o $@ $< $(LIBS_PLAIN)

# Keep the objects make would see as intermediate (no rebuild on every make).
.SECONDARY: $(UNIT_OBJ) $(TOOL_OBJ) $(BENCH_OBJ)

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

test-build: all $(UNIT_BINS) $(FAKE_BINS) $(TOOL_BINS) tests/fake-steps/daily_run-inserted

# The orchestrator and unit suites only (CI's sanitizer pass).
check-core: test-build
	@TEST_SUITES=core tests/run-all

bench: all $(FAKE_BINS)
	@bench/run

# make lint: cppcheck, then the objects of common/, orchestrator/ and steps/ compiled with
# -Wconversion -Werror into $(B)/lint (incremental; the normal build is left alone).
# -O0: the conversion warnings come from the front end; the -O2 warnings are DEV=1's.
LINT_OBJ = $(COMMON_OBJ) $(NUM_OBJ) $(ORCH_OBJ) $(STEP_OBJ)
lint: $(B)/gen/conf_keys.h
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability --std=c11 \
	    -j2 --include=tests/lint/cppcheck.h \
	    -Icommon -I$(B)/gen common orchestrator steps
	$(MAKE) -s B=$(B)/lint CFLAGS="-O0 -Wconversion -Werror" lint-objs
lint-objs: $(LINT_OBJ)

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

# The installed daily_run finds its steps and migrations under PREFIX: it is linked
# apart, in $(B)/install/, from a daily_run.o compiled with those paths on every install
# (PREFIX may change between two); bin/daily_run keeps looking in the tree.
INST_DAILY_OBJ = $(B)/install/orchestrator/daily_run.o
$(INST_DAILY_OBJ): orchestrator/daily_run.c FORCE
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(PQ_CFLAGS) $(UUID_CFLAGS) -DSTEPDIR='"$(STEPDIR_INSTALLED)"' \
	    -DVERSION='"$(VERSION)"' -DMIGRATIONDIR='"$(MIGRATIONDIR_INSTALLED)"' \
	    -DVARDIR='"$(VARDIR_INSTALLED)"' -DCONFIGFILE='"$(CONFIGFILE_INSTALLED)"' -c -o $@ $<
$(B)/install/daily_run: $(INST_DAILY_OBJ) $(filter-out %/daily_run.o,$(ORCH_OBJ)) $(LIBCOMMON)
	$(CC) $(LDFLAGS) -Wl,--as-needed -o $@ $(INST_DAILY_OBJ) \
	    $(filter-out %/daily_run.o,$(ORCH_OBJ)) $(LIBCOMMON) $(JANSSON_LIBS) $(PQ_LIBS) \
	    $(UUID_LIBS) -lm
FORCE:

install: all $(B)/install/daily_run
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(STEPDIR_INSTALLED) $(DESTDIR)$(MANDIR)/man1
	install -d $(DESTDIR)$(MIGRATIONDIR_INSTALLED)
	install -m 644 migrations/*.sql $(DESTDIR)$(MIGRATIONDIR_INSTALLED)/
	install -d $(DESTDIR)$(PREFIX)/share/daily_run/data
	install -m 644 data/*.tsv $(DESTDIR)$(PREFIX)/share/daily_run/data/
	install -m 755 $(B)/install/daily_run $(DESTDIR)$(BINDIR)/daily_run
	for s in $(STEP_BINS); do install -m 755 $$s $(DESTDIR)$(STEPDIR_INSTALLED)/; done
	test ! -f man/daily_run.1 || install -m 644 man/daily_run.1 $(DESTDIR)$(MANDIR)/man1/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/daily_run $(DESTDIR)$(MANDIR)/man1/daily_run.1
	for s in $(STEPS); do rm -f $(DESTDIR)$(STEPDIR_INSTALLED)/step-$$s; done
	-rmdir $(DESTDIR)$(STEPDIR_INSTALLED) 2>/dev/null
	rm -f $(DESTDIR)$(PREFIX)/share/daily_run/data/catalogue*.tsv
	-rmdir $(DESTDIR)$(PREFIX)/share/daily_run/data 2>/dev/null
	rm -f $(DESTDIR)$(MIGRATIONDIR_INSTALLED)/[0-9][0-9][0-9][0-9]_*.sql
	-rmdir $(DESTDIR)$(MIGRATIONDIR_INSTALLED) $(DESTDIR)$(PREFIX)/share/daily_run 2>/dev/null

clean-objs:
	rm -rf $(B)

# lib/ and in-tree objects are the output of the layout before build/.
clean:
	rm -rf $(B) bin lib tests/unit/bin tests/tools/bin tests/fuzz/bin $(FAKE_BINS) $(BENCH_BINS) \
	    tests/fake-steps/daily_run-inserted
	find common orchestrator steps tests bench -name '*.[od]' -delete

.PHONY: all unit tools check test test-build check-core deps bench lint lint-objs db migrate \
	daily daily-dry daily-date install uninstall clean clean-objs FORCE

-include $(wildcard $(patsubst %.o,%.d,$(LINT_OBJ) $(UNIT_OBJ) $(TOOL_OBJ) $(BENCH_OBJ)))

# make fuzz: libFuzzer (clang, ASan+UBSan) on the shared state decoder, the scanner and
# each step's decode-and-validate entry (tests/fuzz/fuzz_step.c), FUZZ_SECONDS each,
# seeded with the JSONTestSuite files when ../shared/research is present and with the
# states of the synthetic default (tests/fuzz/seeds.sh). CI runs a short one.
FUZZ_SECONDS ?= 30
FUZZ_STEPS := $(shell scripts/step-table -n $(STEP_TABLE))
FUZZ_CC = clang $(CSTD) -g -O1 -fsanitize=fuzzer,address,undefined -Icommon -I$(B)/gen \
	$(JANSSON_CFLAGS) \
	$(GSL_CFLAGS)
FUZZ_COMMON = $(filter-out common/prog.c,$(COMMON_SRC))
FUZZ_STEP_BINS := $(addprefix tests/fuzz/bin/fuzz_,$(FUZZ_STEPS))
fuzz-build: tests/fuzz/bin/fuzz_state tests/fuzz/bin/fuzz_jscan $(FUZZ_STEP_BINS)
tests/fuzz/bin/fuzz_state: tests/fuzz/fuzz_state.c $(COMMON_SRC)
	@mkdir -p tests/fuzz/bin
	$(FUZZ_CC) -o $@ tests/fuzz/fuzz_state.c \
	    $(addprefix common/,die.c xalloc.c parse.c date.c state.c jparse.c jcanon.c jsonout.c field.c series.c dataset.c) \
	    $(JANSSON_LIBS) -lm
tests/fuzz/bin/fuzz_jscan: tests/fuzz/fuzz_jscan.c $(COMMON_SRC)
	@mkdir -p tests/fuzz/bin
	$(FUZZ_CC) -o $@ tests/fuzz/fuzz_jscan.c \
	    $(addprefix common/,die.c xalloc.c parse.c state.c jparse.c jcanon.c jsonout.c jscan.c) \
	    $(JANSSON_LIBS) -lm
.SECONDEXPANSION:
# One harness per step: its sources but main.c, exit() wrapped (tests/fuzz/fuzz_step.c).
$(FUZZ_STEP_BINS): tests/fuzz/bin/fuzz_%: tests/fuzz/fuzz_step.c $(COMMON_SRC) $$(wildcard steps/$$*/*.c) \
    $(B)/gen/conf_keys.h
	@mkdir -p tests/fuzz/bin
	$(FUZZ_CC) -DSTEP_$$(echo $* | tr a-z A-Z) -Isteps/$* -Wl,--wrap=exit -o $@ \
	    tests/fuzz/fuzz_step.c $(filter-out steps/$*/main.c,$(wildcard steps/$*/*.c)) \
	    $(FUZZ_COMMON) $(JANSSON_LIBS) $(GSL_LIBS)
# Each harness's output is kept in tests/fuzz/corpus/<name>.log; a crash prints its tail
# and fails the target (a pipe into tail hid the status).
fuzz: fuzz-build bin/daily_run $(STEP_BINS)
	@tests/fuzz/seeds.sh tests/fuzz/corpus/seeds
	@seeds=""; test -d ../shared/research/jsontestsuite/test_parsing && \
	    seeds=../shared/research/jsontestsuite/test_parsing; \
	    for f in state jscan; do mkdir -p tests/fuzz/corpus/$$f; \
	    tests/fuzz/bin/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -close_fd_mask=2 tests/fuzz/corpus/$$f $$seeds > tests/fuzz/corpus/$$f.log 2>&1 || \
	    { tail -n 40 tests/fuzz/corpus/$$f.log; exit 1; }; tail -n 1 tests/fuzz/corpus/$$f.log; done; \
	    for s in $(FUZZ_STEPS); do mkdir -p tests/fuzz/corpus/$$s; \
	    ASAN_OPTIONS=detect_leaks=0 tests/fuzz/bin/fuzz_$$s -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=1048576 -rss_limit_mb=4096 -timeout=60 -close_fd_mask=3 \
	    tests/fuzz/corpus/$$s tests/fuzz/corpus/seeds/$$s $$seeds > tests/fuzz/corpus/$$s.log 2>&1 || \
	    { tail -n 40 tests/fuzz/corpus/$$s.log; exit 1; }; tail -n 1 tests/fuzz/corpus/$$s.log; done
.PHONY: fuzz fuzz-build
