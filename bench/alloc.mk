# bench/45-alloc.sh: the allocator's timing program (step-portfolio's model objects).
BENCH_ALLOC_OBJ = $(filter-out %/main.o,$(patsubst %.c,$(B)/%.o,$(wildcard steps/portfolio/*.c)))
bench/alloc_bench: $(B)/bench/alloc_bench.o $(BENCH_ALLOC_OBJ) $(LIBNUM) $(LIBCOMMON)
	$(CC) $(LDFLAGS) -o $@ $(B)/bench/alloc_bench.o $(BENCH_ALLOC_OBJ) $(LIBS_NUM)
