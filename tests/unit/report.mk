UNIT_DEPS_test_report = steps/report/summary.o steps/report/svg.o steps/report/format.o steps/report/emit.o
