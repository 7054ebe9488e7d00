"""The page that explains every plan rule to therapists (plans:rules)."""

from django.urls import reverse

from plans.rules import RULES, describe_rules


def test_it_lists_every_rule_with_its_reason_in_both_languages(alice_client):
    response = alice_client.get(reverse("plans:rules"))
    content = response.content.decode()
    assert response.status_code == 200
    for rule in describe_rules():
        assert f'id="rule-{rule["id"]}"' in content
        assert rule["reason_nl"] in content and rule["reason_en"] in content
    assert len(response.context["rules"]) == len(RULES)


def test_it_names_the_exercises_a_rule_adds(alice_client):
    response = alice_client.get(reverse("plans:rules"))
    assert "Buikademhaling op je rug" in response.content.decode()
