# bench/40-portfolio.sh: the ERC solver timing program and the in-process timing
# of the two steps' computations (their model objects, without main.o).
BENCH_PORT_OBJ = $(filter-out %/main.o,$(patsubst %.c,%.o,$(wildcard steps/strategies/*.c steps/portfolio/*.c)))
bench/erc_bench: bench/erc_bench.o $(LIBCOMMON)
	$(CC) $(LDFLAGS) -o $@ bench/erc_bench.o $(LIBCOMMON) $(STEP_LIBS)
bench/portfolio_bench: bench/portfolio_bench.o $(BENCH_PORT_OBJ) $(LIBCOMMON)
	$(CC) $(LDFLAGS) -o $@ bench/portfolio_bench.o $(BENCH_PORT_OBJ) $(LIBCOMMON) $(STEP_LIBS)
