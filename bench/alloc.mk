# bench/45-alloc.sh: the allocator's timing program (step-portfolio's model objects).
BENCH_ALLOC_OBJ = $(filter-out %/main.o,$(patsubst %.c,%.o,$(wildcard steps/portfolio/*.c)))
bench/alloc_bench: bench/alloc_bench.o $(BENCH_ALLOC_OBJ) $(LIBCOMMON)
	$(CC) $(LDFLAGS) -o $@ bench/alloc_bench.o $(BENCH_ALLOC_OBJ) $(LIBCOMMON) $(STEP_LIBS)
