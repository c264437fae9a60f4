UNIT_DEPS_test_tfit = $(B)/steps/risk/tfit.o $(B)/steps/risk/tquant.o $(B)/steps/risk/order.o
