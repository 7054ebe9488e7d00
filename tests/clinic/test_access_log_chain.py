import datetime
import json
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, connections, transaction
from django.utils import timezone

from clinic import accesslog
from clinic.models import AccessEvent, AccessEventSeal


def add_events(user, count):
    accesslog.write(
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


def add_unsealed(user, count=1, **fields):
    """Insert events around accesslog.write (as someone with database access could)."""
    values = {
        "at": timezone.now(),
        "clinic": user.clinic,
        "user": user,
        "action": "read",
        "outcome": "ok",
        **fields,
    }
    return AccessEvent.objects.bulk_create([AccessEvent(**values) for _ in range(count)])


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


def test_events_are_sealed_as_they_are_written(alice):
    add_events(alice, 5)
    assert list(AccessEventSeal.objects.values_list("seq", flat=True)) == [1, 2, 3, 4, 5]
    assert accesslog.seal() == 0


def test_an_intact_chain_verifies(alice):
    add_events(alice, 5)
    add_events(alice, 3)
    verdict = accesslog.verify()
    assert verdict.ok and verdict.checked == 8


def test_a_changed_event_is_reported_at_its_link(alice):
    add_events(alice, 5)
    third = AccessEventSeal.objects.get(seq=3).event_id
    drop_triggers()
    AccessEvent.objects.filter(pk=third).update(patient_id=999)
    verdict = accesslog.verify()
    assert verdict.broken_at == 3
    assert "digest mismatch" in verdict.reason


def test_a_removed_event_is_reported(alice):
    add_events(alice, 5)
    drop_triggers()
    AccessEventSeal.objects.filter(seq=2).delete()
    verdict = accesslog.verify()
    assert verdict.broken_at == 2


def test_the_command_reports_the_first_broken_link(alice):
    add_events(alice, 4)
    drop_triggers()
    AccessEvent.objects.filter(pk=AccessEventSeal.objects.get(seq=4).event_id).update(
        action="print"
    )
    with pytest.raises(CommandError, match="sequence 4"):
        call_command("verify_access_log")


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
    settings.AUDIT_HMAC_KEY = "another key"
    assert not accesslog.verify().ok


# Issue 15 ---------------------------------------------------------------------------------------


def test_verify_never_seals_so_a_forged_young_event_is_reported(alice):
    add_events(alice, 3)
    (forged,) = add_unsealed(alice, patient_id=4242)
    verdict = accesslog.verify()
    assert not verdict.ok
    assert "not sealed" in verdict.reason and str(forged.pk) in verdict.reason
    assert not AccessEventSeal.objects.filter(event=forged).exists()
    with pytest.raises(CommandError, match="not sealed"):
        call_command("verify_access_log")
    assert not AccessEventSeal.objects.filter(event=forged).exists()


def test_there_is_no_unsealed_window_after_a_request(alice_client, patient):
    alice_client.get(f"/patients/{patient.pk}/")
    event = AccessEvent.objects.get(patient_id=patient.pk)
    assert AccessEventSeal.objects.filter(event=event).exists()
    assert accesslog.verify().ok


def test_events_are_sealed_strictly_in_id_order(alice):
    """A lower id with a later time is not skipped (it was, forever, with a grace period)."""
    late = add_unsealed(alice, at=timezone.now() + datetime.timedelta(minutes=10))
    early = add_unsealed(alice, at=timezone.now() - datetime.timedelta(minutes=10))
    assert accesslog.seal() == 2
    seals = list(AccessEventSeal.objects.order_by("seq").values_list("event_id", flat=True))
    assert seals == [late[0].pk, early[0].pk]
    assert accesslog.verify().ok


def truncate_newest(count):
    from tests import dbtriggers

    dbtriggers.drop()
    newest = list(AccessEventSeal.objects.order_by("-seq")[:count])
    with connection.cursor() as cursor:
        for seal in newest:
            cursor.execute("DELETE FROM clinic_accesseventseal WHERE event_id = %s", [seal.pk])
            cursor.execute("DELETE FROM clinic_accessevent WHERE id = %s", [seal.pk])


def test_truncation_after_a_checkpoint_is_reported(alice, capsys):
    add_events(alice, 3)
    call_command("seal_access_log")
    add_events(alice, 2)
    call_command("seal_access_log")
    assert accesslog.verify().ok
    truncate_newest(2)
    verdict = accesslog.verify()
    assert not verdict.ok
    assert "the log ends before checkpoint 2" in verdict.reason
    with pytest.raises(CommandError, match="ends before checkpoint 2"):
        call_command("verify_access_log")


def test_a_forged_checkpoint_is_refused(alice, settings):
    add_events(alice, 2)
    call_command("seal_access_log")
    path = accesslog.checkpoint_file()
    entry = json.loads(path.read_text())
    entry["seq"] = 1
    path.write_text(json.dumps(entry) + "\n")
    assert "signature" in accesslog.verify().reason


def test_a_rewritten_chain_differs_from_its_checkpoint(alice):
    add_events(alice, 2)
    call_command("seal_access_log")
    truncate_newest(1)
    add_events(alice, 1)  # a new event takes the removed one's sequence number
    assert "differs from checkpoint 1" in accesslog.verify().reason


def test_a_rotated_key_keeps_old_seals_verifiable(alice, settings):
    old_key = settings.AUDIT_HMAC_KEY
    add_events(alice, 2)
    settings.AUDIT_HMAC_KEY = "a-new-audit-key-" + "n" * 32
    settings.AUDIT_HMAC_OLD_KEYS = [old_key]
    add_events(alice, 2)
    assert AccessEventSeal.objects.values("key_id").distinct().count() == 2
    assert accesslog.verify().ok
    settings.AUDIT_HMAC_OLD_KEYS = []
    verdict = accesslog.verify()
    assert verdict.broken_at == 1 and "unknown key id" in verdict.reason


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's REPLACE conflict resolution")
@pytest.mark.parametrize("verb", ["INSERT OR REPLACE", "REPLACE"])
def test_sqlite_refuses_insert_or_replace(alice, verb):
    add_events(alice, 1)
    event = AccessEvent.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"{verb} INTO clinic_accessevent (id, at, role, action, object_type, object_id, "
            "outcome, detail, user_agent, path) VALUES (%s, %s, '', 'print', '', '', 'ok', "
            "'', '', '')",
            [event.pk, event.at],
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"{verb} INTO clinic_accesseventseal (event_id, seq, digest, key_id, sealed_at) "
            "VALUES (%s, 1, 'x', '', %s)",
            [event.pk, event.at],
        )
    assert AccessEvent.objects.get().action == "read"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's upsert")
def test_postgresql_refuses_an_upsert(alice):
    add_events(alice, 1)
    event = AccessEvent.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO clinic_accessevent (id, at, role, action, object_type, object_id, "
            "outcome, detail, user_agent, path) VALUES (%s, %s, '', 'print', '', '', 'ok', "
            "'', '', '') ON CONFLICT (id) DO UPDATE SET action = 'print'",
            [event.pk, event.at],
        )
    assert AccessEvent.objects.get().action == "read"


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database has table locks, not a busy timeout; SQLite "
    "serialises writers with BEGIN IMMEDIATE",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_make_one_unbroken_chain(_refill_after_flush):
    """Two connections writing at once contend for the advisory lock: every event is sealed
    once, in id order, in one unbroken chain."""
    from clinic.models import Clinic
    from tests import dbtriggers

    clinic = Clinic.objects.create(name="Concurrent")
    errors = []

    def writer():
        try:
            for _ in range(10):
                accesslog.write(
                    [
                        AccessEvent(at=timezone.now(), clinic=clinic, action="read", outcome="ok")
                        for _ in range(3)
                    ]
                )
        except (DatabaseError, IntegrityError) as error:  # pragma: no cover - the failure case
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert AccessEventSeal.objects.count() == 60
        verdict = accesslog.verify([])
        assert verdict.ok, verdict.reason
    finally:
        dbtriggers.drop()  # let the transactional test empty the tables


@pytest.mark.parametrize("address", ["::ffff:10.0.0.1", "2001:0db8:0000::0001", "10.0.0.1"])
def test_an_event_seals_as_the_database_stores_it(alice_client, patient, address):
    alice_client.get(f"/patients/{patient.pk}/", REMOTE_ADDR=address)
    assert accesslog.verify([]).ok
