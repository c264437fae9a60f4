UNIT_DEPS_test_tfit = steps/risk/tfit.o steps/risk/tquant.o
