"""Management-indicator worksheet functions (KPI_*): ratios of totals.

Counts are counts in the period; times are seconds (an Excel time value x 86400);
money in any one currency. A zero denominator shows #DIV/0!, as in Excel. Sum
the totals of a day or a month first, then apply the function: never average
percentages.
"""

from xlcc import kpi
from xlcc.functions.errors import XlError
from xlcc.functions.spec import Arg, Spec


def _count(name, help_en, help_es, unit="count"):
    return Arg(name, unit, help_en, help_es)


def _seconds(name, help_en, help_es):
    return Arg(name, "seconds", help_en, help_es)


OFFERED = _count("offered", "Calls offered", "Llamadas ofrecidas")
ANSWERED = _count("answered", "Calls answered", "Llamadas atendidas")
HANDLED = _count("handled", "Contacts handled", "Contactos gestionados")
CONTACTS = _count("contacts", "Contacts", "Contactos")
CONTACTED = _count("contacted", "Records reached by a person", "Registros contactados")
DIALED = _count("dialed", "Records dialed", "Registros marcados")
RIGHT_PARTY = _count("right_party", "Contacts with the right person (RPC)",
                     "Contactos con el titular (contacto efectivo)")
SCHEDULED = _seconds("scheduled", "Scheduled time", "Tiempo programado")
PAID = _seconds("paid_time", "Paid time", "Tiempo pagado")
HANDLE = _seconds("handle_time", "Handle time (talk + hold + wrap)",
                  "Tiempo de operación (conversación + espera + posllamada)")
CUSTOMERS = (_count("start_customers", "Customers at the start of the period",
                    "Clientes al inicio del periodo"),
             _count("end_customers", "Customers at the end of the period",
                    "Clientes al final del periodo"),
             _count("new_customers", "Customers acquired in the period",
                    "Clientes nuevos del periodo"))
ACTUAL = Arg("actual", "indicator unit", "Measured value", "Valor medido")
GOAL = Arg("goal", "indicator unit", "Goal (meta), same unit as actual",
           "Meta, en la unidad del indicador")
DIRECTION = Arg("direction", "word", "higher (default) or lower: which way is better",
                "higher (mayor es mejor, predeterminado) o lower (menor es mejor)",
                default="higher", choices=kpi.DIRECTIONS)


def _rate(name, call, help_en, help_es, args, example):
    return Spec(name, call, help_en, help_es, args, example, nan_error=XlError.DIV0)


SPECS = (
    _rate("KPI_SERVICE_LEVEL",
          lambda answered_within, offered, abandoned_within, short_abandons, answered, definition:
          kpi.service_level(answered_within, offered, abandoned_within, short_abandons, answered,
                            definition),
          "Service level: calls answered within the threshold over offered calls (or the "
          "chosen definition).",
          "Nivel de servicio: llamadas atendidas dentro del umbral sobre ofrecidas (o la "
          "definición elegida).",
          (_count("answered_within", "Calls answered within the threshold",
                  "Llamadas atendidas dentro del umbral"), OFFERED,
           Arg("abandoned_within", "count", "Calls abandoned before the threshold (default 0)",
               "Llamadas abandonadas antes del umbral (predeterminado 0)", default=0.0),
           Arg("short_abandons", "count", "Short abandons, e.g. under 5 s (default 0)",
               "Abandonos cortos, p. ej. menos de 5 s (predeterminado 0)", default=0.0),
           Arg("answered", "count", "All calls answered (for definition answered)",
               "Total de llamadas atendidas (para la definición answered)", default=0.0),
           Arg("definition", "word", "offered (default), offered_net, answered, abandons_met "
               "or abandons_excluded", "offered (predeterminada), offered_net, answered, "
               "abandons_met o abandons_excluded", default="offered",
               choices=kpi.SL_DEFINITIONS)),
          (80, 100)),
    _rate("KPI_ABANDON_RATE",
          lambda abandoned, offered, short_abandons, definition:
          kpi.abandon_rate(abandoned, offered, short_abandons, definition),
          "Abandonment rate, excluding short abandons (definition net, default) or over all "
          "offered calls (offered).",
          "Tasa de abandono, sin abandonos cortos (net, predeterminada) o sobre todas las "
          "ofrecidas (offered).",
          (_count("abandoned", "Calls abandoned", "Llamadas abandonadas"), OFFERED,
           Arg("short_abandons", "count", "Short abandons (default 0)",
               "Abandonos cortos (predeterminado 0)", default=0.0),
           Arg("definition", "word", "net (default) or offered", "net (predeterminada) u offered",
               default="net", choices=kpi.ABANDON_DEFINITIONS)),
          (10, 100, 4)),
    _rate("KPI_ASA", lambda answer_wait, answered: kpi.asa(answer_wait, answered),
          "Average speed of answer, seconds: total wait of answered calls / answered calls.",
          "Velocidad media de respuesta (ASA), segundos: espera total de atendidas / atendidas.",
          (_seconds("answer_wait", "Total wait of the answered calls",
                    "Espera total de las llamadas atendidas"), ANSWERED), (1200, 100)),
    _rate("KPI_AHT", lambda talk, hold, wrap, handled: kpi.aht(talk, hold, wrap, handled),
          "Average handle time, seconds: (talk + hold + after-call work) / handled.",
          "Tiempo medio de operación (TMO), segundos: (conversación + espera + posllamada) / "
          "gestionados.",
          (_seconds("talk", "Total talk time", "Tiempo total de conversación"),
           _seconds("hold", "Total hold time", "Tiempo total en espera"),
           _seconds("wrap", "Total after-call work", "Tiempo total de posllamada"), HANDLED),
          (15000, 1000, 2000, 100)),
    _rate("KPI_OCCUPANCY", lambda handle_time, idle_time: kpi.occupancy(handle_time, idle_time),
          "Occupancy: handle time / (handle time + idle ready time).",
          "Ocupación: tiempo de operación / (operación + tiempo disponible ocioso).",
          (HANDLE, _seconds("idle_time", "Idle time while ready", "Tiempo disponible sin llamada")),
          (1500, 500)),
    _rate("KPI_UTILISATION", lambda handle_time, paid_time: kpi.utilisation(handle_time, paid_time),
          "Utilisation: handle time / paid time.", "Utilización: tiempo de operación / pagado.",
          (HANDLE, PAID), (1500, 3000)),
    _rate("KPI_ADHERENCE", lambda in_adherence, scheduled: kpi.adherence(in_adherence, scheduled),
          "Schedule adherence: time doing the scheduled activity / scheduled time.",
          "Adherencia al horario: tiempo en la actividad programada / tiempo programado.",
          (_seconds("in_adherence", "Time in the scheduled activity",
                    "Tiempo en la actividad programada"), SCHEDULED), (2700, 3000)),
    _rate("KPI_CONFORMANCE", lambda worked, scheduled: kpi.conformance(worked, scheduled),
          "Schedule conformance: time worked / time scheduled.",
          "Conformidad: tiempo trabajado / tiempo programado.",
          (_seconds("worked", "Time worked", "Tiempo trabajado"), SCHEDULED), (3300, 3000)),
    _rate("KPI_SHRINKAGE", lambda lost_time, paid_time: kpi.shrinkage(lost_time, paid_time),
          "Shrinkage: paid time not available for contacts / paid time.",
          "Shrinkage: tiempo pagado no disponible para contactos / tiempo pagado.",
          (_seconds("lost_time", "Paid time off the phones (breaks, training, absence)",
                    "Tiempo pagado fuera de línea (descansos, formación, ausencias)"), PAID),
          (900, 3000)),
    _rate("KPI_FCR", lambda resolved_first, contacts: kpi.first_contact_resolution(resolved_first,
                                                                                   contacts),
          "First-contact resolution: contacts resolved at the first contact / contacts.",
          "Resolución en el primer contacto: resueltos al primer contacto / contactos.",
          (_count("resolved_first", "Contacts resolved at the first contact",
                  "Contactos resueltos en el primer contacto"), CONTACTS), (72, 90)),
    _rate("KPI_TRANSFER_RATE", lambda transferred, handled: kpi.transfer_rate(transferred, handled),
          "Transfer rate: transferred contacts / handled contacts.",
          "Tasa de transferencia: contactos transferidos / gestionados.",
          (_count("transferred", "Contacts transferred", "Contactos transferidos"), HANDLED),
          (5, 100)),
    _rate("KPI_CONTACTS_PER_HOUR",
          lambda handled, logged_time: kpi.contacts_per_hour(handled, logged_time),
          "Productivity: contacts handled per logged-in hour.",
          "Productividad: contactos gestionados por hora conectada.",
          (HANDLED, _seconds("logged_time", "Logged-in time", "Tiempo conectado")), (96, 28800)),
    _rate("KPI_COST_PER_CONTACT", lambda cost, contacts: kpi.cost_per_contact(cost, contacts),
          "Cost per contact: total cost / contacts handled.",
          "Costo por contacto: costo total / contactos gestionados.",
          (_count("cost", "Total cost of the period", "Costo total del periodo", "currency"),
           CONTACTS), (1500, 600)),
    _rate("KPI_CONTACT_RATE", lambda contacted, dialed: kpi.contact_rate(contacted, dialed),
          "Contact rate: records reached by a person / records dialed.",
          "Contactabilidad: registros contactados / registros marcados.",
          (CONTACTED, DIALED), (300, 1000)),
    _rate("KPI_RIGHT_PARTY_RATE",
          lambda right_party, contacted: kpi.right_party_rate(right_party, contacted),
          "Right-party contact rate: contacts with the person sought / contacts.",
          "Tasa de contacto efectivo: contactos con el titular / contactos.",
          (RIGHT_PARTY, CONTACTED), (240, 300)),
    _rate("KPI_EFFECTIVENESS", lambda successful, right_party: kpi.effectiveness(successful,
                                                                                right_party),
          "Effectiveness: successful outcomes (sale, agreement, promise) / right-party contacts.",
          "Efectividad: gestiones exitosas (venta, acuerdo, promesa) / contactos efectivos.",
          (_count("successful", "Successful outcomes", "Gestiones exitosas"), RIGHT_PARTY),
          (60, 240)),
    _rate("KPI_CONVERSION", lambda sales, dialed: kpi.conversion(sales, dialed),
          "Conversion: sales / records dialed (the whole funnel).",
          "Conversión: ventas / registros marcados (todo el embudo).",
          (_count("sales", "Sales", "Ventas"), DIALED), (60, 1000)),
    _rate("KPI_PROMISE_RATE", lambda promises, right_party: kpi.promise_rate(promises, right_party),
          "Collections: promises to pay / right-party contacts.",
          "Cobranza: promesas de pago / contactos efectivos.",
          (_count("promises", "Promises to pay", "Promesas de pago"), RIGHT_PARTY), (90, 240)),
    _rate("KPI_RECOVERY_RATE", lambda recovered, base: kpi.recovery_rate(recovered, base),
          "Collections: amount recovered / base amount (promised, or portfolio assigned).",
          "Cobranza: monto recuperado / monto base (prometido o cartera asignada).",
          (_count("recovered", "Amount recovered", "Monto recuperado", "currency"),
           _count("base", "Base amount: promised or assigned", "Monto base: prometido o asignado",
                  "currency")), (45000, 60000)),
    _rate("KPI_RETENTION", lambda start_customers, end_customers, new_customers:
          kpi.retention_rate(start_customers, end_customers, new_customers),
          "Retention: (customers at the end - new customers) / customers at the start.",
          "Retención: (clientes al final - nuevos) / clientes al inicio.",
          CUSTOMERS, (1000, 1050, 120)),
    _rate("KPI_CHURN", lambda start_customers, end_customers, new_customers:
          kpi.churn_rate(start_customers, end_customers, new_customers),
          "Churn: share of the starting customers lost in the period (1 - retention).",
          "Deserción (churn): proporción de clientes iniciales perdidos (1 - retención).",
          CUSTOMERS, (1000, 1050, 120)),
    Spec("KPI_TIER", lambda value, low, high: kpi.customer_tier(value, low, high),
         "Customer tier: 1 if value >= high, 2 if value >= low, else 3.",
         "Segmento de cliente: 1 si valor >= high, 2 si valor >= low, si no 3.",
         (Arg("value", "value or score", "Customer value or behaviour score",
              "Valor o puntaje de comportamiento del cliente"),
          Arg("low", "value or score", "Lower threshold (tier 2 from here)",
              "Umbral inferior (segmento 2 desde aquí)"),
          Arg("high", "value or score", "Upper threshold (tier 1 from here)",
              "Umbral superior (segmento 1 desde aquí)")), (500, 100, 1000)),
    Spec("KPI_ATTAINMENT", lambda actual, goal, direction: kpi.attainment(actual, goal, direction),
         "Goal attainment, 1 = on goal: actual/goal, or 2 - actual/goal when lower is better.",
         "Cumplimiento de la meta, 1 = en meta: real/meta, o 2 - real/meta si menor es mejor.",
         (ACTUAL, GOAL, DIRECTION), (0.76, 0.8)),
    Spec("KPI_STATUS", lambda actual, goal, direction, amber_band:
         kpi.status(actual, goal, direction, amber_band),
         "Traffic light: 1 green (goal met), 0 amber (within amber_band of it), -1 red.",
         "Semáforo: 1 verde (meta cumplida), 0 ámbar (dentro de amber_band), -1 rojo.",
         (ACTUAL, GOAL, DIRECTION,
          Arg("amber_band", "fraction 0-1", "Amber band below the goal, e.g. 0.05 (default)",
              "Banda ámbar bajo la meta, p. ej. 0,05 (predeterminado)", default=0.05,
              percent=True)), (0.77, 0.8)),
)
