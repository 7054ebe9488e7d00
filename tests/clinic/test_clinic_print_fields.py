"""Clinic settings printed on every plan: the logo's pixels and plain, printable text."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from clinic.forms import LOGO_STORED_PIXELS, MAX_LOGO_BYTES
from clinic.printable import printable, unprintable
from plans.forms import PlanForm
from tests.clinic.test_clinic_settings import form_data

URL = reverse("clinic_settings")


def png(width, height, mode="1") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), 1 if mode == "1" else "navy").save(out, "PNG", optimize=True)
    return out.getvalue()


def upload(content, name="logo.png", kind="image/png"):
    return SimpleUploadedFile(name, content, content_type=kind)


@pytest.fixture
def admin_client(client, clinic_admin, media):
    client.force_login(clinic_admin)
    return client


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_small_file_with_a_huge_image_is_refused_with_its_size(admin_client, clinic):
    content = png(12000, 12000)
    assert len(content) < 64 * 1024  # bytes alone would let it through
    response = admin_client.post(URL, {**form_data(), "logo": upload(content)})
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["logo"])
    assert "12000 × 12000" in error and "2000 × 2000" in error
    clinic.refresh_from_db()
    assert not clinic.logo


def test_an_accepted_logo_is_scaled_down_before_it_is_stored(admin_client, clinic):
    response = admin_client.post(URL, {**form_data(), "logo": upload(png(1800, 900, "RGB"))})
    assert response.status_code == 302
    clinic.refresh_from_db()
    with clinic.logo.open("rb") as handle, Image.open(handle) as image:
        assert image.size == (LOGO_STORED_PIXELS, LOGO_STORED_PIXELS // 2)
        assert image.format == "PNG"


def test_a_small_logo_is_stored_as_it_is(admin_client, clinic):
    content = png(300, 100, "RGB")
    assert admin_client.post(URL, {**form_data(), "logo": upload(content)}).status_code == 302
    clinic.refresh_from_db()
    with clinic.logo.open("rb") as handle:
        assert handle.read() == content


def test_the_byte_limit_still_applies(admin_client, clinic):
    noise = Image.frombytes("RGB", (700, 700), os.urandom(700 * 700 * 3))
    out = io.BytesIO()
    noise.save(out, "PNG")
    assert len(out.getvalue()) > MAX_LOGO_BYTES
    response = admin_client.post(URL, {**form_data(), "logo": upload(out.getvalue())})
    assert "512 KB" in " ".join(response.context["form"].errors["logo"])


def test_saving_other_settings_keeps_the_logo(admin_client, clinic):
    admin_client.post(URL, {**form_data(), "logo": upload(png(300, 100, "RGB"))})
    clinic.refresh_from_db()
    name = clinic.logo.name
    assert admin_client.post(URL, form_data(name="Praktijk Alfa")).status_code == 302
    clinic.refresh_from_db()
    assert clinic.logo.name == name


@pytest.mark.parametrize("field", ["name", "address", "phone"])
def test_printed_clinic_fields_refuse_markup(admin_client, clinic, field):
    response = admin_client.post(URL, form_data(**{field: "Praktijk <b>Alpha</b>"}))
    assert response.status_code == 200
    assert "HTML is hier niet toegestaan" in " ".join(response.context["form"].errors[field])
    clinic.refresh_from_db()
    assert "<" not in clinic.name + clinic.address + clinic.phone


def test_a_clinic_name_with_an_emoji_the_print_font_lacks_is_refused(admin_client, clinic):
    response = admin_client.post(URL, form_data(name="Praktijk Alpha 🚶"))
    assert "🚶" in " ".join(response.context["form"].errors["name"])


def test_symbols_the_print_font_has_are_accepted_and_letters_of_any_script_too():
    assert unprintable("Rustig ☺ → 10 × ✓ · café Ærø 北京 Ελλάδα") == []
    assert unprintable("Goed gedaan 🚶🥦") == ["🚶", "🥦"]
    printable("Rustig opbouwen ✓")
    with pytest.raises(Exception, match="niet worden afgedrukt"):
        printable("Rustig opbouwen 🥦")


def test_the_plan_note_refuses_signs_that_would_print_as_boxes():
    form = PlanForm({"lock_version": 1, "language": "nl", "note": "Goed bezig 🥦", "op": ""})
    assert not form.is_valid()
    assert "🥦" in " ".join(form.errors["note"])
