"""The national-scale generator, at the scale of two areas."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from areas.models import Area, Budget, CaoRevision, CaoStatement, SteeringMember
from partnerships.models import Person, ProgrammeRole
from scale import accounts, totp
from scale.generate import generate
from workshops.models import Action, ActionEvent, Attendance, Insight, Session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def bench_mode(settings):
    """The command runs only for a benchmark (or in debug): its sign-ins are published."""
    settings.BENCH_MODE = True


def _snapshot():
    """What a seed decides, without the ids the database hands out."""
    return (
        list(Area.objects.order_by("slug").values_list("name", "focus", "stage")),
        list(Person.objects.order_by("email", "full_name").values_list("full_name", "email")),
        list(
            Action.objects.order_by("area__slug", "description").values_list(
                "description", "status", "due_on"
            )
        ),
        list(
            Session.objects.order_by("area__slug", "title").values_list("title", "kind", "status")
        ),
    )


def test_two_areas_have_every_kind_of_record_in_realistic_numbers():
    counts, seconds = generate(areas=2, seed=7, bench_accounts=2)

    assert Area.objects.count() == 2
    for area in Area.objects.all():
        assert 8 <= SteeringMember.objects.current().filter(area=area).count() <= 15
        assert Session.objects.filter(area=area).count() == 20
        assert Action.objects.filter(area=area).count() == 400
        assert Budget.objects.filter(area=area).count() == 6
    # About a hundred people an area, one facilitator for both, two programme leads.
    assert 2 * 85 + 3 <= Person.objects.count() <= 2 * 115 + 3
    assert ActionEvent.objects.count() >= Action.objects.count()
    assert Attendance.objects.exists()
    assert Insight.objects.exists()
    assert CaoRevision.objects.count() >= CaoStatement.objects.count() > 0
    assert counts["workshops.Action"] == 800
    assert seconds < 30


def test_the_same_seed_makes_the_same_programme_and_another_seed_another():
    generate(areas=2, seed=7, bench_accounts=2)
    first = _snapshot()
    call_command("generate_scale_data", areas=2, seed=7, reset=True, stdout=StringIO())
    assert _snapshot() == first
    call_command("generate_scale_data", areas=2, seed=8, reset=True, stdout=StringIO())
    assert _snapshot() != first


def test_refuses_to_add_to_a_database_that_has_areas():
    generate(areas=1, seed=7, bench_accounts=1)
    with pytest.raises(CommandError, match="--reset"):
        call_command("generate_scale_data", areas=1)


def test_benchmark_accounts_can_sign_in_with_two_factor(client):
    generate(areas=3, seed=7, bench_accounts=2)
    lead = Person.objects.get(email=accounts.lead_email(0))
    assert lead.programme_role == ProgrammeRole.LEAD
    facilitator = Person.objects.get(email=accounts.facilitator_email(0))
    assert facilitator.memberships.count() >= 3
    steering = Person.objects.get(email=accounts.steering_email(1))
    assert steering.owned_actions.exists()

    response = client.post(
        "/accounts/login/",
        {"login": facilitator.email, "password": accounts.PASSWORD},
        follow=True,
    )
    assert "/2fa/authenticate/" in response.redirect_chain[-1][0]
    code = totp.code_for(totp.secret_for(facilitator.email))
    response = client.post("/accounts/2fa/authenticate/", {"code": code}, follow=True)
    assert response.status_code == 200
    assert response.wsgi_request.user.email == facilitator.email
