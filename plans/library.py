"""The built-in exercise library: immutable code-data with patient texts in Dutch and English.

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

from dataclasses import dataclass
from types import MappingProxyType

CATEGORIES = ("breathing", "mobility", "trunk", "daily")
CONTRAINDICATIONS = ("late_pregnancy", "osteoporosis", "acute_severe_pain", "prone_intolerance")
MIN_STEPS, MAX_STEPS = 3, 7

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


EXERCISES: tuple[ExerciseSpec, ...] = (
    # --- breathing -------------------------------------------------------------------------
    ExerciseSpec(
        code="diaphragm-hooklying",
        category="breathing",
        name_nl="Buikademhaling op je rug",
        name_en="Belly breathing on your back",
        purpose_nl=(
            "Deze oefening helpt je om rustiger en lager te ademen. Je middenrif gaat meer "
            "doen, zodat je nek en schouders kunnen ontspannen."
        ),
        purpose_en=(
            "This exercise helps you breathe more calmly and lower down. Your diaphragm does "
            "more of the work, so your neck and shoulders can relax."
        ),
        start_position_nl=(
            "Lig op je rug op de grond of op bed. Buig je knieën en zet je voeten plat neer. "
            "Leg een kussen onder je hoofd als dat prettig is."
        ),
        start_position_en=(
            "Lie on your back on the floor or on your bed. Bend your knees and put your feet "
            "flat. Use a pillow under your head if that feels better."
        ),
        steps_nl=(
            "Leg een hand op je borst en de andere hand op je buik.",
            "Adem rustig in door je neus. Eerst komt de hand op je buik omhoog, daarna ook de "
            "hand op je borst.",
            "Je buik, je zij en je rug worden breder. Houd je schouders laag en ontspannen.",
            "Adem langzaam uit door je mond, alsof je door een rietje blaast.",
            "Trek je onderbuik daarbij zachtjes een beetje in.",
            "Wacht tot de volgende inademing vanzelf komt.",
        ),
        steps_en=(
            "Put one hand on your chest and the other hand on your belly.",
            "Breathe in calmly through your nose. The hand on your belly rises first, then the "
            "hand on your chest rises too.",
            "Your belly, sides and back all widen. Keep your shoulders low and relaxed.",
            "Breathe out slowly through your mouth, as if through a straw.",
            "As you do, gently draw your lower belly in a little.",
            "Wait until the next breath in comes by itself.",
        ),
        minutes=3,
        times_per_day=2,
        days_per_week=7,
        progression_nl=(
            "Gaat dit makkelijk? Doe de oefening dan zittend en later staand. Daarna kun je zo "
            "ademen tijdens het lopen."
        ),
        progression_en=(
            "Is this easy? Then do it sitting, and later standing. After that you can breathe "
            "like this while you walk."
        ),
        regression_nl=(
            "Voel je je buik niet bewegen? Leg dan een licht boek op je buik en kijk of het "
            "omhooggaat. Adem niet te diep: klein en rustig is genoeg."
        ),
        regression_en=(
            "Can't feel your belly move? Put a light book on your belly and watch it rise. "
            "Don't breathe too deeply: small and calm is enough."
        ),
        cautions_nl=BREATHING_CAUTION_NL,
        cautions_en=BREATHING_CAUTION_EN,
        contraindications=("late_pregnancy",),
        tags=("supine", "calming", "starter"),
        est_minutes=6,
        illustration="plans/exercises/diaphragm-hooklying.svg",
    ),
    ExerciseSpec(
        code="diaphragm-seated",
        category="breathing",
        name_nl="Buikademhaling zittend",
        name_en="Belly breathing sitting",
        purpose_nl=(
            "Deze oefening helpt je om rustiger en lager te ademen. Je oefent zittend, zodat "
            "je het ook overdag makkelijk kunt doen."
        ),
        purpose_en=(
            "This exercise helps you breathe more calmly and lower down. You practise sitting, "
            "so it is easy to do during the day too."
        ),
        start_position_nl=(
            "Zit ontspannen rechtop op een stevige stoel. Je voeten staan plat op de grond. "
            "Laat je schouders loshangen."
        ),
        start_position_en=(
            "Sit upright but relaxed on a firm chair. Your feet are flat on the floor. Let your "
            "shoulders hang loose."
        ),
        steps_nl=(
            "Leg een hand op je borst en de andere hand op je buik.",
            "Adem rustig in door je neus. Eerst komt je buik naar voren, daarna gaat ook je borst "
            "een beetje mee.",
            "Je buik, je zij en je rug worden breder. Houd je schouders laag en ontspannen.",
            "Adem langzaam uit door je mond, alsof je door een rietje blaast.",
            "Trek je onderbuik daarbij zachtjes een beetje in.",
            "Wacht tot de volgende inademing vanzelf komt.",
        ),
        steps_en=(
            "Put one hand on your chest and the other hand on your belly.",
            "Breathe in calmly through your nose. First your belly moves forward, then your "
            "chest moves a little too.",
            "Your belly, sides and back all widen. Keep your shoulders low and relaxed.",
            "Breathe out slowly through your mouth, as if through a straw.",
            "As you do, gently draw your lower belly in a little.",
            "Wait until the next breath in comes by itself.",
        ),
        minutes=3,
        times_per_day=2,
        days_per_week=7,
        progression_nl=(
            "Gaat dit makkelijk? Doe de oefening dan staand. Later kun je zo ademen tijdens "
            "het lopen of bij klusjes in huis."
        ),
        progression_en=(
            "Is this easy? Then do it standing. Later you can breathe like this while you walk "
            "or do jobs around the house."
        ),
        regression_nl=(
            "Lukt het niet goed? Leun dan wat achterover tegen de rugleuning. Adem niet te "
            "diep: klein en rustig is genoeg."
        ),
        regression_en=(
            "Finding it hard? Lean back a little against the chair back. Don't breathe too "
            "deeply: small and calm is enough."
        ),
        cautions_nl=BREATHING_CAUTION_NL,
        cautions_en=BREATHING_CAUTION_EN,
        tags=("seated", "calming", "desk"),
        est_minutes=6,
        illustration="plans/exercises/diaphragm-seated.svg",
    ),
    # The method's posture set-up: a relaxed, stable, natural posture that gives the breath room.
    ExerciseSpec(
        code="posture-setup",
        category="breathing",
        name_nl="Ontspannen rechtop zitten en staan",
        name_en="Sitting and standing tall and relaxed",
        purpose_nl=(
            "Een ontspannen, stevige houding geeft je adem ruimte. En rustig, laag ademen maakt "
            "een goede houding makkelijker. Zo zit en sta je zonder extra spanning in je rug, "
            "nek en schouders."
        ),
        purpose_en=(
            "A relaxed, steady posture gives your breath room. And calm, low breathing makes a "
            "good posture easier. This way you sit and stand without extra tension in your "
            "back, neck and shoulders."
        ),
        start_position_nl=(
            "Zit op een stevige stoel. Je voeten staan plat op de grond, op heupbreedte. Je "
            "knieën zijn ongeveer even hoog als je heupen."
        ),
        start_position_en=(
            "Sit on a firm chair. Your feet are flat on the floor, hip-width apart. Your knees "
            "are about as high as your hips."
        ),
        steps_nl=(
            "Wieg rustig een paar keer naar voren en naar achteren op je zitbotjes. Stop in het "
            "midden.",
            "Laat je onderrug zijn gewone bocht houden: niet hol en niet bol.",
            "Maak je lang, alsof een draadje je kruin zachtjes omhoogtrekt. Je kin blijft "
            "ontspannen.",
            "Laat je schouders zakken. Je handen liggen los op je bovenbenen.",
            "Adem een paar keer rustig in door je neus: je buik, je zij en je rug worden breder.",
            "Doe hetzelfde als je staat: voeten op heupbreedte, knieën niet op slot, je gewicht "
            "op beide voeten.",
        ),
        steps_en=(
            "Gently rock forwards and backwards on your sitting bones a few times. Stop in the "
            "middle.",
            "Let your lower back keep its natural curve: not arched and not rounded.",
            "Grow tall, as if a thread gently pulls the top of your head up. Your chin stays "
            "relaxed.",
            "Let your shoulders drop. Your hands rest loosely on your thighs.",
            "Take a few calm breaths in through your nose: your belly, sides and back widen.",
            "Do the same when you stand: feet hip-width apart, knees soft, your weight on both "
            "feet.",
        ),
        minutes=1,
        times_per_day=4,
        days_per_week=7,
        progression_nl=(
            "Gaat dit goed? Kies dan vaste momenten om je houding te checken: aan je bureau, in "
            "de auto of in de rij bij de kassa."
        ),
        progression_en=(
            "Going well? Then pick set moments to check your posture: at your desk, in the car "
            "or in the queue at the shop."
        ),
        regression_nl=(
            "Is rechtop zitten vermoeiend? Leun dan met je hele rug tegen de leuning, met een "
            "klein kussen in je onderrug. Ontspannen is belangrijker dan recht."
        ),
        regression_en=(
            "Is sitting tall tiring? Then lean your whole back against the chair back, with a "
            "small cushion in your lower back. Relaxed matters more than straight."
        ),
        cautions_nl="Forceer niets: een goede houding voelt ontspannen, niet stram. "
        + BREATHING_CAUTION_NL,
        cautions_en="Do not force anything: a good posture feels relaxed, not stiff. "
        + BREATHING_CAUTION_EN,
        tags=("seated", "standing", "posture", "desk"),
        est_minutes=4,
        illustration="plans/exercises/posture-setup.svg",
    ),
    ExerciseSpec(
        code="lateral-rib-breathing",
        category="breathing",
        name_nl="Ademen naar je onderste ribben",
        name_en="Breathing into your lower ribs",
        purpose_nl=(
            "Bij een goede ademhaling bewegen je buik, je zij en je rug allemaal mee. Deze "
            "oefening leert je om ook naar opzij en naar achteren te ademen."
        ),
        purpose_en=(
            "When you breathe well, your belly, your sides and your back all move. This "
            "exercise teaches you to breathe out to the sides and into your back too."
        ),
        start_position_nl=(
            "Zit ontspannen rechtop op een stoel, met je voeten plat op de grond. Leg je handen "
            "aan de zijkant op je onderste ribben, met je duimen naar achteren."
        ),
        start_position_en=(
            "Sit upright but relaxed on a chair, with your feet flat on the floor. Put your "
            "hands on the sides of your lower ribs, thumbs pointing backwards."
        ),
        steps_nl=(
            "Adem rustig in door je neus.",
            "Laat je ribben naar opzij tegen je handen duwen.",
            "Probeer ook naar je rug te ademen, naar je duimen toe.",
            "Houd je schouders laag en ontspannen.",
            "Adem langzaam uit door je mond en laat je ribben weer zakken.",
            "Wacht even voordat je weer inademt.",
        ),
        steps_en=(
            "Breathe in calmly through your nose.",
            "Let your ribs push out sideways against your hands.",
            "Try to breathe into your back too, towards your thumbs.",
            "Keep your shoulders low and relaxed.",
            "Breathe out slowly through your mouth and let your ribs sink back.",
            "Pause briefly before you breathe in again.",
        ),
        sets=2,
        reps=8,
        times_per_day=2,
        days_per_week=7,
        progression_nl=(
            "Gaat dit goed? Doe de oefening dan op handen en knieën. Adem dan vooral naar je rug."
        ),
        progression_en=(
            "Going well? Then do it on your hands and knees, and breathe mostly into your back."
        ),
        regression_nl=(
            "Voel je weinig? Sla een sjaal of handdoek om je onderste ribben en houd de "
            "uiteinden vast. Adem dan zo in dat je ribben tegen de sjaal duwen."
        ),
        regression_en=(
            "Can't feel much? Wrap a scarf or towel around your lower ribs and hold the ends. "
            "Then breathe in so that your ribs push against the scarf."
        ),
        cautions_nl=BREATHING_CAUTION_NL,
        cautions_en=BREATHING_CAUTION_EN,
        tags=("seated", "calming", "ribs"),
        est_minutes=5,
        illustration="plans/exercises/lateral-rib-breathing.svg",
    ),
    ExerciseSpec(
        code="pursed-lip-exhale",
        category="breathing",
        name_nl="Uitademen met getuite lippen",
        name_en="Breathing out through pursed lips",
        purpose_nl=(
            "Langzaam uitademen brengt je ademhaling en je lichaam tot rust. Je kunt het ook "
            "gebruiken als je buiten adem bent of je inspant."
        ),
        purpose_en=(
            "Breathing out slowly calms your breathing and your body. You can also use it when "
            "you are out of breath or working hard."
        ),
        start_position_nl="Zit ontspannen rechtop of sta rustig. Laat je schouders zakken.",
        start_position_en="Sit upright and relaxed, or stand quietly. Let your shoulders drop.",
        steps_nl=(
            "Adem rustig in door je neus en tel in gedachten tot 2.",
            "Tuit je lippen losjes, alsof je wilt fluiten.",
            "Adem langzaam uit door je lippen en tel tot 4 of langer.",
            "Blaas niet hard: laat de lucht rustig naar buiten stromen.",
            "Wacht tot de volgende inademing vanzelf komt.",
        ),
        steps_en=(
            "Breathe in calmly through your nose while you count to 2 in your head.",
            "Purse your lips loosely, as if you are about to whistle.",
            "Breathe out slowly through your lips while you count to 4 or more.",
            "Do not blow hard: let the air flow out gently.",
            "Wait until the next breath in comes by itself.",
        ),
        sets=1,
        reps=10,
        times_per_day=3,
        days_per_week=7,
        progression_nl=(
            "Gaat dit goed? Adem dan uit door een dik rietje, 2 keer zo lang als je inademt. "
            "Gebruik het ook bij inspanning, zoals traplopen of iets optillen."
        ),
        progression_en=(
            "Going well? Then breathe out through a wide straw, twice as long as you breathe "
            "in. Also use it when you make an effort, such as climbing stairs or lifting."
        ),
        regression_nl=(
            "Wordt het uitademen te lang? Tel dan tot 3. Rustig is belangrijker dan lang."
        ),
        regression_en=(
            "Is breathing out that long too much? Then count to 3. Calm matters more than long."
        ),
        cautions_nl=(
            "Houd je adem niet vast en pers de lucht er niet uit. Word je duizelig of voel je "
            "tintelingen? Stop dan en adem gewoon verder."
        ),
        cautions_en=(
            "Do not hold your breath or force the air out. If you feel dizzy or tingly, stop "
            "and breathe normally."
        ),
        tags=("seated", "standing", "calming", "effort"),
        est_minutes=3,
        illustration="plans/exercises/pursed-lip-exhale.svg",
    ),
    ExerciseSpec(
        code="slow-paced-breathing",
        category="breathing",
        name_nl="Langzaam ademen in een vast ritme",
        name_en="Slow breathing at a steady pace",
        purpose_nl=(
            "Langzaam ademen in een vast ritme helpt je lichaam om tot rust te komen. Je "
            "spieren kunnen dan beter ontspannen. Je begint met ongeveer 8 tot 10 ademhalingen "
            "per minuut en gaat heel geleidelijk langzamer."
        ),
        purpose_en=(
            "Breathing slowly at a steady pace helps your body settle down. Your muscles can "
            "then relax more easily. You start at about 8 to 10 breaths a minute and slow down "
            "very gradually."
        ),
        start_position_nl=(
            "Zit ontspannen op een stoel, met je voeten plat op de grond. Leg je handen op je "
            "bovenbenen."
        ),
        start_position_en=(
            "Sit relaxed on a chair, with your feet flat on the floor. Rest your hands on your "
            "thighs."
        ),
        steps_nl=(
            "Zet een wekker of timer, zodat je niet op de klok hoeft te letten.",
            "Adem rustig in door je neus en tel langzaam tot 3.",
            "Adem rustig uit en tel langzaam tot 4.",
            "Houd je ademhaling klein en zacht: niet extra diep.",
            "Ga zo door in hetzelfde ritme tot de wekker gaat.",
        ),
        steps_en=(
            "Set an alarm or timer, so you do not have to watch the clock.",
            "Breathe in calmly through your nose and count slowly to 3.",
            "Breathe out calmly and count slowly to 4.",
            "Keep your breathing small and soft: not extra deep.",
            "Carry on at the same pace until the alarm goes.",
        ),
        minutes=5,
        times_per_day=1,
        days_per_week=7,
        progression_nl=(
            "Gaat dit makkelijk? Tel dan tot 4 bij het inademen en tot 4 bij het uitademen. "
            "Later kan het naar 5 en 5: dat is ongeveer 6 ademhalingen per minuut. Ga pas "
            "langzamer als het vorige ritme prettig voelt. Oefen later langer, tot 10 minuten."
        ),
        progression_en=(
            "Is this easy? Then count to 4 as you breathe in and to 4 as you breathe out. Later "
            "you can go to 5 and 5: that is about 6 breaths a minute. Only slow down when the "
            "last pace feels comfortable. Later, practise for longer, up to 10 minutes."
        ),
        regression_nl=(
            "Is dit ritme te langzaam? Tel dan tot 3 bij het uitademen. Kies een ritme dat "
            "prettig voelt."
        ),
        regression_en=(
            "Is this pace too slow? Count to 3 as you breathe out. Choose a pace that feels right."
        ),
        cautions_nl=(
            "Krijg je het gevoel dat je te weinig lucht krijgt, of word je duizelig of onrustig? "
            "Stop dan en adem gewoon verder. Probeer het later in een sneller ritme."
        ),
        cautions_en=(
            "If you feel you are not getting enough air, or you feel dizzy or anxious, stop and "
            "breathe normally. Try again later at a faster pace."
        ),
        tags=("seated", "calming", "relaxation"),
        est_minutes=5,
        illustration="plans/exercises/slow-paced-breathing.svg",
    ),
    ExerciseSpec(
        code="crocodile-breathing",
        category="breathing",
        name_nl="Krokodilademhaling op je buik",
        name_en="Crocodile breathing on your belly",
        purpose_nl=(
            "Op je buik voel je goed hoe je adem naar je zij en je onderrug gaat. Dat helpt je "
            "om rondom te ademen en je rug te ontspannen."
        ),
        purpose_en=(
            "Lying on your belly, you can feel your breath move into your sides and lower back. "
            "This helps you breathe all the way round and relax your back."
        ),
        start_position_nl=(
            "Lig op je buik op een mat. Leg je handen op elkaar en leg je voorhoofd op je "
            "handen. Laat je benen ontspannen liggen."
        ),
        start_position_en=(
            "Lie on your belly on a mat. Put one hand on top of the other and rest your "
            "forehead on your hands. Let your legs relax."
        ),
        steps_nl=(
            "Adem rustig in door je neus.",
            "Voel hoe je buik tegen de mat duwt.",
            "Laat ook je zij en je onderrug omhoogkomen.",
            "Adem langzaam uit door je mond en laat alles weer zakken.",
            "Wacht tot de volgende inademing vanzelf komt.",
        ),
        steps_en=(
            "Breathe in calmly through your nose.",
            "Feel your belly press into the mat.",
            "Let your sides and your lower back rise too.",
            "Breathe out slowly through your mouth and let everything sink back down.",
            "Wait until the next breath in comes by itself.",
        ),
        sets=2,
        reps=8,
        times_per_day=1,
        days_per_week=7,
        progression_nl=(
            "Gaat dit goed? Doe de oefening dan op handen en knieën en adem naar je rug."
        ),
        progression_en="Going well? Then do it on your hands and knees and breathe into your back.",
        regression_nl=(
            "Ligt dit niet prettig? Leg dan een kussen onder je buik. Of doe de oefening "
            "zittend, voorovergeleund met je armen op een tafel."
        ),
        regression_en=(
            "Not comfortable? Put a pillow under your belly. Or do it sitting, leaning forward "
            "with your arms on a table."
        ),
        cautions_nl=(
            "Stop als je pijn in je rug krijgt. Heb je last van maagzuur? Doe deze oefening dan "
            "niet vlak na het eten. Word je duizelig of voel je tintelingen? Stop dan en adem "
            "gewoon verder."
        ),
        cautions_en=(
            "Stop if your back starts to hurt. If you get heartburn, do not do this right after "
            "a meal. If you feel dizzy or tingly, stop and breathe normally."
        ),
        contraindications=("late_pregnancy", "prone_intolerance"),
        tags=("prone", "calming", "ribs"),
        est_minutes=4,
        illustration="plans/exercises/crocodile-breathing.svg",
    ),
    ExerciseSpec(
        code="breathing-90-90",
        category="breathing",
        name_nl="Ademen met je voeten tegen de muur (90-90)",
        name_en="Breathing with your feet on the wall (90/90)",
        purpose_nl=(
            "In deze houding ligt je onderrug ontspannen op de grond. Met een lange uitademing "
            "leer je je middenrif en je diepe buikspieren samen te gebruiken."
        ),
        purpose_en=(
            "In this position your lower back rests on the floor. With a long breath out, you "
            "learn to use your diaphragm and your deep belly muscles together."
        ),
        start_position_nl=(
            "Lig op je rug op de grond, dicht bij een muur. Zet je voeten plat tegen de muur. "
            "Je heupen en knieën zijn gebogen in een hoek van 90 graden."
        ),
        start_position_en=(
            "Lie on your back on the floor, close to a wall. Put your feet flat on the wall. "
            "Your hips and knees are bent at right angles."
        ),
        steps_nl=(
            "Duw je hielen zachtjes tegen de muur.",
            "Til je stuit een klein stukje op. Je onderrug blijft op de grond.",
            "Adem rustig in door je neus.",
            "Adem lang en rustig uit door je mond.",
            "Wacht 3 tellen voordat je weer inademt.",
            "Laat na elke serie je stuit zakken en rust even uit.",
        ),
        steps_en=(
            "Press your heels gently into the wall.",
            "Lift your tailbone just off the floor. Your lower back stays down.",
            "Breathe in calmly through your nose.",
            "Breathe out long and slow through your mouth.",
            "Wait 3 counts before you breathe in again.",
            "After each set, lower your tailbone and rest for a moment.",
        ),
        sets=5,
        reps=4,
        times_per_day=1,
        days_per_week=7,
        progression_nl=(
            "Gaat dit goed? Blaas bij het uitademen dan rustig in een ballon. Stop met de "
            "ballon als je duizelig of kortademig wordt."
        ),
        progression_en=(
            "Going well? Then breathe out gently into a balloon. Stop using the balloon if you "
            "feel dizzy or short of breath."
        ),
        regression_nl=(
            "Is dit te zwaar? Laat je stuit dan op de grond liggen. Je kunt je onderbenen ook "
            "op een stoel leggen in plaats van tegen de muur."
        ),
        regression_en=(
            "Too hard? Leave your tailbone on the floor. You can also rest your lower legs on a "
            "chair instead of on the wall."
        ),
        cautions_nl=(
            "Span je nek en je wangen niet aan. Stop als je pijn in je rug voelt. Word je "
            "duizelig of voel je tintelingen? Stop dan en adem gewoon verder."
        ),
        cautions_en=(
            "Do not tense your neck or your cheeks. Stop if your back hurts. If you feel dizzy "
            "or tingly, stop and breathe normally."
        ),
        contraindications=("late_pregnancy",),
        tags=("supine", "core", "calming"),
        est_minutes=5,
        illustration="plans/exercises/breathing-90-90.svg",
    ),
    ExerciseSpec(
        code="nasal-breathing-rest",
        category="breathing",
        name_nl="Zacht door je neus ademen",
        name_en="Soft breathing through your nose",
        purpose_nl=(
            "In rust door je neus ademen maakt je ademhaling vanzelf rustiger en lager. Je "
            "lichaam hoeft dan minder op scherp te staan."
        ),
        purpose_en=(
            "Breathing through your nose at rest makes your breathing calmer and lower by "
            "itself. Your body can then be less on alert."
        ),
        start_position_nl=(
            "Zit ontspannen op een stoel of op de bank. Sluit je lippen. Je tanden raken elkaar "
            "niet."
        ),
        start_position_en=(
            "Sit relaxed on a chair or on the sofa. Close your lips, with your teeth slightly "
            "apart."
        ),
        steps_nl=(
            "Adem in en uit door je neus, met je mond dicht.",
            "Maak je ademhaling zacht, zo zacht dat je hem bijna niet hoort.",
            "Laat je schouders en je kaak ontspannen.",
            "Laat na het uitademen een kleine pauze vallen.",
        ),
        steps_en=(
            "Breathe in and out through your nose, with your mouth closed.",
            "Make your breathing soft, so soft that you can hardly hear it.",
            "Let your shoulders and your jaw relax.",
            "After each breath out, allow a short pause.",
        ),
        minutes=2,
        times_per_day=2,
        days_per_week=7,
        progression_nl=(
            "Gaat dit goed? Adem dan ook door je neus tijdens rustig wandelen of tijdens je werk."
        ),
        progression_en=(
            "Going well? Then also breathe through your nose while you walk calmly or work."
        ),
        regression_nl=(
            "Is je neus verstopt? Snuit eerst je neus. Lukt het dan nog niet, adem dan door je "
            "mond en houd het zacht en rustig."
        ),
        regression_en=(
            "Is your nose blocked? Blow your nose first. If it still does not work, breathe "
            "through your mouth and keep it soft and calm."
        ),
        cautions_nl=(
            "Krijg je het gevoel dat je te weinig lucht krijgt? Adem dan even door je mond en "
            "begin opnieuw. Word je duizelig of voel je tintelingen? Stop dan en adem gewoon "
            "verder."
        ),
        cautions_en=(
            "If you feel you are not getting enough air, breathe through your mouth for a "
            "moment and start again. If you feel dizzy or tingly, stop and breathe normally."
        ),
        tags=("seated", "calming", "desk"),
        est_minutes=4,
        illustration="plans/exercises/nasal-breathing-rest.svg",
    ),
    ExerciseSpec(
        code="breathing-daily-tasks",
        category="breathing",
        name_nl="Rustig ademen bij dagelijkse klusjes",
        name_en="Calm breathing during everyday tasks",
        purpose_nl=(
            "Zo neem je de rustige, lage ademhaling mee in je gewone dag. Uitademen bij een "
            "zware beweging geeft je romp steun, zonder dat je je adem inhoudt."
        ),
        purpose_en=(
            "This brings your calm, low breathing into your everyday life. Breathing out "
            "during a hard movement supports your trunk without holding your breath."
        ),
        start_position_nl=(
            "Kies een klusje dat je toch al doet, zoals afwassen, tanden poetsen, traplopen of "
            "boodschappen tillen."
        ),
        start_position_en=(
            "Choose a task you do anyway, such as washing up, brushing your teeth, climbing "
            "stairs or lifting shopping."
        ),
        steps_nl=(
            "Let aan het begin van het klusje even op je ademhaling.",
            "Laat je schouders zakken.",
            "Adem rustig in door je neus, laag in je buik en je ribben.",
            "Adem uit op het zware moment, bijvoorbeeld als je iets optilt.",
            "Houd je adem niet vast terwijl je je inspant.",
            "Blijf zo rustig doorademen zolang het klusje duurt.",
        ),
        steps_en=(
            "At the start of the task, notice your breathing for a moment.",
            "Let your shoulders drop.",
            "Breathe in calmly through your nose, low into your belly and ribs.",
            "Breathe out during the hard part, for example as you lift something.",
            "Do not hold your breath while you make the effort.",
            "Keep breathing calmly like this for as long as the task lasts.",
        ),
        minutes=1,
        times_per_day=3,
        days_per_week=7,
        progression_nl=(
            "Gaat dit vanzelf? Kies dan zwaardere klusjes, zoals stofzuigen of de boodschappen "
            "dragen."
        ),
        progression_en=(
            "Does this come naturally? Then choose harder tasks, such as vacuuming or carrying "
            "the shopping."
        ),
        regression_nl=(
            "Is dit lastig? Begin dan met een rustig klusje, zoals tanden poetsen of wachten "
            "tot de koffie klaar is."
        ),
        regression_en=(
            "Finding it hard? Start with an easy task, such as brushing your teeth or waiting "
            "for the coffee."
        ),
        cautions_nl=(
            "Til niet zwaarder dan je rug nu aankan. Word je duizelig of voel je tintelingen? "
            "Stop dan en adem gewoon verder."
        ),
        cautions_en=(
            "Do not lift more than your back can manage right now. If you feel dizzy or "
            "tingly, stop and breathe normally."
        ),
        tags=("standing", "daily-life", "lifting"),
        est_minutes=3,
        illustration="plans/exercises/breathing-daily-tasks.svg",
    ),
    # --- mobility: posture and upper back ------------------------------------------------
    ExerciseSpec(
        code="open-book",
        category="mobility",
        name_nl="Open boek: draaien terwijl je op je zij ligt",
        name_en="Open book: turning while lying on your side",
        purpose_nl=(
            "Deze oefening maakt je bovenrug soepeler in het draaien. Zo krijgt je ademhaling "
            "meer ruimte en hoeft je onderrug minder te doen."
        ),
        purpose_en=(
            "This exercise helps your upper back turn more easily. That gives your breathing "
            "more room and takes work off your lower back."
        ),
        start_position_nl=(
            "Lig op je zij op een mat, met een kussen onder je hoofd. Buig je heupen en knieën "
            "en leg je knieën op elkaar. Strek je armen voor je uit, met je handen op elkaar."
        ),
        start_position_en=(
            "Lie on your side on a mat, with a pillow under your head. Bend your hips and "
            "knees and rest one knee on the other. Stretch both arms out in front of you, with "
            "your hands together."
        ),
        steps_nl=(
            "Adem rustig in.",
            "Breng je bovenste arm langzaam omhoog en naar achteren, als een boek dat opengaat.",
            "Kijk je hand na, zodat je hoofd en je borst meedraaien. Je knieën blijven op elkaar.",
            "Adem uit en blijf even zo liggen.",
            "Breng je arm langzaam terug en sluit het boek.",
            "Doe alle keren aan deze kant.",
            "Draai je dan om en doe de andere kant.",
        ),
        steps_en=(
            "Breathe in calmly.",
            "Slowly bring your top arm up and back, like a book opening.",
            "Follow your hand with your eyes, so your chest turns. Your knees stay together.",
            "Breathe out and stay there for a moment.",
            "Slowly bring your arm back and close the book.",
            "Do all the repetitions on this side.",
            "Then turn over and do the other side.",
        ),
        sets=1,
        reps=8,
        hold_seconds=3,
        times_per_day=1,
        days_per_week=7,
        progression_nl=(
            "Gaat dit makkelijk? Adem dan 2 keer rustig in en uit als je arm open ligt, en laat "
            "je arm daarbij wat verder zakken."
        ),
        progression_en=(
            "Is this easy? Then take 2 calm breaths while your arm is open, and let it sink a "
            "little further."
        ),
        regression_nl=(
            "Is het te veel? Draai minder ver. Leg een kussen achter je, zodat je hand daarop "
            "kan rusten."
        ),
        regression_en=(
            "Too much? Turn less far. Put a pillow behind you so your hand can rest on it."
        ),
        cautions_nl=(
            "Draai alleen zo ver als prettig voelt en forceer niets. Stop als je pijn in je rug "
            "of arm voelt, of als je arm gaat tintelen."
        ),
        cautions_en=(
            "Only turn as far as feels comfortable and do not force it. Stop if your back or "
            "arm hurts, or if your arm starts to tingle."
        ),
        contraindications=("osteoporosis",),
        tags=("side-lying", "upper-back", "rotation"),
        est_minutes=3,
        illustration="plans/exercises/open-book.svg",
    ),
    ExerciseSpec(
        code="cat-camel",
        category="mobility",
        name_nl="Bolle en holle rug op handen en knieën",
        name_en="Cat-camel: round and hollow back",
        purpose_nl=(
            "Deze oefening maakt je hele rug soepel, van je nek tot je bekken. Rustig bewegen "
            "op je ademhaling werkt ontspannend."
        ),
        purpose_en=(
            "This exercise loosens your whole spine, from your neck to your pelvis. Moving "
            "slowly with your breath is relaxing."
        ),
        start_position_nl=(
            "Kom op handen en knieën op een mat. Je handen staan onder je schouders en je "
            "knieën onder je heupen."
        ),
        start_position_en=(
            "Get on your hands and knees on a mat. Your hands are under your shoulders and your "
            "knees under your hips."
        ),
        steps_nl=(
            "Adem rustig uit en maak je rug langzaam bol.",
            "Laat je hoofd daarbij ontspannen hangen.",
            "Adem rustig in en laat je rug langzaam een beetje hol zakken.",
            "Kijk daarbij schuin naar voren, niet omhoog.",
            "Beweeg zo rustig heen en weer, op het ritme van je ademhaling.",
            "Ga niet tot het uiterste: beweeg alleen zo ver als prettig is.",
        ),
        steps_en=(
            "Breathe out calmly and slowly round your back up.",
            "Let your head hang down, relaxed.",
            "Breathe in calmly and slowly let your back sag down a little.",
            "Look slightly forward, not up.",
            "Keep moving slowly back and forth with the rhythm of your breath.",
            "Do not go to the very end: move only as far as feels comfortable.",
        ),
        sets=1,
        reps=8,
        times_per_day=2,
        days_per_week=7,
        progression_nl=(
            "Gaat dit goed? Beweeg dan nog langzamer en voel elk stukje van je rug meebewegen. "
            "Je kunt de oefening ook gebruiken als opwarming voor je andere oefeningen."
        ),
        progression_en=(
            "Going well? Then move even more slowly and feel each part of your back move. You "
            "can also use it as a warm-up for your other exercises."
        ),
        regression_nl=(
            "Doen je polsen of knieën pijn? Leg dan een opgevouwen handdoek onder je knieën of "
            "steun op je vuisten. Maak de beweging kleiner als je rug gevoelig is."
        ),
        regression_en=(
            "Do your wrists or knees hurt? Put a folded towel under your knees or lean on your "
            "fists. Make the movement smaller if your back is sensitive."
        ),
        cautions_nl=(
            "Beweeg langzaam en zonder pijn. Doet het pijn als je je rug bol of hol maakt? Maak "
            "die kant van de beweging dan kleiner."
        ),
        cautions_en=(
            "Move slowly and without pain. If rounding or hollowing hurts, make that part of "
            "the movement smaller."
        ),
        tags=("quadruped", "upper-back", "warm-up"),
        est_minutes=3,
        illustration="plans/exercises/cat-camel.svg",
    ),
    ExerciseSpec(
        code="thoracic-extension-chair",
        category="mobility",
        name_nl="Bovenrug strekken over de stoelleuning",
        name_en="Upper-back stretch over a chair back",
        purpose_nl=(
            "Veel zitten maakt je bovenrug krom en stijf. Deze oefening strekt je bovenrug, "
            "zodat je makkelijker rechtop zit en je borst ruimte krijgt om te ademen."
        ),
        purpose_en=(
            "Sitting a lot makes your upper back round and stiff. This exercise straightens "
            "your upper back, so you sit up more easily and your chest has room to breathe."
        ),
        start_position_nl=(
            "Zit op een stevige stoel waarvan de leuning tot onder je schouderbladen komt. "
            "Schuif met je billen helemaal naar achteren. Kruis je armen voor je borst. Geen "
            "stoel met zo'n leuning? Gebruik de rugleuning van de bank, of lig op je rug op de "
            "grond met een opgerolde handdoek dwars onder je bovenrug."
        ),
        start_position_en=(
            "Sit on a firm chair whose back reaches to just below your shoulder blades. Slide "
            "your bottom all the way back. Cross your arms over your chest. No chair like that? "
            "Use the back of your sofa, or lie on your back on the floor with a rolled-up towel "
            "across your upper back."
        ),
        steps_nl=(
            "Adem rustig in.",
            "Adem uit en buig je bovenrug langzaam naar achteren over de leuning of de handdoek.",
            "Laat je onderrug op zijn plek: alleen je bovenrug beweegt.",
            "Houd je hoofd in lijn met je bovenrug.",
            "Blijf even zo en adem rustig door.",
            "Kom langzaam weer rechtop.",
        ),
        steps_en=(
            "Breathe in calmly.",
            "Breathe out and slowly bend your upper back backwards over the chair back or towel.",
            "Keep your lower back where it is: only your upper back moves.",
            "Keep your head in line with your upper back.",
            "Stay there for a moment and keep breathing calmly.",
            "Slowly come back up to sitting straight.",
        ),
        sets=1,
        reps=5,
        hold_seconds=3,
        times_per_day=2,
        days_per_week=7,
        progression_nl=(
            "Gaat dit goed? Doe dan nog een serie met de leuning op een andere plek van je "
            "bovenrug. Schuif daarvoor met je billen iets naar voren."
        ),
        progression_en=(
            "Going well? Then do another set with the chair back at a different place on your "
            "upper back. To do that, slide your bottom forward a little."
        ),
        regression_nl=(
            "Is de leuning te hard? Leg er een opgevouwen handdoek over. Of lig op je rug, met "
            "een opgerolde handdoek dwars onder je bovenrug."
        ),
        regression_en=(
            "Is the chair back too hard? Put a folded towel over it. Or lie on your back with a "
            "rolled-up towel across your upper back."
        ),
        cautions_nl=(
            "Buig niet vanuit je onderrug en maak geen holle onderrug. Stop als je pijn voelt in "
            "je rug of nek."
        ),
        cautions_en=(
            "Do not bend from your lower back or arch it. Stop if you feel pain in your back or "
            "neck."
        ),
        contraindications=("osteoporosis",),
        tags=("seated", "upper-back", "desk", "extension"),
        est_minutes=3,
        illustration="plans/exercises/thoracic-extension-chair.svg",
    ),
    ExerciseSpec(
        code="chin-tuck",
        category="mobility",
        name_nl="Kin intrekken",
        name_en="Chin tuck",
        purpose_nl=(
            "Deze oefening brengt je hoofd terug boven je schouders. Dat ontlast je nek en je "
            "bovenrug, vooral als je veel achter een scherm zit."
        ),
        purpose_en=(
            "This exercise brings your head back over your shoulders. That takes strain off "
            "your neck and upper back, especially if you spend a lot of time at a screen."
        ),
        start_position_nl=(
            "Zit rechtop op een stoel of sta met je rug tegen een muur. Kijk recht vooruit."
        ),
        start_position_en=(
            "Sit up straight on a chair, or stand with your back against a wall. Look straight "
            "ahead."
        ),
        steps_nl=(
            "Schuif je kin recht naar achteren, alsof je een dubbele kin maakt.",
            "Houd je hoofd recht: knik niet naar voren of naar achteren.",
            "Voel een lichte rek in je nek, net onder je achterhoofd.",
            "Houd dit even vast en adem rustig door.",
            "Ontspan en laat je hoofd weer terugkomen.",
        ),
        steps_en=(
            "Slide your chin straight back, as if you are making a double chin.",
            "Keep your head level: do not nod forwards or backwards.",
            "Feel a light stretch in your neck, just below the back of your head.",
            "Hold this for a moment and keep breathing calmly.",
            "Relax and let your head come back.",
        ),
        sets=1,
        reps=10,
        hold_seconds=3,
        times_per_day=3,
        days_per_week=7,
        progression_nl=(
            "Gaat dit makkelijk? Doe het dan ook tussendoor, bijvoorbeeld bij elke pauze of als "
            "je voor een rood stoplicht staat."
        ),
        progression_en=(
            "Is this easy? Then also do it in between, for example at every break or when you "
            "stop at a red light."
        ),
        regression_nl=(
            "Voelt het gespannen? Maak de beweging dan kleiner. Een klein stukje is genoeg."
        ),
        regression_en="Does it feel tense? Make the movement smaller. A little way is enough.",
        cautions_nl=(
            "Beweeg rustig en zonder pijn. Stop als je duizelig wordt, of als pijn of "
            "tintelingen naar je arm trekken."
        ),
        cautions_en=(
            "Move gently and without pain. Stop if you feel dizzy, or if pain or tingling "
            "spreads into your arm."
        ),
        tags=("seated", "standing", "desk", "neck"),
        est_minutes=3,
        illustration="plans/exercises/chin-tuck.svg",
    ),
    ExerciseSpec(
        code="wall-slide",
        category="mobility",
        name_nl="Armen langs de muur omhoog",
        name_en="Wall slide",
        purpose_nl=(
            "Deze oefening opent je borst en versterkt de spieren tussen je schouderbladen. Zo "
            "sta en zit je makkelijker rechtop."
        ),
        purpose_en=(
            "This exercise opens your chest and strengthens the muscles between your shoulder "
            "blades. That makes it easier to stand and sit up straight."
        ),
        start_position_nl=(
            "Sta met je rug tegen een muur, met je voeten een kleine stap van de muur af. Zet "
            "je armen tegen de muur in de vorm van een W: ellebogen gebogen, handen ter hoogte "
            "van je hoofd."
        ),
        start_position_en=(
            "Stand with your back against a wall, feet a small step away from it. Put your arms "
            "against the wall in the shape of a W: elbows bent, hands at the height of your "
            "head."
        ),
        steps_nl=(
            "Adem rustig in.",
            "Adem uit en schuif je armen langzaam omhoog langs de muur.",
            "Houd je onderrug dicht bij de muur.",
            "Ga alleen zo hoog als lukt zonder pijn.",
            "Adem in en schuif je armen langzaam terug naar de W.",
        ),
        steps_en=(
            "Breathe in calmly.",
            "Breathe out and slowly slide your arms up the wall.",
            "Keep your lower back close to the wall.",
            "Only go as high as you can without pain.",
            "Breathe in and slowly slide your arms back down to the W.",
        ),
        sets=2,
        reps=8,
        times_per_day=1,
        days_per_week=7,
        progression_nl=(
            "Gaat dit goed? Houd je armen bovenaan even vast. Of zet je voeten dichter bij de muur."
        ),
        progression_en=(
            "Going well? Hold your arms at the top for a moment. Or put your feet closer to the "
            "wall."
        ),
        regression_nl=(
            "Is dit te moeilijk? Ga dan met je gezicht naar de muur staan en schuif je "
            "onderarmen omhoog langs de muur."
        ),
        regression_en="Too hard? Then stand facing the wall and slide your forearms up the wall.",
        cautions_nl=(
            "Trek je schouders niet op naar je oren en maak geen holle rug. Stop als je pijn "
            "voelt in je schouder, of als je arm of hand gaat tintelen."
        ),
        cautions_en=(
            "Do not lift your shoulders to your ears or arch your back. Stop if your shoulder "
            "hurts, or if your arm or hand starts to tingle."
        ),
        contraindications=("acute_severe_pain",),
        tags=("standing", "upper-back", "shoulders"),
        est_minutes=3,
        illustration="plans/exercises/wall-slide.svg",
    ),
    ExerciseSpec(
        code="seated-rotation",
        category="mobility",
        name_nl="Draaien op een stoel",
        name_en="Seated rotation",
        purpose_nl=(
            "Deze oefening maakt je bovenrug soepel in het draaien. Dat helpt bij omkijken en "
            "geeft je ribben ruimte om te ademen."
        ),
        purpose_en=(
            "This exercise helps your upper back turn smoothly. That helps you look over your "
            "shoulder and gives your ribs room to breathe."
        ),
        start_position_nl=(
            "Zit rechtop op een stoel, met je voeten plat op de grond. Kruis je armen voor je "
            "borst en leg je handen op je schouders."
        ),
        start_position_en=(
            "Sit up straight on a chair, with your feet flat on the floor. Cross your arms over "
            "your chest and put your hands on your shoulders."
        ),
        steps_nl=(
            "Adem rustig in en maak je rug lang.",
            "Adem uit en draai je bovenlijf rustig naar rechts.",
            "Houd je knieën en je bekken recht naar voren.",
            "Blijf even zo en adem rustig door.",
            "Draai terug naar het midden en doe hetzelfde naar links.",
        ),
        steps_en=(
            "Breathe in calmly and sit tall.",
            "Breathe out and slowly turn your upper body to the right.",
            "Keep your knees and your pelvis facing forward.",
            "Stay there for a moment and keep breathing calmly.",
            "Turn back to the middle and do the same to the left.",
        ),
        sets=1,
        reps=8,
        hold_seconds=2,
        times_per_day=2,
        days_per_week=7,
        progression_nl=(
            "Gaat dit goed? Draai dan bij elke uitademing een klein beetje verder, zolang het "
            "prettig voelt."
        ),
        progression_en=(
            "Going well? Then turn a little further with each breath out, as long as it feels "
            "comfortable."
        ),
        regression_nl="Is het te veel? Draai minder ver en leg je handen op je bovenbenen.",
        regression_en="Too much? Turn less far and rest your hands on your thighs.",
        cautions_nl=(
            "Draai rustig en niet met een zwaai. Forceer de draai niet aan het eind. Stop als je "
            "pijn voelt."
        ),
        cautions_en=(
            "Turn slowly, without swinging. Do not force the turn at the end. Stop if it hurts."
        ),
        contraindications=("osteoporosis",),
        tags=("seated", "upper-back", "desk", "rotation"),
        est_minutes=3,
        illustration="plans/exercises/seated-rotation.svg",
    ),
    # --- trunk: the deep muscles with the breath ----------------------------------------------
    ExerciseSpec(
        code="tva-drawing-in",
        category="trunk",
        name_nl="Diepe buikspier aanspannen",
        name_en="Switching on your deep belly muscle",
        purpose_nl=(
            "Je diepe buikspier werkt als een korset rond je romp. Deze oefening leert je die "
            "spier zacht aan te spannen, zodat je rug steun krijgt."
        ),
        purpose_en=(
            "Your deep belly muscle works like a corset around your trunk. This exercise "
            "teaches you to switch it on gently, so your back gets support."
        ),
        start_position_nl=(
            "Lig op je rug met je knieën gebogen en je voeten plat op de grond. Leg je vingers "
            "op je onderbuik, net aan de binnenkant van je heupbotten."
        ),
        start_position_en=(
            "Lie on your back with your knees bent and your feet flat on the floor. Put your "
            "fingertips on your lower belly, just inside your hip bones."
        ),
        steps_nl=(
            "Adem rustig in door je neus.",
            "Trek tijdens het uitademen je onderbuik zachtjes naar binnen, weg van je vingers.",
            "Span maar een klein beetje aan. Je rug en je bekken bewegen niet.",
            "Houd de spanning vast en adem gewoon rustig door.",
            "Laat de spanning los en rust even uit.",
        ),
        steps_en=(
            "Breathe in calmly through your nose.",
            "As you breathe out, gently draw your lower belly in, away from your fingers.",
            "Use only a little effort. Your back and your pelvis do not move.",
            "Hold the tension and keep breathing calmly.",
            "Let go and rest for a moment.",
        ),
        sets=1,
        reps=10,
        hold_seconds=10,
        times_per_day=2,
        days_per_week=7,
        progression_nl=(
            "Gaat dit goed? Doe het dan zittend of staand. Later gebruik je het bij dagelijkse "
            "dingen, zoals tillen, opstaan of lopen."
        ),
        progression_en=(
            "Going well? Then do it sitting or standing. Later you use it in daily life, for "
            "example when you lift, stand up or walk."
        ),
        regression_nl=(
            "Voel je niets gebeuren? Kuch dan zachtjes: je voelt de spier onder je vingers "
            "aanspannen. Houd de spanning eerst korter vast."
        ),
        regression_en=(
            "Can't feel anything? Give a small cough: you will feel the muscle tighten under "
            "your fingers. Hold the tension for a shorter time at first."
        ),
        cautions_nl=(
            "Houd je adem niet in en span niet hard aan. Stop als de pijn in je rug erger wordt."
        ),
        cautions_en=(
            "Do not hold your breath or tense hard. Stop if the pain in your back gets worse."
        ),
        contraindications=("late_pregnancy",),
        tags=("supine", "core"),
        est_minutes=5,
        illustration="plans/exercises/tva-drawing-in.svg",
    ),
    ExerciseSpec(
        code="pelvic-floor-activation",
        category="trunk",
        name_nl="Bekkenbodem aanspannen en loslaten",
        name_en="Pelvic floor: tighten and let go",
        purpose_nl=(
            "Je bekkenbodem werkt samen met je middenrif en je diepe buikspier. Samen geven ze "
            "je romp steun van binnenuit."
        ),
        purpose_en=(
            "Your pelvic floor works together with your diaphragm and your deep belly muscle. "
            "Together they support your trunk from the inside."
        ),
        start_position_nl=(
            "Zit rechtop op een stevige stoel, met je voeten plat op de grond. Laat je billen, "
            "je benen en je buik ontspannen."
        ),
        start_position_en=(
            "Sit up straight on a firm chair, with your feet flat on the floor. Let your "
            "buttocks, your legs and your belly relax."
        ),
        steps_nl=(
            "Adem rustig in en laat je bekkenbodem ontspannen.",
            "Adem uit en span je bekkenbodem aan, alsof je een plas en een wind ophoudt.",
            "Houd je billen, je benen en je buik ontspannen.",
            "Houd de spanning vast en adem rustig door.",
            "Laat helemaal los en rust net zo lang als je hebt aangespannen.",
        ),
        steps_en=(
            "Breathe in calmly and let your pelvic floor relax.",
            "Breathe out and tighten your pelvic floor, as if you are holding in pee and wind.",
            "Keep your buttocks, your legs and your belly relaxed.",
            "Hold the tension and keep breathing calmly.",
            "Let go completely and rest for as long as you tightened.",
        ),
        sets=1,
        reps=8,
        hold_seconds=5,
        times_per_day=3,
        days_per_week=7,
        progression_nl=(
            "Gaat dit goed? Doe het dan staand. Of span je bekkenbodem kort aan voordat je "
            "hoest, tilt of opstaat."
        ),
        progression_en=(
            "Going well? Then do it standing. Or tighten your pelvic floor briefly before you "
            "cough, lift or stand up."
        ),
        regression_nl=(
            "Voel je weinig? Doe het dan liggend op je zij. Houd de spanning eerst korter vast."
        ),
        regression_en=(
            "Can't feel much? Then do it lying on your side. Hold the tension for a shorter "
            "time at first."
        ),
        cautions_nl=(
            "Oefen niet door echt je plas op te houden op de wc. Heb je pijn in je bekken, of "
            "voelt je bekkenbodem juist gespannen? Vraag dan eerst je fysiotherapeut om advies."
        ),
        cautions_en=(
            "Do not practise by actually stopping the flow when you pee. If you have pain in "
            "your pelvis, or your pelvic floor already feels tense, ask your physiotherapist "
            "first."
        ),
        tags=("seated", "core", "pelvic-floor"),
        est_minutes=4,
        illustration="plans/exercises/pelvic-floor-activation.svg",
    ),
    ExerciseSpec(
        code="dead-bug",
        category="trunk",
        name_nl="Dode kever",
        name_en="Dead bug",
        purpose_nl=(
            "Deze oefening traint je diepe buikspieren terwijl je armen en benen bewegen. Je "
            "leert je romp stil te houden en rustig door te ademen."
        ),
        purpose_en=(
            "This exercise trains your deep belly muscles while your arms and legs move. You "
            "learn to keep your trunk still and keep breathing calmly."
        ),
        start_position_nl=(
            "Lig op je rug. Til je benen op, met je heupen en knieën in een hoek van 90 graden. "
            "Strek je armen recht omhoog naar het plafond."
        ),
        start_position_en=(
            "Lie on your back. Lift your legs so your hips and knees are bent at right angles. "
            "Reach both arms straight up towards the ceiling."
        ),
        steps_nl=(
            "Adem rustig in door je neus.",
            "Adem uit. Breng je linkerarm langzaam naar achteren, naast je hoofd. Strek tegelijk "
            "je rechterbeen langzaam naar voren, met je hiel richting de grond.",
            "Houd je onderrug stil op de grond.",
            "Ga alleen zo ver als je rug stil kan blijven.",
            "Adem in en breng je arm en been terug.",
            "Doe daarna de andere kant: rechterarm en linkerbeen.",
        ),
        steps_en=(
            "Breathe in calmly through your nose.",
            "Breathe out. Slowly take your left arm back, beside your head. At the same time, "
            "slowly straighten your right leg forward, your heel moving towards the floor.",
            "Keep your lower back still on the floor.",
            "Only go as far as your back can stay still.",
            "Breathe in and bring your arm and leg back.",
            "Then do the other side: right arm and left leg.",
        ),
        sets=2,
        reps=6,
        times_per_day=1,
        days_per_week=5,
        progression_nl=(
            "Gaat dit goed? Laat je been dan verder zakken, tot je hiel net boven de grond is. "
            "Of houd de eindhouding even vast."
        ),
        progression_en=(
            "Going well? Then lower your leg further, until your heel is just above the floor. "
            "Or hold the end position for a moment."
        ),
        regression_nl=(
            "Is dit te zwaar? Laat je armen dan op de grond liggen. Zet om de beurt een voet "
            "langzaam op de grond en breng hem weer terug."
        ),
        regression_en=(
            "Too hard? Leave your arms on the floor. Take turns to lower one foot slowly to the "
            "floor and bring it back."
        ),
        cautions_nl=(
            "Maak geen holle onderrug en houd je adem niet in. Houd je nek ontspannen. Stop als "
            "de pijn in je rug erger wordt."
        ),
        cautions_en=(
            "Do not arch your lower back or hold your breath. Keep your neck relaxed. Stop if "
            "the pain in your back gets worse."
        ),
        contraindications=("late_pregnancy", "acute_severe_pain"),
        tags=("supine", "core"),
        est_minutes=4,
        illustration="plans/exercises/dead-bug.svg",
    ),
    ExerciseSpec(
        code="bird-dog",
        category="trunk",
        name_nl="Arm en been strekken op handen en knieën",
        name_en="Bird dog",
        purpose_nl=(
            "Deze oefening traint de spieren die je rug stevig houden. Je leert je romp stil te "
            "houden terwijl je arm en been bewegen."
        ),
        purpose_en=(
            "This exercise trains the muscles that keep your back steady. You learn to keep "
            "your trunk still while an arm and a leg move."
        ),
        start_position_nl=(
            "Kom op handen en knieën op een mat. Je handen staan onder je schouders en je "
            "knieën onder je heupen. Je rug is recht, als een tafelblad."
        ),
        start_position_en=(
            "Get on your hands and knees on a mat. Your hands are under your shoulders and your "
            "knees under your hips. Your back is flat, like a table top."
        ),
        steps_nl=(
            "Trek je onderbuik zachtjes een beetje in.",
            "Strek langzaam je rechterarm naar voren en je linkerbeen naar achteren.",
            "Houd je rug stil en recht: je bekken kantelt niet.",
            "Houd dit vast en adem rustig door.",
            "Breng je arm en been langzaam terug.",
            "Doe daarna de andere kant: linkerarm en rechterbeen.",
        ),
        steps_en=(
            "Gently draw your lower belly in a little.",
            "Slowly reach your right arm forward and your left leg back.",
            "Keep your back still and flat: your pelvis does not tip.",
            "Hold this and keep breathing calmly.",
            "Slowly bring your arm and leg back.",
            "Then do the other side: left arm and right leg.",
        ),
        sets=2,
        reps=5,
        hold_seconds=5,
        times_per_day=1,
        days_per_week=5,
        progression_nl=(
            "Gaat dit goed? Houd de houding dan langer vast. Werk toe naar 10 keer 10 tellen "
            "per kant."
        ),
        progression_en=(
            "Going well? Then hold the position for longer. Work up to 10 times 10 counts on "
            "each side."
        ),
        regression_nl=(
            "Is dit te zwaar? Strek dan alleen een been of alleen een arm. Doen je knieën pijn? "
            "Leg er een opgevouwen handdoek onder."
        ),
        regression_en=(
            "Too hard? Then move only one leg, or only one arm. Do your knees hurt? Put a "
            "folded towel under them."
        ),
        cautions_nl=(
            "Til je been niet hoger dan je rug, zodat je geen holle rug maakt. Stop bij pijn in "
            "je rug, polsen of knieën."
        ),
        cautions_en=(
            "Do not lift your leg higher than your back, so you do not arch it. Stop if your "
            "back, wrists or knees hurt."
        ),
        contraindications=("acute_severe_pain",),
        tags=("quadruped", "core"),
        est_minutes=5,
        illustration="plans/exercises/bird-dog.svg",
    ),
    ExerciseSpec(
        code="glute-bridge-breathing",
        category="trunk",
        name_nl="Bruggetje met je adem",
        name_en="Bridge with your breath",
        purpose_nl=(
            "Deze oefening versterkt je bilspieren en de achterkant van je benen. Sterke "
            "bilspieren nemen werk over van je onderrug, bijvoorbeeld bij tillen en traplopen."
        ),
        purpose_en=(
            "This exercise strengthens your buttock muscles and the backs of your legs. Strong "
            "buttocks take work off your lower back, for example when you lift or climb stairs."
        ),
        start_position_nl=(
            "Lig op je rug met je knieën gebogen en je voeten plat op de grond, op heupbreedte. "
            "Leg je armen naast je lichaam."
        ),
        start_position_en=(
            "Lie on your back with your knees bent and your feet flat on the floor, hip-width "
            "apart. Rest your arms beside your body."
        ),
        steps_nl=(
            "Adem rustig in door je neus.",
            "Adem uit en trek je onderbuik zachtjes in.",
            "Duw je voeten in de grond en til je billen op.",
            "Stop als je knieën, heupen en schouders een rechte lijn vormen.",
            "Blijf even boven en adem rustig door.",
            "Zak langzaam terug naar de grond.",
        ),
        steps_en=(
            "Breathe in calmly through your nose.",
            "Breathe out and gently draw your lower belly in.",
            "Press your feet into the floor and lift your bottom.",
            "Stop when your knees, hips and shoulders form a straight line.",
            "Stay up for a moment and keep breathing calmly.",
            "Slowly lower yourself back to the floor.",
        ),
        sets=2,
        reps=8,
        hold_seconds=3,
        times_per_day=1,
        days_per_week=5,
        progression_nl=(
            "Gaat dit goed? Blijf dan langer boven en adem daar 2 keer rustig in en uit. Later "
            "kun je, als je boven bent, 1 voet een klein stukje optillen."
        ),
        progression_en=(
            "Going well? Then stay up longer and take 2 calm breaths at the top. Later you can "
            "lift one foot a little while you are up."
        ),
        regression_nl=(
            "Is dit te zwaar? Til je billen dan maar een klein stukje op. Of kantel alleen je "
            "bekken, zonder op te tillen."
        ),
        regression_en=(
            "Too hard? Lift your bottom only a little way. Or just tilt your pelvis, without "
            "lifting."
        ),
        cautions_nl=(
            "Maak bovenaan geen holle rug: stop bij de rechte lijn. Houd je adem niet in. Stop "
            "als de pijn in je rug erger wordt. Kramp in de achterkant van je been? Zet je "
            "voeten dan iets dichter bij je billen."
        ),
        cautions_en=(
            "Do not arch your back at the top: stop at the straight line. Do not hold your "
            "breath. Stop if the pain in your back gets worse. Cramp in the back of your leg? "
            "Move your feet a little closer to your bottom."
        ),
        contraindications=("late_pregnancy", "acute_severe_pain"),
        tags=("supine", "core", "strength"),
        est_minutes=4,
        illustration="plans/exercises/glute-bridge-breathing.svg",
    ),
    # --- daily life ---------------------------------------------------------------------------
    ExerciseSpec(
        code="microbreak-routine",
        category="daily",
        name_nl="Korte beweegpauze bij zitten",
        name_en="Short movement break from sitting",
        purpose_nl=(
            "Lang stilzitten maakt je rug en nek stijf. Een korte pauze met rustig ademen "
            "voorkomt dat de spanning zich opstapelt."
        ),
        purpose_en=(
            "Sitting still for a long time makes your back and neck stiff. A short break with "
            "calm breathing stops tension from building up."
        ),
        start_position_nl=(
            "Neem ongeveer elk half uur dat je zit een pauze van 2 tot 3 minuten, bijvoorbeeld "
            "aan je bureau. Een herinnering op je telefoon of computer helpt je eraan te denken."
        ),
        start_position_en=(
            "Take a 2 to 3 minute break about every half hour that you sit, for example at your "
            "desk. A reminder on your phone or computer helps you remember."
        ),
        steps_nl=(
            "Sta op en zet je voeten op heupbreedte.",
            "Strek je armen langzaam boven je hoofd en adem rustig in.",
            "Laat je armen zakken en adem langzaam uit.",
            "Draai je schouders een paar keer rustig naar achteren.",
            "Loop even rond, bijvoorbeeld naar het raam of om water te halen.",
            "Adem nog 3 keer rustig en laag in en uit voordat je weer gaat zitten.",
        ),
        steps_en=(
            "Stand up with your feet hip-width apart.",
            "Slowly stretch your arms above your head and breathe in calmly.",
            "Lower your arms and breathe out slowly.",
            "Roll your shoulders back gently a few times.",
            "Walk around for a bit, for example to the window or to get some water.",
            "Take 3 more calm, low breaths before you sit down again.",
        ),
        minutes=2,
        times_per_day=10,
        days_per_week=7,
        progression_nl=(
            "Gaat dit goed? Neem de pauze dan ook thuis, bijvoorbeeld bij het tv-kijken. Wissel "
            "zitten en staan af als dat kan."
        ),
        progression_en=(
            "Going well? Then take the break at home too, for example while watching TV. Switch "
            "between sitting and standing if you can."
        ),
        regression_nl=(
            "Lukt het niet elk half uur? Begin dan met 1 keer per uur. Alleen opstaan en 3 keer "
            "rustig ademen is ook goed."
        ),
        regression_en=(
            "Can't manage every half hour? Start with once an hour. Just standing up and taking "
            "3 calm breaths is fine too."
        ),
        cautions_nl=(
            "Beweeg rustig en zonder pijn. Word je duizelig als je opstaat? Sta dan langzamer op."
        ),
        cautions_en=(
            "Move gently and without pain. If you feel dizzy when you stand up, get up more slowly."
        ),
        tags=("standing", "desk", "work"),
        # A habit: outside the 15-20-minute exercise budget (plans.rules.HABIT_CATEGORIES).
        est_minutes=20,
        illustration="plans/exercises/microbreak-routine.svg",
    ),
    ExerciseSpec(
        code="daily-walk",
        category="daily",
        name_nl="Dagelijks wandelen",
        name_en="Daily walk",
        purpose_nl=(
            "Wandelen is goed voor je rug: je rug blijft bewegen, je spieren werken en je wordt "
            "fitter. Met een rustige ademhaling is wandelen ook ontspannend."
        ),
        purpose_en=(
            "Walking is good for your back: it keeps your back moving, works your muscles and "
            "makes you fitter. With calm breathing, walking is relaxing too."
        ),
        start_position_nl=(
            "Trek stevige schoenen aan. Kies een vlakke route die je kent, dicht bij huis."
        ),
        start_position_en="Put on sturdy shoes. Choose a flat route you know, close to home.",
        steps_nl=(
            "Loop in een rustig tempo waarin je nog makkelijk kunt praten.",
            "Loop rechtop en kijk vooruit.",
            "Laat je armen ontspannen meezwaaien.",
            "Adem rustig door je neus, laag in je buik.",
        ),
        steps_en=(
            "Walk at an easy pace at which you can still talk easily.",
            "Walk tall and look ahead.",
            "Let your arms swing loosely.",
            "Breathe calmly through your nose, low into your belly.",
        ),
        minutes=10,
        times_per_day=1,
        days_per_week=7,  # its reasons say "every day": dose, reason and calendar agree
        progression_nl=(
            "Gaat het goed? Loop dan elke week 5 minuten langer, tot je 30 minuten achter elkaar "
            "wandelt. Daarna kun je iets sneller lopen."
        ),
        progression_en=(
            "Going well? Then walk 5 minutes longer each week, until you walk for 30 minutes in "
            "one go. After that you can walk a little faster."
        ),
        regression_nl="Is het te veel in een keer? Loop dan 2 keer per dag de helft van de tijd.",
        regression_en="Too much in one go? Then walk half the time, twice a day.",
        cautions_nl=(
            "Een beetje meer rugpijn tijdens het lopen mag, als die binnen een dag weer gezakt "
            "is. Wordt de pijn veel erger, of krijg je uitstralende pijn in je been? Loop dan "
            "korter en vertel het je fysiotherapeut."
        ),
        cautions_en=(
            "A little more back pain while walking is fine if it settles within a day. If the "
            "pain gets much worse, or pain spreads down your leg, walk for less time and tell "
            "your physiotherapist."
        ),
        tags=("walking", "outdoor", "fitness"),
        est_minutes=10,
        illustration="plans/exercises/daily-walk.svg",
    ),
)

_BY_CODE = MappingProxyType({exercise.code: exercise for exercise in EXERCISES})


def by_code(code: str) -> ExerciseSpec:
    """Return the built-in exercise with this code; raise KeyError for an unknown code."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown exercise code: {code!r}") from None
