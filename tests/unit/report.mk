UNIT_DEPS_test_report = $(B)/steps/report/summary.o $(B)/steps/report/svg.o $(B)/steps/report/format.o $(B)/steps/report/emit.o
