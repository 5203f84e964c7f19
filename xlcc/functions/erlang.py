"""Queueing worksheet functions: Erlang B, C and A, staffing and workload.

Argument order and names are the contract with existing sheets. Units: calls
per interval, seconds for AHT / answer time / patience / ASA, minutes for the
interval (default 30), fractions 0-1 for targets, occupancy and shrinkage (a
target typed as 80 is read as 80%). No math here: each spec adapts Excel's
arguments to one call of the queueing API.
"""

from xlcc import erlang as q
from xlcc.functions.spec import Arg, Spec

# ---- arguments shared by many functions (one definition each)
AGENTS = Arg("agents", "agents", "Agents on the phones (fractional allowed)",
             "Agentes en línea (admite decimales)")
SERVERS = Arg("servers", "servers", "Servers, lines or agents (fractional allowed)",
              "Servidores, líneas o agentes (admite decimales)")
CALLS = Arg("calls", "calls per interval", "Calls offered in the interval",
            "Llamadas ofrecidas en el intervalo")
AHT = Arg("aht", "seconds", "Average handle time: talk + hold + after-call work",
          "Tiempo medio de operación (TMO): conversación + espera + posllamada")
TRAFFIC = Arg("traffic", "Erlangs", "Offered load, Erlangs (calls x AHT / interval length)",
              "Tráfico ofrecido en Erlangs (llamadas x TMO / duración del intervalo)")
ANSWER_TIME = Arg("answer_time", "seconds", "Answer-time threshold (the 20 in 80/20)",
                  "Tiempo de respuesta objetivo (el 20 de 80/20)")
SL_TARGET = Arg("sl_target", "fraction 0-1", "Service-level target, e.g. 0.8 or 80",
                "Nivel de servicio objetivo, p. ej. 0,8 u 80", percent=True)
INTERVAL = Arg("interval", "minutes", "Interval length (default 30)",
               "Duración del intervalo (predeterminado 30)", default=30.0)
PATIENCE = Arg("patience", "seconds", "Mean time callers wait before hanging up",
               "Tiempo medio que el cliente espera antes de abandonar")
MAX_BLOCKING = Arg("max_blocking", "fraction 0-1", "Highest acceptable blocking, e.g. 0.01",
                   "Bloqueo máximo aceptable, p. ej. 0,01", percent=True)
RETRY = Arg("retry", "fraction 0-1", "Share of blocked callers who call again",
            "Proporción de llamadas bloqueadas que reintentan", percent=True)
ASA_TARGET = Arg("asa_target", "seconds", "Highest acceptable average speed of answer",
                 "Tiempo medio de respuesta (ASA) máximo aceptable")
MAX_OCCUPANCY = Arg("max_occupancy", "fraction 0-1", "Occupancy cap (default 1: none)",
                    "Ocupación máxima (predeterminado 1: sin tope)", default=1.0, percent=True)
SHRINKAGE = Arg("shrinkage", "fraction 0-1",
                "Share of paid time off the phones (default 0); result is agents to schedule",
                "Proporción del tiempo pagado fuera de línea (predeterminado 0); "
                "el resultado son agentes a programar", default=0.0, percent=True)
MAX_ABANDON = Arg("max_abandon", "fraction 0-1", "Abandonment cap (default 1: none)",
                  "Abandono máximo (predeterminado 1: sin tope)", default=1.0, percent=True)
DEFINITION = Arg("definition", "word",
                 "Service-level definition: offered (default), answered or virtual",
                 "Definición del nivel de servicio: offered (ofrecidas, predeterminada), "
                 "answered (atendidas) o virtual", default="offered", choices=q.DEFINITIONS)
ABANDON_CAP = Arg("max_abandon", "fraction 0-1", "Abandonment cap, e.g. 0.05",
                  "Abandono máximo, p. ej. 0,05", percent=True)
REQUIRED_SHRINKAGE = Arg("shrinkage", "fraction 0-1", "Share of paid time off the phones",
                         "Proporción del tiempo pagado fuera de línea", percent=True)


def _load(calls, aht, interval):
    return q.traffic_erl(calls, aht, interval)


def _erlang_a_measure(name, measure, help_en, help_es):
    """The worksheet function for one Erlang A measure of a team:
    ``(agents, calls, aht, patience, [interval])``."""
    def call(agents, calls, aht, patience, interval):
        return measure(agents, _load(calls, aht, interval), aht, patience)
    return Spec(name, call, help_en, help_es, (AGENTS, CALLS, AHT, PATIENCE, INTERVAL),
                (10, 90, 180, 120))


def _staffing(fractional):
    """The six staffing functions, whole agents or (``fractional``) the exact real number."""
    suffix = "_FRACTIONAL" if fractional else ""
    what_en = "exact real number of" if fractional else "fewest whole"
    what_es = "número real exacto de" if fractional else "mínimo entero de"
    f = fractional
    return (
        Spec("ERLANGB_SERVERS" + suffix,
             lambda traffic, max_blocking: q.servers_for_blocking(traffic, max_blocking, f),
             f"Erlang B: {what_en} servers with blocking at most max_blocking.",
             f"Erlang B: {what_es} servidores con bloqueo no mayor que max_blocking.",
             (TRAFFIC, MAX_BLOCKING), (10, 0.01)),
        Spec("ERLANGB_EXT_SERVERS" + suffix,
             lambda traffic, max_blocking, retry: q.extended_servers_for_blocking(
                 traffic, max_blocking, retry, f),
             f"Extended Erlang B (blocked callers retry): {what_en} servers for max_blocking.",
             f"Erlang B extendido (reintentos): {what_es} servidores para max_blocking.",
             (TRAFFIC, MAX_BLOCKING, RETRY), (10, 0.01, 0.5)),
        Spec("ERLANGC_AGENTS" + suffix,
             lambda calls, aht, sl_target, answer_time, interval, max_occupancy, shrinkage:
             q.agents_for_service_level(_load(calls, aht, interval), aht, answer_time, sl_target,
                                        max_occupancy, shrinkage, f),
             f"Erlang C: {what_en} agents so that sl_target of calls are answered within "
             f"answer_time.",
             f"Erlang C: {what_es} agentes para atender sl_target de las llamadas dentro de "
             f"answer_time.",
             (CALLS, AHT, SL_TARGET, ANSWER_TIME, INTERVAL, MAX_OCCUPANCY, SHRINKAGE),
             (100, 180, 0.8, 20)),
        Spec("ERLANGC_AGENTS_ASA" + suffix,
             lambda calls, aht, asa_target, interval, max_occupancy, shrinkage:
             q.agents_for_asa(_load(calls, aht, interval), aht, asa_target, max_occupancy,
                              shrinkage, f),
             f"Erlang C: {what_en} agents for an average speed of answer of at most asa_target.",
             f"Erlang C: {what_es} agentes para un ASA no mayor que asa_target.",
             (CALLS, AHT, ASA_TARGET, INTERVAL, MAX_OCCUPANCY, SHRINKAGE), (100, 180, 10)),
        Spec("ERLANGA_AGENTS" + suffix,
             lambda calls, aht, patience, sl_target, answer_time, interval, max_abandon,
             max_occupancy, shrinkage, definition:
             q.erlang_a_agents_for_service_level(_load(calls, aht, interval), aht, patience,
                                                 answer_time, sl_target, max_abandon,
                                                 max_occupancy, shrinkage, definition, f),
             f"Erlang A (callers abandon): {what_en} agents for the service-level target.",
             f"Erlang A (con abandono): {what_es} agentes para el nivel de servicio objetivo.",
             (CALLS, AHT, PATIENCE, SL_TARGET, ANSWER_TIME, INTERVAL, MAX_ABANDON, MAX_OCCUPANCY,
              SHRINKAGE, DEFINITION), (100, 180, 120, 0.8, 20)),
        Spec("ERLANGA_AGENTS_ABANDON" + suffix,
             lambda calls, aht, patience, max_abandon, interval, shrinkage:
             q.erlang_a_agents_for_abandon(_load(calls, aht, interval), aht, patience,
                                           max_abandon, shrinkage, f),
             f"Erlang A: {what_en} agents keeping abandonment at most max_abandon.",
             f"Erlang A: {what_es} agentes con abandono no mayor que max_abandon.",
             (CALLS, AHT, PATIENCE, ABANDON_CAP, INTERVAL, SHRINKAGE), (100, 180, 120, 0.05)),
    )


SPECS = (
    Spec("TRAFFIC", lambda calls, aht, interval: q.traffic_erl(calls, aht, interval),
         "Offered load in Erlangs: calls x aht / (interval x 60).",
         "Tráfico ofrecido en Erlangs: llamadas x TMO / (intervalo x 60).",
         (CALLS, AHT, INTERVAL), (100, 180)),
    Spec("ERLANGB", lambda servers, traffic: q.erlang_b(servers, traffic),
         "Erlang B blocking probability: share of calls that find every server busy.",
         "Probabilidad de bloqueo Erlang B: llamadas que encuentran todo ocupado.",
         (SERVERS, TRAFFIC), (3, 10.4)),
    Spec("ERLANGB_TRAFFIC", lambda servers, max_blocking: q.traffic_for_blocking(servers,
                                                                                max_blocking),
         "Erlang B: most traffic (Erlangs) the servers carry with blocking at most max_blocking.",
         "Erlang B: tráfico máximo (Erlangs) que cursan los servidores con bloqueo max_blocking.",
         (SERVERS, MAX_BLOCKING), (18, 0.01)),
    Spec("ERLANGB_EXT", lambda servers, traffic, retry: q.extended_erlang_b(servers, traffic,
                                                                           retry),
         "Extended Erlang B: blocking when a share retry of blocked callers call again.",
         "Erlang B extendido: bloqueo cuando una proporción retry de bloqueados reintenta.",
         (SERVERS, TRAFFIC, RETRY), (12, 10, 0.5)),
    Spec("ERLANGB_EXT_TRAFFIC",
         lambda servers, max_blocking, retry: q.extended_traffic_for_blocking(servers,
                                                                              max_blocking, retry),
         "Extended Erlang B: most fresh traffic (Erlangs) the servers carry at max_blocking.",
         "Erlang B extendido: tráfico nuevo máximo (Erlangs) con bloqueo max_blocking.",
         (SERVERS, MAX_BLOCKING, RETRY), (18, 0.01, 0.5)),
    Spec("ERLANGC", lambda agents, traffic: q.erlang_c(agents, traffic),
         "Erlang C probability that a call waits (1 when agents <= traffic).",
         "Probabilidad Erlang C de que una llamada espere (1 si agentes <= tráfico).",
         (AGENTS, TRAFFIC), (14, 10)),
    Spec("ERLANGC_SL",
         lambda agents, calls, aht, answer_time, interval:
         q.service_level(agents, _load(calls, aht, interval), aht, answer_time),
         "Erlang C service level: share of calls answered within answer_time (0 if unstable).",
         "Nivel de servicio Erlang C: llamadas atendidas dentro de answer_time (0 si inestable).",
         (AGENTS, CALLS, AHT, ANSWER_TIME, INTERVAL), (14, 100, 180, 20)),
    Spec("ERLANGC_ASA",
         lambda agents, calls, aht, interval: q.asa(agents, _load(calls, aht, interval), aht),
         "Erlang C average speed of answer over all calls, seconds (#NUM! if unstable).",
         "Velocidad media de respuesta (ASA) Erlang C, segundos (#¡NUM! si inestable).",
         (AGENTS, CALLS, AHT, INTERVAL), (14, 100, 180)),
    Spec("ERLANGC_QUEUE_TIME",
         lambda agents, calls, aht, interval: q.queue_time(agents, _load(calls, aht, interval),
                                                           aht),
         "Erlang C mean wait of the calls that wait, seconds (#NUM! if unstable).",
         "Espera media de las llamadas que esperan, segundos (#¡NUM! si inestable).",
         (AGENTS, CALLS, AHT, INTERVAL), (14, 100, 180)),
    Spec("ERLANGC_QUEUE_LENGTH",
         lambda agents, calls, aht, interval: q.queue_length(agents, _load(calls, aht, interval)),
         "Erlang C mean number of calls waiting (#NUM! if unstable).",
         "Número medio de llamadas en cola (#¡NUM! si inestable).",
         (AGENTS, CALLS, AHT, INTERVAL), (14, 100, 180)),
    Spec("ERLANGC_OCCUPANCY",
         lambda agents, calls, aht, interval: q.occupancy(agents, _load(calls, aht, interval)),
         "Erlang C occupancy: share of agents' time on calls (at most 1).",
         "Ocupación Erlang C: proporción del tiempo de los agentes en llamadas (máximo 1).",
         (AGENTS, CALLS, AHT, INTERVAL), (14, 100, 180)),
    Spec("ERLANGC_ANSWER_TIME",
         lambda agents, calls, aht, sl_target, interval:
         q.answer_time(agents, _load(calls, aht, interval), aht, sl_target),
         "Erlang C: shortest answer time (seconds) the agents meet at sl_target.",
         "Erlang C: menor tiempo de respuesta (segundos) que los agentes cumplen con sl_target.",
         (AGENTS, CALLS, AHT, SL_TARGET, INTERVAL), (14, 100, 180, 0.9)),
    Spec("ERLANGC_CALLS",
         lambda agents, aht, sl_target, answer_time, interval:
         q.max_calls_for_service_level(agents, aht, answer_time, sl_target, interval),
         "Erlang C: most calls per interval the agents answer at the service-level target.",
         "Erlang C: máximo de llamadas por intervalo que los agentes atienden con el objetivo.",
         (AGENTS, AHT, SL_TARGET, ANSWER_TIME, INTERVAL), (14, 180, 0.8, 20)),
    Spec("ERLANGC_AHT",
         lambda agents, calls, sl_target, answer_time, interval:
         q.max_aht_for_service_level(agents, calls, answer_time, sl_target, interval),
         "Erlang C: longest AHT (seconds) at which the agents meet the service-level target.",
         "Erlang C: TMO máximo (segundos) con el que los agentes cumplen el objetivo.",
         (AGENTS, CALLS, SL_TARGET, ANSWER_TIME, INTERVAL), (14, 100, 0.8, 20)),
    _erlang_a_measure("ERLANGA_PWAIT", q.erlang_a_wait_probability,
                      "Erlang A probability that a call waits.",
                      "Probabilidad Erlang A de que una llamada espere."),
    _erlang_a_measure("ERLANGA_ABANDON", q.erlang_a_abandon_probability,
                      "Erlang A share of offered calls that abandon.",
                      "Proporción Erlang A de llamadas ofrecidas que abandonan."),
    Spec("ERLANGA_SL",
         lambda agents, calls, aht, patience, answer_time, interval, definition:
         q.erlang_a_service_level(agents, _load(calls, aht, interval), aht, patience,
                                  answer_time, definition),
         "Erlang A service level within answer_time (definition: offered, answered, virtual).",
         "Nivel de servicio Erlang A dentro de answer_time (definición: offered, answered, "
         "virtual).",
         (AGENTS, CALLS, AHT, PATIENCE, ANSWER_TIME, INTERVAL, DEFINITION),
         (10, 90, 180, 120, 20)),
    _erlang_a_measure("ERLANGA_ASA", q.erlang_a_asa,
                      "Erlang A average speed of answer of the answered calls, seconds.",
                      "ASA Erlang A de las llamadas atendidas, segundos."),
    _erlang_a_measure("ERLANGA_OCCUPANCY", q.erlang_a_occupancy,
                      "Erlang A occupancy: carried load / agents.",
                      "Ocupación Erlang A: tráfico cursado / agentes."),
    Spec("SCHEDULED_AGENTS", lambda agents, shrinkage: q.scheduled_agents(agents, shrinkage),
         "Agents to schedule: ROUNDUP(agents / (1 - shrinkage)).",
         "Agentes a programar: REDONDEAR.MAS(agentes / (1 - shrinkage)).",
         (AGENTS, REQUIRED_SHRINKAGE), (21, 0.3)),
) + _staffing(False) + _staffing(True)
