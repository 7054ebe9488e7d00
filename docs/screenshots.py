"""Regenerate docs/screenshots/: the main pages of a clinic day, in Dutch and English, on a
laptop (1366x768) and a 10-inch tablet (810x1080, portrait). Run with `make screenshots`.

It builds a throw-away demo database (seed_demo) in a temporary directory, serves it with
`runserver` on a free local port and drives Debian's Chromium through Playwright, as the browser
tests do. Each picture is what the screen shows when the page opens (not the whole page).
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SIZES = {"laptop": (1366, 768), "tablet": (810, 1080)}
LANGUAGES = ("nl", "en")
THERAPIST, ADMIN = "bram@demo.rugadem.test", "admin@demo.rugadem.test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(env: dict) -> None:
    """Migrate and seed the demo clinic in the temporary database."""
    for command in (["migrate", "--no-input", "-v0"], ["createcachetable"], ["seed_demo"]):
        subprocess.run(  # noqa: S603 - fixed manage.py commands
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def serve(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - fixed manage.py command
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("The development server did not start.")


def pages() -> dict[str, list[tuple[str, str]]]:
    """Return (name, path) of the pages to show, per user, from the seeded demo data."""
    import django

    django.setup()
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from patients.models import Episode, Visit
    from plans import services
    from plans.models import HomePlan

    with scopes_disabled():
        episode = max(
            Episode.objects.filter(status="open", patient__language="nl"),
            key=lambda e: (e.visits.count(), e.plans.count()),
        )
        intake = episode.visits.get(kind=Visit.Kind.INTAKE)
        follow_up = episode.visits.filter(kind=Visit.Kind.FOLLOW_UP).order_by("-date").first()
        issued = episode.plans.filter(status=HomePlan.Status.ISSUED).get()
        draft = episode.plans.filter(status=HomePlan.Status.DRAFT).first()
        draft = draft or services.plan_revise(plan=issued, user=episode.therapist)
        patient = episode.patient
    therapist = [
        ("01-start", reverse("home")),
        ("02-patients", reverse("patients:list")),
        ("03-patient", reverse("patients:detail", args=[patient.pk])),
        ("04-episode", reverse("patients:episode_detail", args=[episode.pk])),
        ("05-intake-pain", reverse("patients:intake_section", args=[episode.pk, "pain"])),
        ("06-screening", reverse("patients:screening", args=[intake.pk])),
        ("07-findings", reverse("patients:findings", args=[episode.pk])),
        ("08-plan-editor", reverse("plans:editor", args=[draft.pk])),
        ("09-plan-issued", reverse("plans:detail", args=[issued.pk])),
        ("10-follow-up", reverse("patients:followup_edit", args=[follow_up.pk])),
        ("11-progress", reverse("patients:progress", args=[episode.pk])),
        ("12-dashboard", reverse("patients:dashboard")),
    ]
    admin = [("13-instruments-admin", reverse("patients:instrument_licences"))]
    return {THERAPIST: therapist, ADMIN: admin}


def set_language(email: str, language: str) -> None:
    from clinic.models import Therapist

    Therapist.objects.filter(email=email).update(language=language)


def shoot(base: str, shots: dict[str, list[tuple[str, str]]]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from clinic.management.commands.seed_demo import DEMO_PASSWORD

    made = []
    with sync_playwright() as playwright:
        for language in LANGUAGES:
            # The browser's own language sets the date fields' format (dd-mm-jjjj in Dutch); it
            # needs Debian's chromium-l10n, without which they show mm/dd/yyyy in both languages.
            locale = "nl-NL" if language == "nl" else "en-GB"
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", f"--lang={locale}"]
            )
            for email, paths in shots.items():
                set_language(email, language)
                for size, (width, height) in SIZES.items():
                    context = browser.new_context(
                        base_url=base,
                        locale=locale,
                        viewport={"width": width, "height": height},
                    )
                    page = context.new_page()
                    page.goto("/accounts/login/")
                    if email == THERAPIST:
                        made.append(save(page, f"00-sign-in-{language}-{size}"))
                    page.fill("input[name=login]", email)
                    page.fill("input[name=password]", DEMO_PASSWORD)
                    with page.expect_navigation():
                        page.press("input[name=password]", "Enter")
                    for name, path in paths:
                        page.goto(path)
                        page.wait_for_load_state("networkidle")
                        made.append(save(page, f"{name}-{language}-{size}"))
                    context.close()
            browser.close()
    return made


def save(page, name: str) -> Path:
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def write_index(made: list[Path]) -> None:
    """Write docs/screenshots/README.md: a table of the pictures, a row per page."""
    names = sorted({path.stem.rsplit("-", 2)[0] for path in made})
    columns = [(language, size) for language in LANGUAGES for size in SIZES]
    lines = [
        "# Screenshots",
        "",
        "The main pages of a clinic day in the demo clinic, made by `make screenshots`",
        "(`docs/screenshots.py`). Laptop: 1366×768; tablet: a 10-inch tablet, 810×1080 portrait.",
        "Each picture shows what the screen shows when the page opens.",
        "",
        "| page | " + " | ".join(f"{language} {size}" for language, size in columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for name in names:
        cells = [f"[{size}]({name}-{language}-{size}.png)" for language, size in columns]
        lines.append(f"| {name[3:].replace('-', ' ')} | " + " | ".join(cells) + " |")
    (OUT / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM} (install it: sudo apt-get install chromium)")
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="rugadem-screenshots-") as tmp:
        env = {
            **os.environ,
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "DJANGO_SETTINGS_MODULE": "clinic.settings",
            # Playwright keeps an event loop on this thread; the ORM calls here are synchronous.
            "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
        }
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        prepare(env)
        port = free_port()
        server = serve(env, port)
        try:
            made = shoot(f"http://127.0.0.1:{port}", pages())
            write_index(made)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{len(made)} screenshots in {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
