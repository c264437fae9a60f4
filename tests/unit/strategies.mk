# test_strategies links the strategy objects of step-strategies (all but main.o).
UNIT_DEPS_test_strategies = $(filter-out $(B)/steps/strategies/main.o,$(patsubst %.c,$(B)/%.o,$(wildcard steps/strategies/*.c)))
