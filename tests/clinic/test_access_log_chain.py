import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from clinic import accesslog
from clinic.models import AccessEvent, AccessEventSeal

LATER = timezone.now() + datetime.timedelta(minutes=1)


def add_events(user, count):
    AccessEvent.objects.bulk_create(
        [
            AccessEvent(
                at=timezone.now() - datetime.timedelta(minutes=5),
                clinic=user.clinic,
                user=user,
                role=user.role,
                patient_id=n,
                action="read",
                outcome="ok",
                ip_address="127.0.0.1",
                path=f"/patients/{n}/",
            )
            for n in range(count)
        ]
    )


def drop_triggers():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER clinic_accessevent_no_update")
            cursor.execute("DROP TRIGGER clinic_accesseventseal_no_delete")
        else:
            cursor.execute("DROP TRIGGER clinic_accessevent_append_only ON clinic_accessevent")
            cursor.execute(
                "DROP TRIGGER clinic_accesseventseal_append_only ON clinic_accesseventseal"
            )


def test_sealing_chains_every_event_once(alice):
    add_events(alice, 5)
    assert accesslog.seal(LATER) == 5
    assert accesslog.seal(LATER) == 0
    assert list(AccessEventSeal.objects.values_list("seq", flat=True)) == [1, 2, 3, 4, 5]


def test_an_intact_chain_verifies(alice):
    add_events(alice, 5)
    accesslog.seal(LATER)
    add_events(alice, 3)
    accesslog.seal(LATER)
    verdict = accesslog.verify()
    assert verdict.ok and verdict.checked == 8


def test_a_changed_event_is_reported_at_its_link(alice):
    add_events(alice, 5)
    accesslog.seal(LATER)
    third = AccessEventSeal.objects.get(seq=3).event_id
    drop_triggers()
    AccessEvent.objects.filter(pk=third).update(patient_id=999)
    verdict = accesslog.verify()
    assert verdict.broken_at == 3
    assert "digest mismatch" in verdict.reason


def test_a_removed_event_is_reported(alice):
    add_events(alice, 5)
    accesslog.seal(LATER)
    drop_triggers()
    AccessEventSeal.objects.filter(seq=2).delete()
    verdict = accesslog.verify()
    assert verdict.broken_at == 2


def test_the_command_reports_the_first_broken_link(alice):
    add_events(alice, 4)
    accesslog.seal(LATER)
    drop_triggers()
    AccessEvent.objects.filter(pk=AccessEventSeal.objects.get(seq=4).event_id).update(
        action="print"
    )
    with pytest.raises(CommandError, match="sequence 4"):
        call_command("verify_access_log", "--no-seal")


def test_the_command_passes_on_an_intact_log(alice, capsys):
    add_events(alice, 2)
    call_command("verify_access_log")
    assert "intact" in capsys.readouterr().out


@pytest.mark.parametrize(
    "statement",
    ["UPDATE clinic_accessevent SET action = 'print'", "DELETE FROM clinic_accessevent"],
)
def test_the_database_refuses_to_change_or_delete_events(alice, statement):
    add_events(alice, 1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)


def test_the_application_refuses_to_change_an_event(alice):
    add_events(alice, 1)
    event = AccessEvent.objects.get()
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_a_different_key_breaks_the_chain(alice, settings):
    add_events(alice, 2)
    accesslog.seal(LATER)
    settings.AUDIT_HMAC_KEY = "another key"
    assert not accesslog.verify().ok
