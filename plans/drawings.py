"""The built-in exercises' drawings, as code: `python -m plans.drawings` rewrites the SVG files.

Every drawing shows the start position in light grey and the end position in black, with a
dashed arrow for the movement; hands are dots, feet short thick strokes, the face a nose mark,
so a patient can see which way the figure looks. The view box is 240 x 150: printed 60 mm wide
one unit is 0.25 mm, so limbs (4 units) print 1 mm thick and a hand 2 mm across.

Only features WeasyPrint paints are used: lines, polylines, circles, quadratic paths, plain
fills and dash arrays (no gradients, masks, markers or text).
"""

import math
from pathlib import Path

WIDTH, HEIGHT = 240, 150
FLOOR = 140
START, END = "#a3a3a3", "#000"
LIMB, THIN = 4, 2
HEAD_R = 10
OUT_DIR = Path(__file__).resolve().parent / "static" / "plans" / "exercises"


# Primitives --------------------------------------------------------------------------------


def _pts(points) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def line(*points, width=LIMB, dash=None):
    return ("line", points, width, dash)


def curve(p0, ctrl, p1, width=LIMB, dash=None):
    return ("curve", (p0, ctrl, p1), width, dash)


def head(center, facing, r=HEAD_R):
    """A head: a circle and a nose mark pointing the way the person looks (degrees, 0 = right)."""
    return ("head", center, facing, r)


def hand(point):
    return ("dot", point, 4)


def foot(ankle, toe):
    return ("foot", (ankle, toe))


def limb(*points):
    """An arm (shoulder, elbow, hand) or leg (hip, knee, ankle, toe) with its hand or foot."""
    if len(points) == 3:
        return [line(*points), hand(points[-1])]
    return [line(*points[:3]), foot(points[2], points[3])]


def _svg(shape, color) -> str:
    kind = shape[0]
    if kind == "line":
        _kind, points, width, dash = shape
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<polyline points="{_pts(points)}" fill="none" stroke="{color}" '
            f'stroke-width="{width}"{dashed}/>'
        )
    if kind == "curve":
        _kind, (p0, c, p1), width, dash = shape
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<path d="M{p0[0]:g} {p0[1]:g} Q{c[0]:g} {c[1]:g} {p1[0]:g} {p1[1]:g}" fill="none" '
            f'stroke="{color}" stroke-width="{width}"{dashed}/>'
        )
    if kind == "head":
        _kind, (x, y), facing, r = shape
        angle = math.radians(facing)
        nx, ny = x + (r + 4) * math.cos(angle), y + (r + 4) * math.sin(angle)
        bx, by = x + r * math.cos(angle), y + r * math.sin(angle)
        return (
            f'<circle cx="{x:g}" cy="{y:g}" r="{r:g}" fill="#fff" stroke="{color}" '
            f'stroke-width="{THIN + 1}"/>'
            f'<polyline points="{bx:.1f},{by:.1f} {nx:.1f},{ny:.1f}" fill="none" '
            f'stroke="{color}" stroke-width="{THIN + 1}"/>'
        )
    if kind == "dot":
        _kind, (x, y), r = shape
        return f'<circle cx="{x:g}" cy="{y:g}" r="{r:g}" fill="{color}"/>'
    if kind == "foot":
        _kind, (ankle, toe) = shape
        return (
            f'<polyline points="{_pts((ankle, toe))}" fill="none" stroke="{color}" '
            f'stroke-width="{LIMB + 1.5}"/>'
        )
    raise ValueError(kind)


def arrow(p0, ctrl, p1):
    """The movement: a dashed curve from p0 to p1 (through ctrl's pull) with a solid head."""
    angle = math.atan2(p1[1] - ctrl[1], p1[0] - ctrl[0])
    left = (p1[0] - 9 * math.cos(angle - 0.45), p1[1] - 9 * math.sin(angle - 0.45))
    right = (p1[0] - 9 * math.cos(angle + 0.45), p1[1] - 9 * math.sin(angle + 0.45))
    return (
        f'<path d="M{p0[0]:g} {p0[1]:g} Q{ctrl[0]:g} {ctrl[1]:g} {p1[0]:g} {p1[1]:g}" '
        f'fill="none" stroke="#000" stroke-width="2.5" stroke-dasharray="6 4"/>'
        f'<polygon points="{_pts((p1, left, right))}" fill="#000"/>'
    )


def straight_arrow(p0, p1):
    return arrow(p0, ((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2), p1)


def _flatten(shapes):
    for shape in shapes:
        if isinstance(shape, list):
            yield from _flatten(shape)
        else:
            yield shape


def drawing(title: str, *, props=(), start=(), end=(), arrows=(), scale=1.0, view=None) -> str:
    """Return the SVG: props (floor, chair) in dark grey, start in light grey, end in black.

    `view` (x, y, width) shows only that part of the 240 x 150 area, enlarged to the full size.
    """
    body = [_svg(shape, "#555") for shape in _flatten(props)]
    body += [_svg(shape, START) for shape in _flatten(start)]
    body += [_svg(shape, END) for shape in _flatten(end)]
    body += list(arrows)
    inner = "\n  ".join(body)
    if scale != 1.0:
        inner = f'<g transform="scale({scale:g})">\n  {inner}\n  </g>'
    x, y, width = view or (0, 0, WIDTH)
    box = f"{x:g} {y:g} {width:g} {width * HEIGHT / WIDTH:g}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" stroke-linecap="round" '
        f'stroke-linejoin="round">\n'
        f"  <title>{title}</title>\n  {inner}\n</svg>\n"
    )


# Props -------------------------------------------------------------------------------------

# Sitting figures: from just above the head to the floor.
SEATED_VIEW = (40, 18, 205)
FLOOR_LINE = line((6, FLOOR + 2), (234, FLOOR + 2), width=THIN)


def chair(x_back, seat_y=100, depth=44, back_top=56, facing_right=True):
    """A chair seen from the side, its back at x_back, the seat towards where the sitter looks."""
    x_front = x_back + depth if facing_right else x_back - depth
    return [
        line((x_back, back_top), (x_back, FLOOR + 2), width=3),
        line((x_back, seat_y), (x_front, seat_y), width=3),
        line((x_front, seat_y), (x_front, FLOOR + 2), width=3),
    ]


def pillow(x, y):
    return line((x - 12, y), (x + 12, y), width=7)


# Figures -----------------------------------------------------------------------------------


def sitting(x=100, lean=0.0, facing=0, arms=None, seat_y=100):
    """A person sitting on a chair, facing right; `arms` replaces the hands-on-thighs arms."""
    hip = (x, seat_y - 4)
    neck = (x + 4 + lean, seat_y - 50)
    knee = (x + 36, seat_y - 6)
    ankle = (x + 38, FLOOR - 2)
    shapes = [
        line(hip, neck),
        head((neck[0] + 2 + lean / 3, neck[1] - 14), facing),
        limb(hip, knee, ankle, (ankle[0] + 12, FLOOR - 1)),
    ]
    if arms is None:
        arms = [limb(neck, (x + 10 + lean / 2, seat_y - 24), (x + 30, seat_y - 12))]
    return shapes + arms


def standing(x=120, facing=0, arms=None, step=0):
    """A person standing, facing right; `step` opens the legs into a walking stride."""
    hip = (x, 84)
    neck = (x + 1, 36)
    shapes = [line(hip, neck), head((x + 2, 22), facing)]
    if step:
        shapes += [
            limb(hip, (x + step * 0.6, 111), (x + step, FLOOR - 2), (x + step + 12, FLOOR - 2)),
            limb(hip, (x - step * 0.3, 112), (x - step, FLOOR - 4), (x - step + 11, FLOOR)),
        ]
    else:
        shapes += [limb(hip, (x + 2, 112), (x, FLOOR - 2), (x + 12, FLOOR - 2))]
    if arms is None:
        arms = [limb(neck, (x + 3, 60), (x + 6, 84))]
    return shapes + arms


def lying_back(hip=(128, 128), neck=(80, 128), knees="bent", hip_lift=0):
    """A person on their back, head to the left, knees bent and feet flat unless told."""
    hip = (hip[0], hip[1] - hip_lift)
    shapes = [line(hip, neck), head((neck[0] - 14, neck[1] - 3), 270)]
    if knees == "bent":
        shapes += [limb(hip, (156, 100), (176, 136), (188, 138))]
    return shapes


def belly(p0, p1, bulge, side=-1):
    """The belly's surface between two points, bulging `bulge` units to one side."""
    mid = ((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2)
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    length = math.hypot(dx, dy)
    nx, ny = -dy / length * side, dx / length * side
    return curve(p0, (mid[0] + nx * bulge * 2, mid[1] + ny * bulge * 2), p1, width=THIN + 0.5)


def on_all_fours(spine_ctrl=None, head_at=(168, 64), facing=0, arm=None, leg=None):
    """On hands and knees, facing right: hands under the shoulders, knees under the hips."""
    hip, shoulder = (82, 78), (150, 76)
    spine = curve(hip, spine_ctrl, shoulder) if spine_ctrl else line(hip, shoulder)
    shapes = [spine, line(shoulder, head_at, width=THIN + 1), head(head_at, facing)]
    shapes += arm or [limb(shoulder, (151, 104), (152, 132))]
    shapes += leg or [limb(hip, (82, 132), (52, 134), (40, 134))]
    return shapes


# The drawings ------------------------------------------------------------------------------


def diaphragm_hooklying():
    neck, hip = (80, 128), (128, 128)

    def pose(bulge):
        top = 128 - 8 - bulge * 2
        return [
            belly((92, 121), (126, 121), bulge),
            limb(neck, (96, 138), (112, top + 2)),
            limb(neck, (84, 118), (94, 116 - bulge / 2)),
        ]

    return drawing(
        "On the back, knees bent, hands on chest and belly: the belly rises as you breathe in",
        props=[FLOOR_LINE, pillow(66, 134)],
        start=pose(2),
        end=[lying_back(hip, neck), pose(8)],
        arrows=[straight_arrow((112, 104), (112, 84))],
        view=(40, 56, 164),
    )


def diaphragm_seated():
    def pose(bulge):
        chest = (116, 58)
        return [
            belly((108, 62), (104, 92), bulge),
            limb((104, 50), (96, 70), chest),
            limb((104, 50), (100, 82), (113 + bulge * 1.5, 78)),
        ]

    return drawing(
        "Sitting on a chair, hands on chest and belly: the belly moves forward as you breathe in",
        props=[FLOOR_LINE, chair(88)],
        start=pose(2),
        end=[sitting(100, arms=[]), pose(8)],
        arrows=[straight_arrow((132, 78), (152, 78))],
        view=SEATED_VIEW,
    )


def lateral_rib_breathing():
    def pose(width):
        left, right = 120 - width, 120 + width
        return [
            curve((112, 50), (left - 6, 66), (112, 86), width=THIN + 0.5),
            curve((128, 50), (right + 6, 66), (128, 86), width=THIN + 0.5),
            limb((104, 46), (88, 72), (left - 2, 68)),
            limb((136, 46), (152, 72), (right + 2, 68)),
        ]

    front = [
        line((120, 42), (120, 92)),
        line((104, 46), (136, 46)),
        head((120, 28), 90),
        line((108, 92), (132, 92)),
        limb((110, 92), (106, 104), (106, 136), (98, 138)),
        limb((130, 92), (134, 104), (134, 136), (142, 138)),
    ]
    return drawing(
        "Sitting, seen from the front, hands on the lower ribs: the ribs widen as you breathe in",
        props=[FLOOR_LINE, line((92, 98), (148, 98), width=3)],
        start=pose(14),
        end=[front, pose(22)],
        arrows=[straight_arrow((84, 56), (64, 56)), straight_arrow((156, 56), (176, 56))],
        view=(14, 14, 212),
    )


def pursed_lip_exhale():
    return drawing(
        "Sitting upright: breathe in through the nose, then out slowly through pursed lips",
        props=[FLOOR_LINE, chair(88)],
        start=[belly((108, 62), (104, 92), 9)],
        end=[sitting(100), belly((108, 62), (104, 92), 3)],
        arrows=[
            arrow((122, 40), (140, 34), (168, 40)),
            straight_arrow((134, 78), (118, 78)),
        ],
        view=SEATED_VIEW,
    )


def slow_paced_breathing():
    clock = [
        ("dot", (190, 60), 2),
        curve((176, 60), (176, 46), (190, 46), width=3),
        curve((190, 46), (204, 46), (204, 60), width=3),
        curve((204, 60), (204, 74), (190, 74), width=3),
        curve((190, 74), (176, 74), (176, 60), width=3),
        line((190, 60), (190, 50), width=3),
        line((190, 60), (197, 63), width=3),
    ]
    return drawing(
        "Sitting relaxed with the hands on the thighs, a timer beside you: breathe in and out "
        "slowly, counting to 4",
        props=[FLOOR_LINE, chair(88), clock],
        start=[belly((108, 62), (104, 92), 3)],
        end=[sitting(100), belly((108, 62), (104, 92), 8)],
        arrows=[straight_arrow((130, 78), (148, 78))],
        view=SEATED_VIEW,
    )


def crocodile_breathing():
    hip, shoulder = (96, 128), (150, 128)

    def back(rise):
        return curve((100, 120), (122, 118 - rise * 2), (146, 120), width=THIN + 0.5)

    return drawing(
        "Lying on the belly, forehead on the hands: the lower back and sides rise as you "
        "breathe in",
        props=[FLOOR_LINE, line((20, 139), (220, 139), width=3)],
        start=[back(1)],
        end=[
            line(hip, shoulder),
            head((172, 124), 90),
            limb(shoulder, (164, 136), (176, 134)),
            limb(hip, (64, 132), (32, 134), (26, 124)),
            back(7),
        ],
        arrows=[straight_arrow((122, 104), (122, 86))],
        view=(14, 66, 180),
    )


def breathing_90_90():
    wall = line((190, 50), (190, FLOOR + 2), width=3)

    def pose(lift):
        hip = (128, 128 - lift)
        return [
            line(hip, (80, 128)),
            limb(hip, (130, 92), (184, 92), (184, 76)),
        ]

    return drawing(
        "On the back, feet flat on a wall, hips and knees at right angles: the tailbone lifts "
        "just off the floor",
        props=[FLOOR_LINE, wall, pillow(66, 134)],
        start=pose(0),
        end=[
            pose(7),
            head((66, 125), 270),
            limb((80, 128), (98, 138), (116, 138)),
        ],
        arrows=[straight_arrow((146, 126), (146, 106))],
        view=(40, 44, 164),
    )


def nasal_breathing_rest():
    return drawing(
        "Sitting relaxed, mouth closed: breathe in and out softly through the nose",
        props=[FLOOR_LINE, chair(88)],
        start=[belly((108, 62), (104, 92), 3)],
        end=[sitting(100), belly((108, 62), (104, 92), 7)],
        arrows=[
            arrow((160, 20), (140, 18), (124, 32)),
            straight_arrow((132, 78), (148, 78)),
        ],
        view=SEATED_VIEW,
    )


def breathing_daily_tasks():
    def bag(x, y):
        return [line((x - 9, y), (x + 9, y), (x + 7, y + 18), (x - 7, y + 18), (x - 9, y), width=3)]

    crouch = [
        line((96, 96), (110, 54)),
        head((118, 42), 20),
        limb((96, 96), (122, 104), (106, FLOOR - 2), (118, FLOOR - 2)),
        limb((110, 54), (128, 84), (140, 112)),
        bag(140, 114),
    ]
    return drawing(
        "Lifting a shopping bag from the floor: breathe out during the lift",
        props=[FLOOR_LINE],
        start=crouch,
        end=[standing(150, arms=[limb((151, 36), (156, 62), (162, 82))]), bag(162, 84)],
        arrows=[arrow((146, 108), (164, 118), (176, 92)), straight_arrow((166, 30), (188, 34))],
        view=(30, 12, 214),
    )


def open_book():
    # Seen from above: lying on the left side, knees bent forward (down in the picture).
    mat = line((16, 20), (224, 20), (224, 146), (16, 146), (16, 20), width=THIN)
    shoulder, hip = (84, 70), (150, 72)
    body = [
        line(shoulder, hip),
        head((62, 70), 90),
        limb(hip, (172, 104), (196, 94), (204, 106)),
        limb(shoulder, (80, 100), (82, 128)),
    ]
    return drawing(
        "Lying on your side, knees bent, arms in front: the top arm opens up and back like a "
        "book, the eyes follow the hand",
        props=[mat],
        start=[limb(shoulder, (92, 100), (100, 126)), head((62, 70), 90)],
        end=[body, limb(shoulder, (90, 46), (94, 22)), head((62, 70), 300)],
        arrows=[arrow((112, 122), (140, 56), (106, 28))],
    )


def cat_camel():
    return drawing(
        "On hands and knees: the back rounds up as you breathe out and gently sags as you "
        "breathe in",
        props=[FLOOR_LINE],
        start=on_all_fours(spine_ctrl=(116, 92), head_at=(170, 64), facing=345),
        end=on_all_fours(spine_ctrl=(116, 44), head_at=(162, 94), facing=100),
        arrows=[straight_arrow((116, 82), (116, 48))],
        view=(16, 30, 180),
    )


def thoracic_extension_chair():
    def upper(neck, head_at, facing):
        return [
            line((98, 72), neck),
            head(head_at, facing),
            line(neck, (neck[0] + 14, neck[1] + 12), (neck[0] + 2, neck[1] + 16), width=LIMB),
            hand((neck[0] + 2, neck[1] + 16)),
        ]

    return drawing(
        "Sitting on a chair with a low back, arms crossed: the upper back bends backwards over "
        "the top of the chair",
        props=[FLOOR_LINE, chair(88, back_top=72)],
        start=[line((96, 96), (98, 72)), upper((102, 48), (106, 34), 0)],
        end=[
            line((96, 96), (98, 72)),
            limb((96, 96), (132, 94), (134, FLOOR - 2), (146, FLOOR - 1)),
            upper((84, 54), (72, 44), 290),
        ],
        arrows=[arrow((112, 22), (90, 12), (64, 28))],
        view=(10, 6, 224),
    )


def chin_tuck():
    # Head and shoulders, drawn twice as large.
    def pose(dx):
        return [
            line((54, 44 + 8), (54 + dx / 2, 30)),
            head((58 + dx, 20), 0, r=11),
        ]

    body = [line((54, 52), (50, 74)), limb((54, 52), (58, 64), (62, 74))]
    return drawing(
        "Head and shoulders from the side: slide the chin straight back, the head stays level",
        props=[chair(38, seat_y=72, back_top=36)],
        start=pose(10),
        end=[body, pose(0)],
        arrows=[straight_arrow((86, 36), (72, 36))],
        scale=2,
    )


def wall_slide():
    wall = line((70, 4), (170, 4), (170, 142), (70, 142), (70, 4), width=THIN)
    body = [
        line((120, 40), (120, 90)),
        line((104, 44), (136, 44)),
        head((120, 26), 90),
        line((110, 90), (130, 90)),
        limb((110, 90), (108, 116), (108, FLOOR - 2), (100, FLOOR)),
        limb((130, 90), (132, 116), (132, FLOOR - 2), (140, FLOOR)),
    ]
    return drawing(
        "Standing with the back against a wall, seen from the front: the arms slide up from a W",
        props=[wall],
        start=[limb((104, 44), (84, 52), (88, 24)), limb((136, 44), (156, 52), (152, 24))],
        end=[body, limb((104, 44), (94, 26), (92, 6)), limb((136, 44), (146, 26), (148, 6))],
        arrows=[straight_arrow((76, 34), (76, 10)), straight_arrow((164, 34), (164, 10))],
        view=(0, 0, 234),
    )


def seated_rotation():
    # Seen from above: knees and pelvis face forward (down), the shoulders and head turn.
    def shoulders(angle):
        a = math.radians(angle)
        dx, dy = 40 * math.cos(a), 40 * math.sin(a)
        return [
            line((120 - dx, 64 - dy), (120 + dx, 64 + dy), width=LIMB + 3),
            hand((120 - dx * 0.55, 64 - dy * 0.55)),
            hand((120 + dx * 0.55, 64 + dy * 0.55)),
            head((120, 64), 90 + angle, r=13),
        ]

    seat = line((84, 52), (156, 52), (156, 140), (84, 140), (84, 52), width=THIN)
    legs = [
        line((100, 70), (140, 70), width=LIMB + 1),
        limb((104, 70), (104, 112), (104, 126), (104, 138)),
        limb((136, 70), (136, 112), (136, 126), (136, 138)),
    ]
    return drawing(
        "Sitting, seen from above, arms crossed: knees and pelvis face forward, the upper body "
        "turns",
        props=[seat],
        start=shoulders(0),
        end=[legs, shoulders(-35)],
        arrows=[arrow((174, 72), (188, 36), (150, 20))],
        view=(8, 4, 224),
    )


def tva_drawing_in():
    neck, hip = (80, 128), (128, 128)

    def pose(bulge):
        return [belly((92, 121), (126, 121), bulge), limb(neck, (104, 138), (120, 120 - bulge * 2))]

    return drawing(
        "On the back, knees bent, fingertips inside the hip bones: the lower belly draws gently "
        "in as you breathe out",
        props=[FLOOR_LINE, pillow(66, 134)],
        start=pose(6),
        end=[lying_back(hip, neck), pose(1)],
        arrows=[straight_arrow((110, 92), (110, 112))],
        view=(40, 56, 164),
    )


def pelvic_floor_activation():
    def floor_of_pelvis(sag):
        return curve((90, 92), (102, 92 + sag * 2), (114, 92), width=THIN + 1)

    return drawing(
        "Sitting upright on a firm chair: the pelvic floor lifts as you breathe out",
        props=[FLOOR_LINE, chair(84, seat_y=104)],
        start=[floor_of_pelvis(4)],
        end=[sitting(100, seat_y=100), floor_of_pelvis(-4)],
        arrows=[straight_arrow((76, 112), (76, 88))],
        view=SEATED_VIEW,
    )


def dead_bug():
    neck, hip = (70, 128), (124, 128)
    body = [
        line(hip, neck),
        head((56, 125), 270),
        limb(neck, (64, 104), (62, 80)),  # the arm that stays up
        limb(hip, (116, 94), (150, 94), (152, 82)),  # the leg that stays
    ]
    return drawing(
        "On the back, arms up, hips and knees at right angles: one arm lowers back over the "
        "head while the opposite leg stretches out",
        props=[FLOOR_LINE],
        start=[limb(neck, (78, 104), (82, 80)), limb(hip, (130, 96), (164, 96), (166, 84))],
        end=[body, limb(neck, (48, 114), (26, 114)), limb(hip, (158, 118), (192, 122), (196, 110))],
        arrows=[arrow((90, 76), (40, 64), (28, 100)), arrow((172, 90), (206, 92), (200, 112))],
        view=(14, 50, 200),
    )


def bird_dog():
    return drawing(
        "On hands and knees, back flat: one arm reaches forward and the opposite leg back",
        props=[FLOOR_LINE],
        start=[
            limb((150, 76), (151, 104), (152, 132)),
            limb((82, 78), (82, 132), (52, 134), (40, 134)),
        ],
        end=on_all_fours(
            arm=[limb((150, 76), (174, 74), (200, 72)), limb((150, 76), (161, 104), (166, 132))],
            leg=[
                limb((82, 78), (54, 78), (26, 80), (22, 92)),
                limb((82, 78), (96, 132), (66, 134), (54, 134)),
            ],
        ),
        arrows=[arrow((166, 118), (196, 112), (202, 86)), arrow((40, 124), (14, 112), (20, 94))],
        view=(6, 30, 206),
    )


def glute_bridge_breathing():
    def pose(lift):
        hip = (128, 128 - lift)
        return [line(hip, (80, 128)), limb(hip, (156, 100 - lift / 3), (176, 136), (188, 138))]

    return drawing(
        "On the back, knees bent, feet flat: press the feet down and lift the bottom until "
        "knees, hips and shoulders form a line",
        props=[FLOOR_LINE],
        start=pose(0),
        end=[pose(28), head((66, 125), 270), limb((80, 128), (98, 138), (116, 138))],
        arrows=[straight_arrow((140, 124), (140, 96))],
        view=(40, 40, 180),
    )


def posture_setup():
    slumped_hip, slumped_neck = (94, 96), (122, 62)
    slumped = [
        curve(slumped_hip, (86, 62), slumped_neck),
        head((138, 60), 0),
        limb(slumped_hip, (134, 94), (138, FLOOR - 2), (150, FLOOR - 1)),
        limb(slumped_neck, (124, 80), (132, 90)),
    ]
    return drawing(
        "Sitting relaxed and tall: from slumped to upright, the breath gets room",
        props=[FLOOR_LINE, chair(88)],
        start=slumped,
        end=sitting(100),
        arrows=[arrow((152, 50), (150, 28), (124, 26))],
        view=SEATED_VIEW,
    )


def microbreak_routine():
    desk = [line((20, 82), (70, 82), width=3), line((24, 82), (24, FLOOR + 2), width=3)]
    seated = [
        line((94, 96), (92, 48)),
        head((90, 34), 180),
        limb((94, 96), (60, 94), (58, FLOOR - 2), (46, FLOOR - 1)),
        limb((92, 50), (80, 72), (62, 80)),
    ]
    return drawing(
        "After half an hour of sitting: stand up and stretch your arms above your head",
        props=[FLOOR_LINE, desk, chair(104, facing_right=False, back_top=56)],
        start=seated,
        end=standing(
            170,
            facing=180,
            arms=[limb((171, 36), (158, 22), (150, 8)), limb((171, 36), (184, 22), (192, 8))],
        ),
        arrows=[arrow((112, 54), (124, 20), (146, 30))],
    )


def daily_walk():
    return drawing(
        "Walking at an easy pace, tall, arms swinging loosely",
        props=[FLOOR_LINE],
        start=standing(
            60,
            step=16,
            arms=[limb((61, 36), (52, 58), (44, 76)), limb((61, 36), (70, 58), (80, 72))],
        ),
        end=standing(
            168,
            step=16,
            arms=[limb((169, 36), (160, 58), (152, 76)), limb((169, 36), (178, 58), (188, 72))],
        ),
        arrows=[straight_arrow((92, 110), (140, 110))],
        view=(8, 8, 222),
    )


DRAWINGS = {
    "bird-dog": bird_dog,
    "breathing-90-90": breathing_90_90,
    "breathing-daily-tasks": breathing_daily_tasks,
    "cat-camel": cat_camel,
    "chin-tuck": chin_tuck,
    "crocodile-breathing": crocodile_breathing,
    "daily-walk": daily_walk,
    "dead-bug": dead_bug,
    "diaphragm-hooklying": diaphragm_hooklying,
    "diaphragm-seated": diaphragm_seated,
    "glute-bridge-breathing": glute_bridge_breathing,
    "lateral-rib-breathing": lateral_rib_breathing,
    "microbreak-routine": microbreak_routine,
    "nasal-breathing-rest": nasal_breathing_rest,
    "open-book": open_book,
    "pelvic-floor-activation": pelvic_floor_activation,
    "posture-setup": posture_setup,
    "pursed-lip-exhale": pursed_lip_exhale,
    "seated-rotation": seated_rotation,
    "slow-paced-breathing": slow_paced_breathing,
    "thoracic-extension-chair": thoracic_extension_chair,
    "tva-drawing-in": tva_drawing_in,
    "wall-slide": wall_slide,
}


def write_all(out_dir: Path = OUT_DIR) -> list[Path]:
    """Write every drawing to plans/static/plans/exercises/<code>.svg."""
    written = []
    for code, draw in DRAWINGS.items():
        path = out_dir / f"{code}.svg"
        path.write_text(draw(), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all():
        print(path)
