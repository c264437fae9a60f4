# The ingest step's connectors, PIT and generator, for their unit tests.
INGEST_CONN_OBJ = $(B)/steps/ingest/conn_csv.o $(B)/steps/ingest/conn_value.o \
	$(B)/steps/ingest/conn_json.o $(B)/steps/ingest/conn_anbima.o
UNIT_DEPS_test_ingest_conn = $(INGEST_CONN_OBJ)
UNIT_DEPS_test_ingest_pit = $(B)/steps/ingest/pit.o $(INGEST_CONN_OBJ)
UNIT_DEPS_test_synth = $(B)/steps/ingest/synth.o $(B)/steps/ingest/synth_anchor.o \
	$(B)/steps/ingest/synth_market.o $(B)/steps/ingest/synth_macro.o $(B)/steps/ingest/synth_rng.o
UNIT_DEPS_test_ingest_cache = $(B)/steps/ingest/cache.o $(B)/steps/ingest/conn_value.o
