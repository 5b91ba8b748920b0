# sitrep — GNU make.
#
# GNU make rather than POSIX make: the source list comes from the tree
# ($(wildcard)), so adding a module is adding a file, and -MMD dependency
# files make incremental builds correct when a header changes.  Both are
# things POSIX make cannot express; every platform sitrep targets ships GNU
# make as `make` (or `gmake`).
#
#   make            build ./sitrep
#   make run        install what is missing, build, start sitrep
#   make test       install what is missing, build, run every test
#   make asan       the whole suite under AddressSanitizer + UBSan
#   make valgrind   the command-line integration tests under valgrind
#   make bench      the benchmarks (tests/bench; BENCH='ingest refresh')
#   make install / uninstall   (PREFIX, DESTDIR)
#   make clean

PREFIX  ?= /usr/local
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/sitrep
MANDIR   = $(PREFIX)/share/man/man1
DESTDIR ?=

CC      ?= cc
CFLAGS  ?= -O2 -g
LDFLAGS ?=
BUILD   ?= build

STD   = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN  = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
PATHS = -DSITREP_DATADIR='"$(DATADIR)"' -DSITREP_SRCDIR='"$(CURDIR)"'
VERSION = 0.1.0

PKGS = ncursesw libcurl libxml-2.0 sqlite3 json-c
# ncursesw's pkg-config adds -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600, which would
# quietly widen every file's feature set beyond POSIX 2008; the interface
# asks for the wide-character curses API with NCURSES_WIDECHAR instead.
PKG_CFLAGS := $(filter-out -D_DEFAULT_SOURCE -D_XOPEN_SOURCE%,\
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || \
	echo -lncursesw -ltinfo -lcurl -lxml2 -lsqlite3 -ljson-c)
INI_CFLAGS = -I/usr/include/iniparser -I/usr/local/include/iniparser \
	-I/opt/homebrew/include/iniparser
INI_LIBS   = -liniparser
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

ALL_CFLAGS = $(STD) $(WARN) -pthread -Iinclude -I$(BUILD)/gen \
	-DSITREP_VERSION='"$(VERSION)"' \
	-DNCURSES_WIDECHAR=1 \
	$(PATHS) $(PKG_CFLAGS) $(INI_CFLAGS) $(CFLAGS)
ALL_LIBS   = $(PKG_LIBS) $(INI_LIBS) -lm -pthread

# Every module folder under src/ (store/, feed/, cli/, ui/, ...) is picked up
# by the wildcard: a new file is a new module, with no Makefile edit.
SRC      := $(sort $(wildcard src/*.c src/*/*.c))
LIB_SRC  := $(filter-out src/main.c,$(SRC))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/src/main.o
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TESTS    := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
REPLAYS  := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
BENCH_SRC := $(sort $(wildcard tests/bench/bench_*.c))
BENCHES  := $(BENCH_SRC:tests/bench/%.c=$(BUILD)/bench/%)
LIBA     := $(BUILD)/libsitrep.a
BIN      := $(if $(filter build,$(BUILD)),sitrep,$(BUILD)/sitrep)

.PHONY: all run test asan valgrind bench deps deps-test tests warnings fuzz \
	install uninstall clean

all: $(BIN)

$(BIN): $(MAIN_OBJ) $(LIBA)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(LIBA) $(ALL_LIBS)

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	@# q (append), not r (replace): two folders may hold files of the same
	@# name, such as src/cli/refresh.c and src/refresh.c, and r keeps one.
	$(AR) qcs $@ $(LIB_OBJ)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/test_%: tests/test_%.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) \
		$(ALL_LIBS) $(CMOCKA_LIBS)

$(BUILD)/bench/bench_%: tests/bench/bench_%.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(ALL_LIBS)

# Each fuzz target also links with a plain driver that replays its corpus
# (seeds and past crashes) in make test and make asan.
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(LIBA) \
		$(ALL_LIBS)

tests: $(TESTS) $(REPLAYS)

# The built-in briefing templates are the files of templates/, compiled in
# as they are shipped (tools/embed.sh), so nothing is written twice.
TEMPLATES := $(sort $(wildcard templates/brief.*))
$(BUILD)/gen/brief_templates.h: $(TEMPLATES) tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh $@ $(TEMPLATES)
$(BUILD)/src/brief/load.o: $(BUILD)/gen/brief_templates.h

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)

# One dependency step for run and test: install what is missing with
# apt-get when possible, else print the exact command and stop.
deps:
	@sh tools/deps.sh run
deps-test:
	@sh tools/deps.sh test

run: deps
	@$(MAKE) --no-print-directory all
	@sh tools/run.sh ./$(BIN)

test: deps-test
	@$(MAKE) --no-print-directory all tests
	@sh tests/run.sh $(BUILD)

# The whole suite again under AddressSanitizer and UBSan, in its own tree.
asan: deps-test
	@$(MAKE) --no-print-directory BUILD=build-asan \
		CFLAGS='-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined' \
		LDFLAGS='-fsanitize=address,undefined' all tests
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		sh tests/run.sh build-asan

# The command-line integration tests with every sitrep run under valgrind
# (memcheck: no errors, no definite or indirect leaks); the tmux tests are
# left to make asan, whose timing they can bear.
valgrind:
	@sh tools/deps.sh valgrind
	@$(MAKE) --no-print-directory BUILD=build-valgrind CFLAGS='-O1 -g' all tests
	@sh tests/valgrind.sh build-valgrind

bench: deps-test
	@$(MAKE) --no-print-directory all $(BENCHES)
	@sh tests/bench/run.sh $(BUILD) $(BENCH)

# libFuzzer runs (clang): FUZZ='feed render' picks targets, FUZZ_SECONDS
# how long each runs.  New crashes land in tests/fuzz/ to be kept.
FUZZ ?= $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_SECONDS ?= 60
# libFuzzer's own options: its figures at the end (executions, coverage)
FUZZ_FLAGS ?= -print_final_stats=1
fuzz:
	@$(MAKE) --no-print-directory CC=clang BUILD=build-fuzz \
		CFLAGS='-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined' \
		build-fuzz/libsitrep.a
	@for t in $(FUZZ); do \
		clang $(ALL_CFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined \
			-fno-sanitize-recover=undefined \
			-o build-fuzz/fuzz_$$t tests/fuzz/fuzz_$$t.c \
			build-fuzz/libsitrep.a $(ALL_LIBS) || exit 1; \
		mkdir -p build-fuzz/corpus_$$t; \
		build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
			-artifact_prefix=tests/fuzz/corpus_$$t/ \
			build-fuzz/corpus_$$t tests/fuzz/corpus_$$t || exit 1; \
	done

# Zero warnings with gcc and clang, as errors (CI runs this).
warnings:
	@for cc in gcc clang; do \
		command -v $$cc >/dev/null 2>&1 || { echo "warnings: $$cc not installed, skipped"; continue; }; \
		$(MAKE) --no-print-directory -s CC=$$cc BUILD=build-$$cc \
			CFLAGS='-O2 -Werror' all tests $(BENCHES:$(BUILD)/%=build-$$cc/%) || exit 1; \
		echo "warnings: $$cc clean"; \
	done

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/themes \
		$(DESTDIR)$(DATADIR)/demo $(DESTDIR)$(MANDIR)
	cp -f sitrep $(DESTDIR)$(BINDIR)/sitrep
	chmod 755 $(DESTDIR)$(BINDIR)/sitrep
	cp -f config.example.ini $(DESTDIR)$(DATADIR)/config.example.ini
	for t in themes/*.ini; do [ -f "$$t" ] && cp -f "$$t" $(DESTDIR)$(DATADIR)/themes/ || true; done
	mkdir -p $(DESTDIR)$(DATADIR)/templates
	for t in templates/*; do [ -f "$$t" ] && cp -f "$$t" $(DESTDIR)$(DATADIR)/templates/ || true; done
	for d in demo/*; do [ -f "$$d" ] && cp -f "$$d" $(DESTDIR)$(DATADIR)/demo/ || true; done
	cp -f sitrep.1 $(DESTDIR)$(MANDIR)/sitrep.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sitrep $(DESTDIR)$(MANDIR)/sitrep.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-gcc build-clang build-fuzz build-valgrind sitrep \
		tests/bench/out
