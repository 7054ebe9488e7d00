"""The sentences behind each reason code: why an exercise is in the plan, in Dutch and English.

The patient reads these in their plan, so they follow the glossary's voice (je/jouw, B1, short
sentences). Blocking reasons are read by the therapist instead of a plan.
"""

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Reason:
    """Pair a reason code with its sentence for the patient (or, for blocks, the therapist)."""

    code: str
    nl: str
    en: str


REASONS = (
    # Blocks: read by the therapist on the plan page instead of a plan.
    Reason(
        "blocked_referred",
        nl="De patiënt is doorverwezen naar een arts. Er komt geen thuisplan tot de screening "
        "op rode vlaggen is bijgewerkt.",
        en="The patient has been referred to a doctor. No home plan is drafted until the "
        "red-flag screen is updated.",
    ),
    Reason(
        "blocked_emergency",
        nl="Rode vlaggen: spoed (mogelijk cauda-equinasyndroom). Neem nu contact op met de "
        "huisarts of huisartsenpost en leg je besluit vast voordat je een plan maakt.",
        en="Red flags: emergency (possible cauda equina syndrome). Contact the GP or "
        "out-of-hours GP now and record your decision before drafting a plan.",
    ),
    Reason(
        "blocked_urgent",
        nl="Rode vlaggen: urgent. Neem vandaag contact op met de huisarts en leg je besluit "
        "vast voordat je een plan maakt.",
        en="Red flags: urgent. Contact the GP today and record your decision before drafting "
        "a plan.",
    ),
    Reason(
        "blocked_prompt",
        nl="Rode vlaggen: neem binnen enkele dagen contact op met de huisarts. Leg je besluit "
        "vast (huisarts akkoord, of doorgaan met onderbouwing) voordat je een plan maakt.",
        en="Red flags: contact the GP within days. Record your decision (GP cleared, or "
        "continue with written reasoning) before drafting a plan.",
    ),
    # Plan items: read by the patient. B1, je/jouw, the why in one short sentence first.
    Reason(
        "starter",
        nl="Rustig en laag ademen naar je buik is de basis van jouw plan. Daarom begin je "
        "met deze oefening.",
        en="Calm, low breathing into your belly is the basis of your plan. That is why you "
        "start with this exercise.",
    ),
    Reason(
        "high_risk_calm",
        nl="Je rug is sterk, ook al doet hij nu pijn. Pijn betekent meestal niet dat er iets "
        "kapot is. Rustig ademen helpt je lichaam om te ontspannen.",
        en="Your back is strong, even though it hurts now. Pain usually does not mean that "
        "something is damaged. Calm breathing helps your body relax.",
    ),
    Reason(
        "graded_walking",
        nl="Bewegen is goed voor je rug, ook als het nog wat pijn doet. Daarom wandel je elke "
        "dag. Bouw het rustig op.",
        en="Moving is good for your back, even if it still hurts a little. That is why you "
        "walk every day. Build it up step by step.",
    ),
    Reason(
        "upper_chest",
        nl="Je ademt in rust vooral hoog in je borst. Daarom oefen je om lager en breder te "
        "ademen, naar je buik en je flanken.",
        en="At rest you breathe mostly high in your chest. So you practise breathing lower "
        "and wider, into your belly and your sides.",
    ),
    Reason(
        "acute_pain",
        nl="Je hebt nu veel pijn. Daarom doe je alles rustig en met minder herhalingen. "
        "Rustig uitademen helpt je om te ontspannen.",
        en="You are in a lot of pain right now. So you do everything gently and with fewer "
        "repetitions. Breathing out slowly helps you relax.",
    ),
    Reason(
        "nq_elevated",
        nl="Op de vragenlijst over je ademhaling heb je veel klachten aangegeven. Langzaam en "
        "rustig ademen kan die klachten verminderen.",
        en="On the breathing questionnaire you reported many symptoms. Slow, calm breathing "
        "can reduce these symptoms.",
    ),
    Reason(
        "raised_rate",
        nl="Je ademt in rust wat snel. Daarom oefen je om langzamer te ademen.",
        en="You breathe a little fast at rest. So you practise breathing more slowly.",
    ),
    Reason(
        "mouth_breathing",
        nl="Je ademt in rust vaak door je mond. Daarom oefen je om rustig door je neus te ademen.",
        en="At rest you often breathe through your mouth. So you practise calm breathing "
        "through your nose.",
    ),
    Reason(
        "accessory_muscles",
        nl="Bij het ademen in rust werken je nek- en schouderspieren hard mee. Daarom oefen je "
        "om naar je onderste ribben te ademen.",
        en="When you breathe at rest, your neck and shoulder muscles work hard. So you "
        "practise breathing into your lower ribs.",
    ),
    Reason(
        "sighs",
        nl="Je zucht of gaapt vaak. Een rustig en regelmatig ademritme helpt daartegen.",
        en="You often sigh or yawn. A calm, regular breathing rhythm helps with this.",
    ),
    Reason(
        "calm",
        nl="Je hebt veel spanning of je slaapt slecht. Langzaam ademen helpt je lichaam om tot "
        "rust te komen.",
        en="You feel a lot of tension or you sleep badly. Slow breathing helps your body "
        "calm down.",
    ),
    Reason(
        "nq_borderline",
        nl="Op de vragenlijst over je ademhaling heb je een aantal klachten aangegeven. Rustig "
        "uitademen helpt je ademhaling tot rust te komen.",
        en="On the breathing questionnaire you reported some symptoms. Breathing out slowly "
        "helps your breathing settle.",
    ),
    Reason(
        "core_with_breath",
        nl="Je middenrif en je diepe buikspier werken samen. Ze geven je rug steun. Deze "
        "oefening traint ze samen met je adem.",
        en="Your diaphragm and your deep belly muscle work together. They support your back. "
        "This exercise trains them together with your breath.",
    ),
    Reason(
        "breathing_upright",
        nl="Je blijft de rustige, lage ademhaling oefenen, nu rechtop. Zo neem je hem mee in "
        "je dag.",
        en="You keep practising calm, low breathing, now sitting upright. This way you take "
        "it into your day.",
    ),
    Reason(
        "thoracic_mobility",
        nl="Je bovenrug is wat stijf. Als je bovenrug soepeler beweegt, krijgt je adem meer "
        "ruimte.",
        en="Your upper back is a bit stiff. When your upper back moves more easily, your "
        "breath gets more room.",
    ),
    Reason(
        "forward_head",
        nl="Je hoofd staat vaak wat naar voren. Deze oefening helpt je om ontspannen rechtop "
        "te zitten en te staan.",
        en="Your head often sits a little forward. This exercise helps you sit and stand "
        "upright in a relaxed way.",
    ),
    Reason(
        "desk_upper_back",
        nl="Je zit veel achter een bureau. Je bovenrug wordt dan stijf. Deze oefening maakt je "
        "bovenrug soepeler, zodat je ontspannen rechtop zit en ruimer ademt.",
        en="You spend many hours at a desk, and your upper back gets stiff. This exercise makes "
        "your upper back move more freely, so you sit upright in a relaxed way and breathe "
        "more easily.",
    ),
    Reason(
        "recurrent",
        nl="Je rugpijn komt vaker terug of duurt al lang. Sterke diepe buik- en rugspieren "
        "geven je rug meer steun.",
        en="Your back pain keeps coming back or has lasted a long time. Strong deep belly and "
        "back muscles give your back more support.",
    ),
    Reason(
        "flexion_painful",
        nl="Voorover buigen doet je nu pijn. Daarom kiezen we oefeningen zonder diep buigen.",
        en="Bending forward hurts right now. So we choose exercises without deep bending.",
    ),
    Reason(
        "extension_painful",
        nl="Achterover buigen doet je nu pijn. Daarom kiezen we oefeningen zonder achterover "
        "buigen.",
        en="Bending backwards hurts right now. So we choose exercises without bending backwards.",
    ),
    Reason(
        "breathing_daily_life",
        nl="Nu gebruik je de rustige ademhaling bij gewone dingen, zoals lopen, koken of werken.",
        en="Now you use calm breathing during everyday things, such as walking, cooking or "
        "working.",
    ),
    Reason(
        "desk_microbreaks",
        nl="Je zit veel. Ongeveer elk half uur 2 tot 3 minuten opstaan en bewegen is goed "
        "voor je rug. Dit is een dagelijkse gewoonte, naast je oefeningen.",
        en="You sit a lot. Getting up and moving for 2 to 3 minutes about every half hour is "
        "good for your back. This is a daily habit, next to your exercises.",
    ),
    Reason(
        "lifting",
        nl="Tillen en zwaar werk vragen veel van je rug. Daarom oefen je om rustig uit te "
        "ademen als je iets zwaars doet.",
        en="Lifting and heavy work ask a lot of your back. So you practise breathing out "
        "calmly when you do something heavy.",
    ),
    Reason(
        "low_activity",
        nl="Je beweegt nu weinig. Elke dag een stukje wandelen is goed voor je rug en je "
        "ademhaling.",
        en="You move little at the moment. A short walk every day is good for your back and "
        "your breathing.",
    ),
    Reason(
        "foundation",
        nl="Rustig en laag ademen is de basis. Daarom oefen je het op meer manieren.",
        en="Calm, low breathing is the basis. That is why you practise it in more than one way.",
    ),
    Reason(
        "build",
        nl="Je maakt je buik- en rugspieren sterker. Je oefent steeds samen met je adem.",
        en="You make your belly and back muscles stronger. You always practise together "
        "with your breath.",
    ),
    Reason(
        "integrate",
        nl="Je neemt mee wat je geleerd hebt in je dagelijks leven. Zo blijft je rug sterk.",
        en="You take what you have learned into your daily life. This keeps your back strong.",
    ),
    Reason(
        "keep_active",
        nl="In beweging blijven is het beste voor je rug. Daarom wandel je elke dag, vanaf de "
        "eerste week. Dit is een dagelijkse gewoonte, naast je oefeningen.",
        en="Staying active is the best thing for your back. That is why you walk every day, "
        "from the first week. This is a daily habit, next to your exercises.",
    ),
    # Not an exercise's reason: why breathing-slowing exercises are held. The therapist reads
    # it on the findings page and the rules page; the plan editor shows it with the draft.
    Reason(
        "abnormal_rate",
        nl="Je ademhaling in rust was erg langzaam of erg snel. Dat laten we eerst door een arts "
        "bekijken. Oefeningen om langzamer te ademen doe je daarom nog niet.",
        en="Your breathing at rest was very slow or very fast. We first ask a doctor to look "
        "at this. That is why you do not do exercises to slow your breathing yet.",
    ),
)

_REASONS_BY_CODE = MappingProxyType({reason.code: reason for reason in REASONS})


def reason_text(code: str, language: str) -> str:
    """Return the sentence for a reason code in "nl" or "en" (other languages get Dutch)."""
    reason = _REASONS_BY_CODE[code]
    # "en-gb" and the like count as English; Dutch is the product's first language.
    return reason.en if language.lower().startswith("en") else reason.nl
