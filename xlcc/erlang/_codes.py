"""Integer codes the kernels dispatch on, importable without numba.

The API modules pass these codes to the kernels' entry points (``xlcc.erlang._native``);
the kernels read them as module globals, which numba freezes as compile-time
constants. Keeping them here lets a process that runs the ahead-of-time compiled
kernels never import numba at all.
"""

from types import SimpleNamespace

# Erlang C measures: ``what`` of erlang_c_vec
ERLANG_C = SimpleNamespace(PWAIT=0, SL=1, ASA=2, QUEUE_TIME=3, QUEUE_LENGTH=4, OCCUPANCY=5,
                           ANSWER_TIME=6)

# Erlang A measures: ``what`` of erlang_a_vec
ERLANG_A = SimpleNamespace(PWAIT=0, ABANDON=1, SL_OFFERED=2, SL_ANSWERED=3, SL_VIRTUAL=4, ASA=5,
                           OCCUPANCY=6)

# search kinds of staff_vec / capacity_vec     p[0]       p[1]     p[2]      p[3]  p[4]
B_SERVERS = 0        # servers with B <= target      traffic    target
B_TRAFFIC = 1        # traffic with B == target      servers    target
C_SL_AGENTS = 2      # agents with SL >= target      traffic    aht      t         target
C_ASA_AGENTS = 3     # agents with ASA <= target     traffic    aht      target
C_SL_TRAFFIC = 4     # traffic with SL == target     agents     aht      t         target
C_SL_AHT = 5         # aht with SL == target         agents     calls/s  t         target
B_EXT_LOAD = 6       # offered load of retrials      servers    fresh    retry
A_SL_OFFERED = 10    # Erlang A agents, SL kinds:    traffic    aht      patience  t     target
A_SL_ANSWERED = 11
A_SL_VIRTUAL = 12
A_ABANDON = 13       # Erlang A agents, caps:        traffic    aht      patience  -     target
A_ASA = 14
A_OCCUPANCY = 15
