UNIT_DEPS_test_risk = steps/risk/var.o steps/risk/stress.o steps/risk/limits.o steps/risk/mc.o \
    steps/risk/drawdown.o steps/risk/config.o steps/risk/tfit.o steps/risk/tquant.o
