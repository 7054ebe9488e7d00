"""The built-in exercise library: one data file per exercise (exercises/NN-code.toml, read with
tomllib and validated by ExerciseSpec), patient texts in Dutch and English. Its illustration is
the SVG named in the file (plans/static/plans/exercises/). `manage.py sync_exercises` (run by
`make run`, after every `migrate` and after deploys) brings the database's built-ins in line.

Doses follow the clinical reference (Part B 5.3) where it gives one and typical practice
otherwise; they are defaults the therapist can change per patient. The steps say how, the dose
fields say how much, so the steps repeat no dose number that a therapist may edit.

`est_minutes` is the time a patient spends per day at the default dose: all sessions of the day,
including getting into position. The plan rules add it up to keep a plan at 15-20 minutes a day.

Exercises of the category "daily" are daily habits (walking, micro-breaks): the plan keeps them
outside the 15-20-minute budget, so their `est_minutes` may be larger.

`contraindications` name the conditions in which the exercise must not be given:
- late_pregnancy: lying on the back or belly for a while (a seated or standing variant exists);
- osteoporosis: forceful end-range rotation and extension over a chair back;
- acute_severe_pain: the demanding trunk and arm-overhead exercises (gentle breathing stays);
- prone_intolerance: lying on the belly.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

CATEGORIES = ("breathing", "mobility", "trunk", "daily")
CONTRAINDICATIONS = ("late_pregnancy", "osteoporosis", "acute_severe_pain", "prone_intolerance")
MIN_STEPS, MAX_STEPS = 3, 7
# One TOML file per built-in exercise, "NN-code.toml": NN is its place in the library.
DATA = Path(__file__).resolve().parent / "exercises"

BREATHING_CAUTION_NL = (
    "Adem rustig, niet extra diep. Word je duizelig of voel je tintelingen? "
    "Stop dan en adem gewoon verder."
)
BREATHING_CAUTION_EN = (
    "Breathe calmly, not extra deep. If you feel dizzy or tingly, stop and breathe normally."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExerciseSpec:
    """Describe one built-in exercise: texts in nl and en, default dose and safety data."""

    code: str
    category: str
    name_nl: str
    name_en: str
    purpose_nl: str
    purpose_en: str
    start_position_nl: str
    start_position_en: str
    steps_nl: tuple[str, ...]
    steps_en: tuple[str, ...]
    sets: int | None = None
    reps: int | None = None
    minutes: int | None = None
    hold_seconds: int | None = None
    times_per_day: int
    days_per_week: int
    progression_nl: str
    progression_en: str
    regression_nl: str
    regression_en: str
    cautions_nl: str
    cautions_en: str
    contraindications: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    est_minutes: int
    illustration: str

    def __post_init__(self):
        if self.category not in CATEGORIES:
            raise ValueError(f"{self.code}: unknown category {self.category!r}")
        unknown = set(self.contraindications) - set(CONTRAINDICATIONS)
        if unknown:
            raise ValueError(f"{self.code}: unknown contraindications {sorted(unknown)}")
        if len(self.steps_nl) != len(self.steps_en):
            raise ValueError(f"{self.code}: steps differ in number between nl and en")
        if not MIN_STEPS <= len(self.steps_nl) <= MAX_STEPS:
            raise ValueError(f"{self.code}: needs {MIN_STEPS} to {MAX_STEPS} steps")


def load(path: Path) -> ExerciseSpec:
    """Read one exercise file and validate it against the ExerciseSpec schema."""
    with path.open("rb") as file:
        data = tomllib.load(file)
    try:
        spec = ExerciseSpec(
            **{
                key: tuple(value) if isinstance(value, list) else value
                for key, value in data.items()
            }
        )
    except (TypeError, ValueError) as error:  # a missing or unknown key, a value out of range
        raise ValueError(f"{path.name}: {error}") from None
    if path.stem.split("-", 1)[1] != spec.code:
        raise ValueError(f"{path.name}: the file name does not end in its code {spec.code!r}")
    return spec


def load_all(folder: Path = DATA) -> tuple[ExerciseSpec, ...]:
    """Read every exercise file of ``folder``, in the order of their number prefix."""
    specs = tuple(load(path) for path in sorted(folder.glob("*.toml")))
    codes = [spec.code for spec in specs]
    if len(set(codes)) != len(codes):
        raise ValueError(f"duplicate exercise codes in {folder}")
    return specs


EXERCISES: tuple[ExerciseSpec, ...] = load_all()

_BY_CODE = MappingProxyType({exercise.code: exercise for exercise in EXERCISES})


def by_code(code: str) -> ExerciseSpec:
    """Return the built-in exercise with this code; raise KeyError for an unknown code."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown exercise code: {code!r}") from None
