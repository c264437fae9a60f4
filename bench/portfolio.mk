# bench/40-portfolio.sh: the ERC solver timing program and the in-process timing
# of the two steps' computations (their model objects, without main.o).
BENCH_PORT_OBJ = $(filter-out %/main.o,$(patsubst %.c,$(B)/%.o,$(wildcard steps/strategies/*.c steps/portfolio/*.c)))
bench/erc_bench: $(B)/bench/erc_bench.o $(LIBNUM) $(LIBCOMMON)
	$(CC) $(LDFLAGS) -o $@ $(B)/bench/erc_bench.o $(LIBS_NUM)
bench/portfolio_bench: $(B)/bench/portfolio_bench.o $(BENCH_PORT_OBJ) $(LIBNUM) $(LIBCOMMON)
	$(CC) $(LDFLAGS) -o $@ $(B)/bench/portfolio_bench.o $(BENCH_PORT_OBJ) $(LIBS_NUM)
