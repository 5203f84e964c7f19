"""The indicator catalogue: one entry per management indicator, with the named
elements of an indicator sheet ("ficha del indicador"): name (Spanish and
English), objective, formula, unit, direction, default goal ("meta") and amber
band, frequency, owner role and data source, plus the xlcc function and
worksheet function that compute it. The indicator template and the docs are
built from it; ``as_rows()`` gives it as a table.

Default goals are common industry references for an inbound service or an
outbound campaign in a Latin American BPO; every campaign sets its own.
"""

from dataclasses import asdict, dataclass

from xlcc._validate import check_choice

__all__ = ["Indicator", "CATALOGUE", "BY_KEY", "as_rows"]


@dataclass(frozen=True)
class Indicator:
    key: str            # the xlcc.kpi function
    excel: str          # the worksheet function
    name_es: str
    name_en: str
    objective_es: str
    objective_en: str
    formula: str
    unit: str
    direction: str      # "higher" or "lower" is better
    goal: object        # default goal in ``unit``; None when it depends on the campaign
    amber_band: float   # fraction of the goal that still shows amber
    frequency: str
    owner: str
    source: str


def _i(key, excel, name_es, name_en, objective_es, objective_en, formula, unit, direction, goal,
       frequency, owner, source, amber_band=0.05):
    return Indicator(key, excel, name_es, name_en, objective_es, objective_en, formula, unit,
                     direction, goal, amber_band, frequency, owner, source)


ACD = "ACD interval report"
WFM = "WFM / adherence report"

CATALOGUE = (
    _i("service_level", "KPI_SERVICE_LEVEL", "Nivel de servicio", "Service level",
       "Atender las llamadas dentro del tiempo pactado", "Answer calls within the agreed time",
       "answered within threshold / offered", "fraction", "higher", 0.80, "interval, daily",
       "Coordinator", ACD),
    _i("abandon_rate", "KPI_ABANDON_RATE", "Tasa de abandono", "Abandonment rate",
       "Limitar los clientes que cuelgan sin ser atendidos",
       "Limit callers who hang up unanswered",
       "(abandoned - short abandons) / (offered - short abandons)", "fraction", "lower", 0.05,
       "interval, daily", "Coordinator", ACD),
    _i("asa", "KPI_ASA", "Velocidad media de respuesta (ASA)", "Average speed of answer",
       "Reducir la espera de los clientes atendidos", "Keep answered callers' wait short",
       "total wait of answered calls / answered", "seconds", "lower", 20.0, "interval, daily",
       "Coordinator", ACD),
    _i("aht", "KPI_AHT", "Tiempo medio de operación (TMO)", "Average handle time",
       "Controlar la duración de la gestión sin perder calidad",
       "Control handling time without losing quality",
       "(talk + hold + after-call work) / handled", "seconds", "lower", 300.0, "daily, weekly",
       "Quality analyst", ACD),
    _i("occupancy", "KPI_OCCUPANCY", "Ocupación", "Occupancy",
       "Aprovechar el tiempo disponible de los agentes sin agotarlos",
       "Use agents' available time without burning them out",
       "handle time / (handle time + idle ready time)", "fraction", "higher", 0.80,
       "interval, daily", "WFM analyst", ACD),
    _i("utilisation", "KPI_UTILISATION", "Utilización", "Utilisation",
       "Medir qué parte del tiempo pagado se dedica a contactos",
       "Measure the share of paid time spent on contacts",
       "handle time / paid time", "fraction", "higher", 0.65, "daily, weekly", "WFM analyst",
       WFM),
    _i("adherence", "KPI_ADHERENCE", "Adherencia al horario", "Schedule adherence",
       "Cumplir la malla de turnos en cada momento", "Follow the roster minute by minute",
       "time in the scheduled activity / scheduled time", "fraction", "higher", 0.90, "daily",
       "WFM analyst", WFM),
    _i("conformance", "KPI_CONFORMANCE", "Conformidad con el horario", "Schedule conformance",
       "Trabajar las horas programadas", "Work the hours scheduled",
       "time worked / time scheduled", "fraction", "higher", 0.97, "daily, weekly",
       "WFM analyst", WFM),
    _i("shrinkage", "KPI_SHRINKAGE", "Shrinkage (tiempo no productivo)", "Shrinkage",
       "Controlar el tiempo pagado no disponible para contactos",
       "Control paid time unavailable for contacts",
       "paid time off the phones / paid time", "fraction", "lower", 0.30, "weekly, monthly",
       "WFM analyst", WFM),
    _i("first_contact_resolution", "KPI_FCR", "Resolución en el primer contacto",
       "First-contact resolution", "Resolver sin que el cliente vuelva a llamar",
       "Resolve without the customer calling back",
       "resolved at first contact / contacts", "fraction", "higher", 0.70, "weekly, monthly",
       "Quality analyst", "CRM / post-call survey"),
    _i("transfer_rate", "KPI_TRANSFER_RATE", "Tasa de transferencia", "Transfer rate",
       "Atender en el primer punto de contacto", "Handle at the first point of contact",
       "transferred / handled", "fraction", "lower", 0.10, "daily, weekly", "Coordinator", ACD),
    _i("contacts_per_hour", "KPI_CONTACTS_PER_HOUR", "Productividad (contactos por hora)",
       "Contacts per hour", "Medir la productividad por hora conectada",
       "Measure productivity per logged-in hour", "handled / logged-in hours",
       "contacts per hour", "higher", None, "daily, weekly", "Coordinator", ACD),
    _i("cost_per_contact", "KPI_COST_PER_CONTACT", "Costo por contacto", "Cost per contact",
       "Controlar el costo de la operación por contacto atendido",
       "Control operating cost per handled contact", "total cost / contacts handled",
       "currency", "lower", None, "monthly", "Operations manager", "Finance"),
    _i("contact_rate", "KPI_CONTACT_RATE", "Contactabilidad", "Contact rate",
       "Alcanzar a las personas de la base", "Reach the people in the list",
       "contacted / dialed", "fraction", "higher", 0.30, "daily", "Coordinator",
       "Dialer report"),
    _i("right_party_rate", "KPI_RIGHT_PARTY_RATE", "Contacto efectivo (titular)",
       "Right-party contact rate", "Hablar con la persona buscada",
       "Talk to the person sought", "right-party contacts / contacted", "fraction", "higher",
       0.70, "daily", "Coordinator", "Dialer report"),
    _i("effectiveness", "KPI_EFFECTIVENESS", "Efectividad", "Effectiveness",
       "Convertir los contactos efectivos en resultados",
       "Turn right-party contacts into outcomes",
       "successful outcomes / right-party contacts", "fraction", "higher", 0.15, "daily",
       "Coordinator", "CRM / dialer"),
    _i("conversion", "KPI_CONVERSION", "Conversión", "Conversion",
       "Medir el rendimiento de toda la base marcada",
       "Measure the yield of the whole list dialed", "sales / dialed", "fraction", "higher",
       0.03, "daily, weekly", "Operations manager", "CRM / dialer"),
    _i("promise_rate", "KPI_PROMISE_RATE", "Tasa de promesas de pago", "Promise-to-pay rate",
       "Obtener compromisos de pago de los titulares",
       "Obtain payment commitments from debtors", "promises to pay / right-party contacts",
       "fraction", "higher", 0.25, "daily", "Collections coordinator", "Collections system"),
    _i("recovery_rate", "KPI_RECOVERY_RATE", "Recaudo (recuperación)", "Recovery rate",
       "Convertir las promesas y la cartera asignada en pagos",
       "Turn promises and assigned balances into payments",
       "amount recovered / base amount (promised or assigned)", "fraction", "higher", 0.60,
       "weekly, monthly", "Collections coordinator", "Collections system"),
    _i("retention_rate", "KPI_RETENTION", "Retención de clientes", "Customer retention",
       "Conservar la cartera de clientes", "Keep the customer portfolio",
       "(customers at end - new customers) / customers at start", "fraction", "higher", 0.90,
       "monthly", "Account manager", "CRM"),
    _i("churn_rate", "KPI_CHURN", "Deserción de clientes (churn)", "Customer churn",
       "Limitar la pérdida de clientes", "Limit customer losses", "1 - retention", "fraction",
       "lower", 0.10, "monthly", "Account manager", "CRM"),
)

BY_KEY = {i.key: i for i in CATALOGUE}


def as_rows(language="es"):
    """The catalogue as a header and rows of text, in Spanish ("es") or English ("en")."""
    language = check_choice("language", language, ("es", "en"))
    header = {"es": ["Indicador", "Objetivo", "Fórmula", "Unidad", "Sentido", "Meta",
                     "Banda ámbar", "Frecuencia", "Responsable", "Fuente", "Función"],
              "en": ["Indicator", "Objective", "Formula", "Unit", "Direction", "Goal",
                     "Amber band", "Frequency", "Owner", "Source", "Function"]}[language]
    rows = []
    for i in CATALOGUE:
        d = asdict(i)
        rows.append([d[f"name_{language}"], d[f"objective_{language}"], i.formula, i.unit,
                     i.direction, "" if i.goal is None else i.goal, i.amber_band, i.frequency,
                     i.owner, i.source, i.excel])
    return header, rows


def render_markdown():
    """``docs/indicators.md``: the catalogue as an indicator sheet in both languages."""
    lines = ["# Indicadores de gestión / Management indicators", "",
             "Generated by `xlcc generate` from `xlcc/kpi/catalogue.py`; do not edit by hand.",
             "Default goals are references; every campaign sets its own.", ""]
    for language in ("es", "en"):
        header, rows = as_rows(language)
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
        lines.append("")
    return "\n".join(lines)
