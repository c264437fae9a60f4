# test_portfolio links the model objects of step-portfolio (all but main.o).
UNIT_DEPS_test_portfolio = $(filter-out $(B)/steps/portfolio/main.o,$(patsubst %.c,$(B)/%.o,$(wildcard steps/portfolio/*.c)))
