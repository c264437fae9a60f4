# test_agents links the agents' model files (everything but main.o).
AGENTS_MODEL_OBJS = $(filter-out $(B)/steps/agents/main.o,$(patsubst %.c,$(B)/%.o,$(wildcard steps/agents/*.c)))
UNIT_DEPS_test_agents = $(AGENTS_MODEL_OBJS)
UNIT_DEPS_test_agents_state = $(AGENTS_MODEL_OBJS)
