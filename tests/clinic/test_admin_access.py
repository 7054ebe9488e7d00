from clinic.models import Therapist


def test_clinic_staff_cannot_use_the_django_admin(client, clinic_admin):
    client.force_login(clinic_admin)
    response = client.get("/admin/")
    assert response.status_code == 302


def test_a_superuser_can_use_the_django_admin(client, db):
    root = Therapist.objects.create_superuser("root@rugadem.test", "a-long-root-password")
    client.force_login(root)
    assert client.get("/admin/clinic/clinic/").status_code == 200
