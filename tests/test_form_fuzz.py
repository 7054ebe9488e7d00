"""One fuzz harness over every form of the URLconf: never a 500, all or nothing, input kept.

The walk (like the isolation walk, tests/test_tenant_isolation.py) asks every page of the
URLconf, with the ids of a real clinic's objects, for its POST forms. For each form target,
Hypothesis builds submissions from the form's own fields (the values the page shows, valid
values from the field's type and limits, and junk) and posts them as a signed-in member of the
clinic that owns the objects. Every post must:

- never answer a server error;
- when refused (the form shown again, 200 with errors), leave every row as it was;
- when refused, show again what was typed in the text fields;
- when accepted, store no markup (plain-text fields refuse HTML).

Each example runs in a savepoint that is rolled back, so every example starts from the same
state: a failure shrinks and replays (`HYPOTHESIS_PROFILE`, tests/conftest.py).
"""

import copy
import datetime
import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from hypothesis import event, note, settings
from hypothesis import strategies as st

from clinic.models import Clinic, Therapist
from patients.models import Episode, Patient, Visit
from patients.screening import selfentry
from plans import services as plan_services
from plans.models import Exercise
from tests.conftest import PASSWORD, make_user
from tests.e2e import arrange
from tests.examples import for_each_example
from tests.formwalk import Form, post_forms
from tests.urlwalk import iter_routes

# Each test runs in a savepoint inside the module's transaction (the `world` fixture).
pytestmark = pytest.mark.django_db

# Forms on every page that the walk does not fuzz, and why.
NOT_FUZZED = {
    "set_language": "the language switch of every page (tests/clinic/test_language.py)",
    "account_logout": "signing out ends the session the walk needs",
    "sign_out_everywhere": "signing out ends the session the walk needs",
}
# Routes the walk does not ask for a page (they serve files or end the session).
NOT_ASKED = {"account_logout", "sign_out_everywhere", "healthz"}


# --- the clinic the walk visits ---------------------------------------------------------------


def build_world():
    """Arrange one clinic with an object behind every page; return the ids and users."""
    clinic = Clinic.objects.create(name="Praktijk Alpha", phone="010 111 22 33")
    alice = make_user(clinic, "alice@alpha.test")
    admin = make_user(clinic, "admin@alpha.test", role=Therapist.Role.ADMIN)
    patient = Patient.objects.create(
        clinic=clinic,
        number=1,
        first_name="Anna",
        last_name="Jansen",
        date_of_birth=datetime.date(1980, 5, 17),
        language="nl",
    )
    opened = timezone.localdate() - datetime.timedelta(days=28)
    episode = Episode.objects.create(
        clinic=clinic, patient=patient, therapist=alice, referral="direct", opened_on=opened
    )
    intake = Visit.objects.create(episode=episode, kind="intake", date=opened, therapist=alice)
    arrange.ready_for_a_plan(episode, alice)
    issued = arrange.issued_plan_on(episode, alice, opened)
    followup = Visit.objects.create(
        episode=episode,
        kind=Visit.Kind.FOLLOW_UP,
        date=timezone.localdate() - datetime.timedelta(days=7),
        therapist=alice,
    )
    draft = plan_services.plan_revise(plan=issued, user=alice)
    # A second patient: a plan issued today (the morning print run) and a red flag to decide on.
    other = Patient.objects.create(
        clinic=clinic,
        number=2,
        first_name="Bert",
        last_name="Vandaag",
        date_of_birth=datetime.date(1985, 3, 1),
    )
    flagged = Episode.objects.create(
        clinic=clinic, patient=other, therapist=alice, referral="direct", opened_on=opened
    )
    Visit.objects.create(episode=flagged, kind="intake", date=opened, therapist=alice)
    arrange.ready_for_a_plan(flagged, alice)
    arrange.issued_plan(flagged, alice)
    arrange.red_flags(flagged, alice, trauma="yes")
    own = Exercise.objects.get(clinic=None, code="chin-tuck")
    own.pk, own.clinic, own.code = None, clinic, "alpha-neck-glide"
    own._state.adding = True
    own.save()
    return {
        "users": {"therapist": alice.pk, "admin": admin.pk},
        "patient": patient.pk,
        "episode": episode.pk,
        "flagged": flagged.pk,
        "intake": intake.pk,
        "followup": followup.pk,
        "issued": issued.pk,
        "draft": draft.pk,
        "exercise": own.pk,
        "number": patient.number,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The clinic of the walk, arranged once per module in a transaction rolled back after it.

    Each test of the module runs in a savepoint inside it (pytest-django), and each Hypothesis
    example in a savepoint of its own. Rendered PDFs go to a temporary folder.
    """
    media = tmp_path_factory.mktemp("form-fuzz-media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        with scopes_disabled():
            built = build_world()
        yield built
        transaction.set_rollback(True)


# --- the pages of the walk and the forms they show --------------------------------------------

# The object of each page: which world object a route's <int:pk> takes (default: the episode).
PAGE_OBJECT = {
    "patients:detail": "patient",
    "patients:edit": "patient",
    "patients:episode_create": "patient",
    "patients:record_history": "patient",
    "patients:rights": "patient",
    "patients:export_json": "patient",
    "patients:export_pdf": "patient",
    "patients:erase": "patient",
    "patient_access_report": "patient",
    "patients:screening": "intake",
    "patients:nq_entry": "intake",
    "patients:observation": "intake",
    "patients:selfentry_start": "intake",
    "patients:followup_edit": "followup",
    "patients:followup_plan_revise": "followup",
    "plans:detail": "issued",
    "plans:revise": "issued",
    "plans:pdf": "issued",
    "plans:editor": "draft",
    "plans:issue": "draft",
    "plans:exercise_edit": "exercise",
}
PATH_VALUES = {"key": "history", "code": "nprs"}
SECTIONS = ("history", "pain", "redflags", "psychosocial", "work", "movement", "diagnosis")
# Pages beyond one per route: every intake section, and the episode with a red flag to decide.
EXTRA_PAGES = [
    *(("patients:intake_section", {"pk": "episode", "key": key}) for key in SECTIONS),
    ("patients:intake_section", {"pk": "flagged", "key": "redflags"}),
    ("patients:intake", {"pk": "flagged"}),
]


def page_routes():
    """Yield (route name, kwargs spec) of every page the walk asks for (the project's own)."""
    for route in iter_routes():
        if route.name.startswith(("admin:", "account_", "mfa_")) or route.name in NOT_ASKED:
            continue
        spec = {}
        for key, converter in route.converters.items():
            if type(converter).__name__ == "IntConverter":
                spec[key] = PAGE_OBJECT.get(route.name, "episode")
            else:
                spec[key] = PATH_VALUES.get(key, "x")
        yield route.name, spec
    yield from EXTRA_PAGES


def page_url(world, name, spec) -> str:
    return reverse(name, kwargs={key: world.get(value, value) for key, value in spec.items()})


# Every form the walk must find, with the page that shows it and who posts it. A form the walk
# finds that is not here (a new form) fails test_the_walk_finds_exactly_the_listed_forms.
THERAPIST, ADMIN = "therapist", "admin"
FORMS = {
    "clinic_settings": ("clinic_settings", {}, ADMIN),
    "patients:create": ("patients:create", {}, THERAPIST),
    "patients:edit": ("patients:edit", {"pk": "patient"}, THERAPIST),
    "patients:episode_create": ("patients:episode_create", {"pk": "patient"}, THERAPIST),
    "patients:episode_edit": ("patients:episode_edit", {"pk": "episode"}, THERAPIST),
    "patients:episode_close": ("patients:episode_close", {"pk": "episode"}, THERAPIST),
    "patients:visit_create": ("patients:visit_create", {"pk": "episode"}, THERAPIST),
    **{
        f"patients:intake_section[{key}]": (
            "patients:intake_section",
            {"pk": "episode", "key": key},
            THERAPIST,
        )
        for key in SECTIONS
    },
    "patients:redflag_decision": (
        "patients:intake_section",
        {"pk": "flagged", "key": "redflags"},
        THERAPIST,
    ),
    "patients:nq_entry": ("patients:nq_entry", {"pk": "intake"}, THERAPIST),
    "patients:observation": ("patients:observation", {"pk": "intake"}, THERAPIST),
    "patients:selfentry_start": ("patients:screening", {"pk": "intake"}, THERAPIST),
    "patients:selfentry_form": ("patients:selfentry_form", {}, THERAPIST),
    "patients:selfentry_unlock": ("patients:selfentry_form", {}, THERAPIST),
    "patients:followup_new": ("patients:followup_new", {"pk": "episode"}, THERAPIST),
    "patients:followup_edit": ("patients:followup_edit", {"pk": "followup"}, THERAPIST),
    "patients:followup_plan_revise": ("patients:followup_edit", {"pk": "followup"}, THERAPIST),
    "patients:discharge": ("patients:discharge", {"pk": "episode"}, THERAPIST),
    "patients:progress_pdf": ("patients:progress", {"pk": "episode"}, THERAPIST),
    "patients:erase": ("patients:rights", {"pk": "patient"}, ADMIN),
    "plans:generate": ("plans:episode_plans", {"pk": "episode"}, THERAPIST),
    "plans:editor": ("plans:editor", {"pk": "draft"}, THERAPIST),
    "plans:issue": ("plans:issue", {"pk": "draft"}, THERAPIST),
    "plans:revise": ("plans:detail", {"pk": "issued"}, THERAPIST),
    "plans:batch": ("plans:batch", {}, THERAPIST),
    "plans:exercise_create": ("plans:exercise_create", {}, ADMIN),
    "plans:exercise_edit": ("plans:exercise_edit", {"pk": "exercise"}, ADMIN),
}
SELF_ENTRY_PAGES = {"patients:selfentry_form"}


def signed_in(world, role) -> Client:
    """Return a client of a member of the world's clinic, recently re-authenticated."""
    client = Client()
    client.force_login(Therapist.objects.get(pk=world["users"][role]))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return client


def start_self_entry(client, world):
    """Hand the session to the patient: it shows only the questionnaire until unlocked."""
    client.post(reverse("patients:selfentry_start", args=[world["intake"]]))


def end_self_entry(client):
    session = client.session
    session.pop(selfentry.SESSION_KEY, None)
    session.save()


def walk(world) -> dict[str, set]:
    """Return every POST form of the walk's pages: target -> {(page url, role)}.

    Each page is asked by the therapist, and by the admin when the therapist is refused.
    """
    found: dict[str, set] = {}
    clients = {role: signed_in(world, role) for role in (THERAPIST, ADMIN)}
    for name, spec in page_routes():
        url = page_url(world, name, spec)
        for role in (THERAPIST, ADMIN):
            client = clients[role]
            if name in SELF_ENTRY_PAGES:
                start_self_entry(client, world)
            response = client.get(url)
            if name in SELF_ENTRY_PAGES:
                end_self_entry(client)
            if response.status_code != 403:
                break
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in post_forms(response.content.decode(), url):
            found.setdefault(form.target, set()).add((url, role))
    return found


def test_the_walk_finds_exactly_the_listed_forms(world):
    """A form added to a page (or one gone) must be listed here, so the fuzz test covers it."""
    found = walk(world)
    assert set(found) == set(FORMS) | set(NOT_FUZZED)
    for target, (page, spec, role) in FORMS.items():
        assert (page_url(world, page, spec), role) in found[target], target


# --- what the fuzz test posts ------------------------------------------------------------------

NASTY = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<b>vet</b>",
    "a\x00b",
    "' OR 1=1 --",
    "Robert'); DROP TABLE patients_patient;--",
    "🙂" * 30,
    "é" * 500,
    "x" * 5000,
    "\u202eevil",
    "   ",
    "99999999999999999999999",
    "-1",
    "0",
    "11",
    "10.5",
    "1e999999",
    "NaN",
    "٣",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "31-02-2020",
    "2026-13-01T10:00",
    "on",
    "yes",
    "other",
    "",
]
text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
junk = st.one_of(
    st.sampled_from(NASTY),
    text,
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=100, max_size=400),
    st.integers(-(10**6), 10**6).map(str),
    st.lists(st.sampled_from(NASTY), min_size=2, max_size=3),
)
LEAVE_OUT = object()  # a field the browser does not send


def valid_values(fields):
    """Return a strategy of values a browser could send for the fields of one name."""
    first = fields[0]
    attrs = first.attrs
    if first.kind == "checkbox":
        values = [item.value for item in fields]
        return st.lists(st.sampled_from(values), unique=True, max_size=len(values))
    if first.kind == "radio":
        return st.sampled_from([item.value for item in fields])
    if first.kind == "select":
        values = [value for value, _selected in first.options] or [""]
        if first.multiple:
            return st.lists(st.sampled_from(values), unique=True, max_size=3)
        return st.sampled_from(values)
    if first.kind == "number":
        low = int(float(attrs.get("min") or -10))
        high = int(float(attrs.get("max") or 1000))
        return st.integers(low, max(low, high)).map(str)
    if first.kind == "date":
        today = timezone.localdate()
        return st.dates(
            today - datetime.timedelta(days=400), today + datetime.timedelta(days=60)
        ).map(datetime.date.isoformat)
    if first.kind == "email":
        return st.emails()
    if first.kind == "hidden":
        return st.just(first.value)
    limit = int(attrs.get("maxlength") or 200)
    return st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=min(limit, 300))


def submissions(form: Form, baseline: dict[str, list[str]]):
    """Return a strategy of POST data: the baseline with some fields changed, junk or left out.

    Shrinking goes towards the baseline (the form as shown, with the valid values of HINTS).
    """
    named = form.by_name()
    buttons = sorted({(item.name, item.value) for item in form.fields if item.kind == "submit"})
    names = sorted(name for name, items in named.items() if items[0].kind != "submit")
    change = {
        name: st.one_of(valid_values(named[name]), junk, st.just(LEAVE_OUT)) for name in names
    }

    @st.composite
    def build(draw):
        data = {name: list(values) for name, values in baseline.items()}
        for name in draw(st.lists(st.sampled_from(names), unique=True, max_size=6)):
            value = draw(change[name])
            if value is LEAVE_OUT:
                data.pop(name, None)
            else:
                data[name] = value if isinstance(value, list) else [value]
        if buttons:
            button = draw(st.sampled_from([*buttons, None, (buttons[0][0], None)]))
            if button is not None:
                value = button[1] if button[1] is not None else draw(junk)
                data[button[0]] = value if isinstance(value, list) else [value]
        return data

    return build() if names or buttons else st.just(dict(baseline))


def hints(world) -> dict[str, dict[str, list[str]]]:
    """Valid values for the fields an empty form shows blank (so submissions also succeed)."""
    today = timezone.localdate().isoformat()
    return {
        "patients:create": {
            "first_name": ["Piet"],
            "last_name": ["Post"],
            "date_of_birth": ["1980-05-17"],
            "language": ["nl"],
        },
        "patients:episode_create": {"referral": ["direct"], "opened_on": [today]},
        "patients:visit_create": {"kind": ["follow_up"], "date": [today]},
        "patients:erase": {
            "patient_request": ["on"],
            "requested_on": [today],
            "reason": ["Verzoek van de patiënt"],
            "confirm_number": [str(world["number"])],
        },
        "patients:selfentry_unlock": {"password": [PASSWORD]},
        "patients:selfentry_form": {f"q{number}": ["2"] for number in range(1, 17)},
        "patients:redflag_decision": {
            "decision": ["gp_cleared"],
            "decision_note": ["Huisarts gebeld."],
        },
        "patients:discharge": {"reason": ["goals_reached"], "conclusion": ["Doelen bereikt."]},
        "patients:episode_close": {"note": ["Niet meer gekomen."]},
        "plans:exercise_create": {"code": ["alpha-new-exercise"]},
    }


# The new-exercise form starts from a copy of the clinic's own exercise (every field valid).
BASELINE_PAGE = {"plans:exercise_create": ("plans:exercise_edit", {"pk": "exercise"})}
# Targets whose valid post renders a PDF (about a second each): fewer examples.
PDF_TARGETS = {"plans:batch", "patients:progress_pdf"}
# Rows a refused post may add: the access log records the refusal, a rendered form its token.
LOG_MODELS = {"clinic.AccessEvent", "clinic.AccessEventSeal", "clinic.AccessSearchTerm"}
LOG_MODELS |= {"clinic.SubmissionToken"}
SHOWN_AGAIN = {"text", "email", "tel", "url", "search", "number", "date", "textarea", ""}


def snapshot() -> dict:
    """Every stored row of the clinic, patients and plans apps (the log aside), as stored.

    Plain SELECTs, not the ORM: taken before and after each of the fuzz examples, the ORM's
    query building and row conversion were a fifth of the harness's time.
    """
    rows = {}
    with connection.cursor() as cursor:
        for label, table, pk in SNAPSHOT_TABLES:
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")  # noqa: S608 (model tables)
            columns = [column[0] for column in cursor.description]
            rows[label] = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return rows


SNAPSHOT_TABLES = [
    (
        model._meta.label,
        connection.ops.quote_name(model._meta.db_table),
        connection.ops.quote_name(model._meta.pk.column),
    )
    for model in apps.get_models()
    if model._meta.app_label in ("clinic", "patients", "plans")
    and model._meta.label not in LOG_MODELS
]


def changed_rows(before: dict, after: dict) -> list[str]:
    """Name the models whose rows differ (a short message: pytest's diff of two snapshots
    takes minutes)."""
    return [label for label in before if before[label] != after.get(label)]


def stored_markup(rows: dict) -> set[tuple[str, object, str, str]]:
    """Return (model, pk, field, value) of every stored value holding a script tag."""
    return {
        (label, record.get("id"), field, str(value)[:80])
        for label, records in rows.items()
        for record in records
        for field, value in record.items()
        if "<script" in str(value)
    }


def the_form(client, world, target) -> Form:
    """Return the target's form as its page shows it now."""
    page, spec, _role = FORMS[target]
    url = page_url(world, page, spec)
    response = client.get(url)
    assert response.status_code == 200, f"{target}: {url} answered {response.status_code}"
    forms = post_forms(response.content.decode(), url)
    return next(form for form in forms if form.target == target)


def typed(value: str) -> str:
    """What a re-shown field holds for a typed value: HTML turns every line end into LF, and
    whitespace around the text may differ (the text itself may not)."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def assert_input_kept(form: Form, data: dict, html: str, page: str):
    """The re-shown form holds what was typed in each text field (one value, not a password)."""
    again = [other for other in post_forms(html, page) if other.target == form.target]
    if not again:
        return  # the page answered with a message instead of the form
    shown = again[0].by_name()
    for name, items in form.by_name().items():
        values = data.get(name)
        if items[0].kind not in SHOWN_AGAIN or not values or len(values) != 1 or name not in shown:
            continue
        kept = shown[name][0].value
        assert typed(kept) == typed(values[0]), f"{name}: typed {values[0]!r}, shown {kept!r}"


@pytest.mark.parametrize("target", sorted(FORMS))
def test_no_post_fails_half_saves_or_loses_what_was_typed(world, target):
    _page, _spec, role = FORMS[target]
    client = signed_in(world, role)
    if target.startswith("patients:selfentry_") and target != "patients:selfentry_start":
        start_self_entry(client, world)
    form = the_form(client, world, target)
    baseline = form.shown()
    if target in BASELINE_PAGE:
        baseline = the_form_of_page(client, world, *BASELINE_PAGE[target]).shown()
    baseline.update(hints(world).get(target, {}))
    before = snapshot()
    cookies = copy.deepcopy(client.cookies)
    examples = settings().max_examples
    if target in PDF_TARGETS:
        examples = max(2, examples // 5)

    @for_each_example(submissions(form, baseline), max_examples=examples)
    def post_once(data):
        client.cookies = copy.deepcopy(cookies)  # a sign-out in the last example is undone
        cache.clear()
        note(f"POST {form.action} {data!r}")
        response = client.post(form.action, data)
        event(f"{target}: {response.status_code}")
        assert response.status_code in (200, 302), response.status_code
        refused = response.status_code == 200 and "html" in response["Content-Type"]
        if refused:
            changed = changed_rows(before, snapshot())
            assert not changed, f"a refused post changed stored rows: {changed}"
            html = response.content.decode()
            if ERRORS.search(html):
                assert_input_kept(form, data, html, form.action)
        elif any("<script" in str(value) for value in data.values()):
            stored = stored_markup(snapshot()) - stored_markup(before)
            assert not stored, f"markup was stored: {sorted(stored)}"


ERRORS = re.compile(r"is-invalid|errorlist|invalid-feedback")


def the_form_of_page(client, world, page, spec) -> Form:
    """Return the first form of a page whose target is the page itself."""
    url = page_url(world, page, spec)
    response = client.get(url)
    return next(form for form in post_forms(response.content.decode(), url) if form.action == url)
