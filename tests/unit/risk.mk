UNIT_DEPS_test_risk = $(addprefix $(B)/steps/risk/,var.o stress.o limits.o mc.o drawdown.o \
    config.o tfit.o tquant.o order.o)
