"""Built-in exercise library: codes, texts in both languages, doses, safety data, illustrations."""

import dataclasses
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from plans.library import CONTRAINDICATIONS, EXERCISES, ExerciseSpec, by_code

STATIC_DIR = Path(__file__).resolve().parents[2] / "plans" / "static"

EXPECTED_CATEGORIES = {
    "breathing": (
        "diaphragm-hooklying",
        "diaphragm-seated",
        "posture-setup",
        "lateral-rib-breathing",
        "pursed-lip-exhale",
        "slow-paced-breathing",
        "crocodile-breathing",
        "breathing-90-90",
        "nasal-breathing-rest",
        "breathing-daily-tasks",
    ),
    "mobility": (
        "open-book",
        "cat-camel",
        "thoracic-extension-chair",
        "chin-tuck",
        "wall-slide",
        "seated-rotation",
    ),
    "trunk": (
        "tva-drawing-in",
        "pelvic-floor-activation",
        "dead-bug",
        "bird-dog",
        "glute-bridge-breathing",
    ),
    "daily": ("microbreak-routine", "daily-walk"),
}
EXPECTED_CODES = {code for codes in EXPECTED_CATEGORIES.values() for code in codes}

TEXT_FIELDS = (
    "name",
    "purpose",
    "start_position",
    "progression",
    "regression",
    "cautions",
)
DOSE_FIELDS = ("sets", "reps", "minutes", "hold_seconds")

FORBIDDEN_ELEMENTS = {
    "image",
    "script",
    "style",
    "foreignObject",
    "linearGradient",
    "radialGradient",
    "filter",
    "mask",
    "pattern",
    "use",
}

by_exercise = pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.code)


def local_name(tag):
    return tag.rsplit("}", 1)[-1]


def svg_root(exercise):
    return ET.parse(STATIC_DIR / exercise.illustration).getroot()


def test_it_holds_exactly_the_agreed_codes():
    assert {exercise.code for exercise in EXERCISES} == EXPECTED_CODES


def test_codes_are_unique():
    codes = [exercise.code for exercise in EXERCISES]
    assert len(codes) == len(set(codes)) == len(EXPECTED_CODES)


@by_exercise
def test_category_is_the_agreed_one(exercise):
    assert exercise.code in EXPECTED_CATEGORIES[exercise.category]


@by_exercise
def test_contraindications_come_from_the_allowed_set(exercise):
    assert set(exercise.contraindications) <= set(CONTRAINDICATIONS)
    assert len(exercise.contraindications) == len(set(exercise.contraindications))


@by_exercise
@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_text_is_filled_in_both_languages(exercise, field, language):
    assert getattr(exercise, f"{field}_{language}").strip()


@by_exercise
def test_steps_are_three_to_seven_in_both_languages(exercise):
    assert 3 <= len(exercise.steps_nl) <= 7
    assert len(exercise.steps_nl) == len(exercise.steps_en)
    assert all(step.strip() for step in exercise.steps_nl + exercise.steps_en)


@by_exercise
def test_dutch_texts_address_the_patient_as_je(exercise):
    dutch = " ".join(
        [getattr(exercise, f"{field}_nl") for field in TEXT_FIELDS] + list(exercise.steps_nl)
    )
    assert not re.search(r"\b(u|uw)\b", dutch, flags=re.IGNORECASE)


@by_exercise
def test_steps_repeat_no_editable_dose_number(exercise):
    numbers = {str(getattr(exercise, field)) for field in DOSE_FIELDS} - {"None"}
    for step in exercise.steps_nl + exercise.steps_en:
        assert numbers.isdisjoint(re.findall(r"\d+", step)), step


@by_exercise
def test_dose_is_either_repetitions_or_time(exercise):
    assert exercise.reps or exercise.minutes
    assert 1 <= exercise.times_per_day <= 10
    assert 1 <= exercise.days_per_week <= 7
    for field in DOSE_FIELDS:
        value = getattr(exercise, field)
        assert value is None or value > 0


@by_exercise
def test_estimated_minutes_are_realistic(exercise):
    # Daily habits (walk, micro-breaks) sit outside the exercise budget and may take longer.
    assert 1 <= exercise.est_minutes <= (20 if exercise.category == "daily" else 10)
    if exercise.minutes:
        assert exercise.est_minutes >= exercise.minutes * exercise.times_per_day


@pytest.mark.parametrize(
    "exercise", [e for e in EXERCISES if e.category == "breathing"], ids=lambda e: e.code
)
def test_breathing_drills_say_what_to_do_when_dizzy(exercise):
    assert "duizelig" in exercise.cautions_nl
    assert "dizzy" in exercise.cautions_en


def test_the_lying_starter_is_kept_from_late_pregnancy_but_the_seated_one_is_not():
    assert "late_pregnancy" in by_code("diaphragm-hooklying").contraindications
    assert "late_pregnancy" not in by_code("diaphragm-seated").contraindications


def test_prone_exercises_are_kept_from_prone_intolerance():
    prone = {exercise.code for exercise in EXERCISES if "prone" in exercise.tags}
    tagged = {e.code for e in EXERCISES if "prone_intolerance" in e.contraindications}
    assert prone == tagged == {"crocodile-breathing"}


def test_end_range_rotation_and_extension_are_kept_from_osteoporosis():
    tagged = {e.code for e in EXERCISES if "osteoporosis" in e.contraindications}
    assert tagged == {"open-book", "seated-rotation", "thoracic-extension-chair"}


def test_gentle_breathing_stays_allowed_in_acute_severe_pain():
    for code in ("diaphragm-hooklying", "diaphragm-seated", "slow-paced-breathing"):
        assert "acute_severe_pain" not in by_code(code).contraindications
    for code in ("dead-bug", "bird-dog", "glute-bridge-breathing"):
        assert "acute_severe_pain" in by_code(code).contraindications


def test_by_code_returns_the_exercise():
    assert by_code("open-book").category == "mobility"


def test_by_code_raises_key_error_for_an_unknown_code():
    with pytest.raises(KeyError):
        by_code("handstand")


def test_exercise_spec_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        by_code("chin-tuck").reps = 50


def test_exercise_spec_rejects_an_unknown_contraindication():
    with pytest.raises(ValueError, match="contraindications"):
        dataclasses.replace(by_code("chin-tuck"), contraindications=("knee_pain",))


def test_exercise_spec_rejects_an_unknown_category():
    with pytest.raises(ValueError, match="category"):
        dataclasses.replace(by_code("chin-tuck"), category="yoga")


def test_exercises_is_an_immutable_tuple_of_specs():
    assert isinstance(EXERCISES, tuple)
    assert all(isinstance(exercise, ExerciseSpec) for exercise in EXERCISES)


@by_exercise
def test_illustration_is_named_after_the_code_and_exists(exercise):
    assert exercise.illustration == f"plans/exercises/{exercise.code}.svg"
    assert (STATIC_DIR / exercise.illustration).is_file()


@by_exercise
def test_illustration_is_an_accessible_svg_with_a_view_box(exercise):
    root = svg_root(exercise)
    assert local_name(root.tag) == "svg"
    assert len(root.get("viewBox", "").split()) == 4
    assert root.get("role") == "img"
    assert any(local_name(element.tag) == "title" for element in root)


@by_exercise
def test_illustration_uses_only_plain_drawing_elements(exercise):
    names = {local_name(element.tag) for element in svg_root(exercise).iter()}
    assert names.isdisjoint(FORBIDDEN_ELEMENTS)


@by_exercise
def test_illustration_references_nothing_and_has_no_css(exercise):
    for element in svg_root(exercise).iter():
        attributes = {local_name(name) for name in element.attrib}
        assert attributes.isdisjoint({"href", "class", "style"}), element.tag
    text = (STATIC_DIR / exercise.illustration).read_text()
    assert not re.search(r"(https?|file):", text.replace("http://www.w3.org/2000/svg", ""))
