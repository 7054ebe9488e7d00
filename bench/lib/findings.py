"""Findings for timing the plan rules: every finding that makes some rule fire, at once."""

from patients.findings import Findings

# Without red flags: the slowest input for plans.rules.generate().
FULL_FINDINGS = Findings(
    duration="acute",
    nprs=8,
    onset_mode="sudden_lifting",
    recurrent=True,
    sbst_risk="high",
    stress=9,
    fear_of_movement=True,
    desk_hours=9.0,
    heavy_work=True,
    sleep_poor=True,
    activity_low=True,
    nq_total=30,
    nq_elevated=True,
    hilo_supine="paradoxical",
    rate_flag="elevated",
    breath_route="mouth",
    sighs=True,
    accessory_muscles=True,
    thoracic_limited=True,
    forward_head=True,
    increased_kyphosis=True,
    flexion_painful=True,
    extension_painful=True,
    late_pregnancy=True,
)
