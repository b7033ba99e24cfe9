"""The page people answer on, signed out: nothing without a working link, nothing once it
is used, tampering refused, guessing slowed down."""

import pytest
from django.urls import reverse

from areas.pulse import links, services
from areas.pulse.models import PulseAnswer
from tests.areas.pulse.helpers import open_pulse

pytestmark = pytest.mark.django_db

ANSWERS = {"trust": "4", "vision": "3", "involved": "2", "worth_time": "5", "better": "Evenings"}


@pytest.fixture
def slip(world):
    return services.pulse_add_slips(pulse=open_pulse(world), count=1)[0]


def url(token):
    return reverse("pulse:answer", args=[token])


def test_a_working_link_shows_the_questions(client, slip, world):
    response = client.get(url(links.token_for(slip)))
    assert response.status_code == 200
    assert "I trust the other people and organisations" in response.text
    assert world.area_a.name in response.text
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("a" if token[-1] != "a" else "b"),
        lambda token: "1" + token,
        lambda token: token.split("-")[0],
        lambda token: "zz-" + token.split("-")[1],
        lambda token: "",
    ],
)
def test_a_tampered_link_opens_nothing(client, slip, world, tamper):
    token = tamper(links.token_for(slip))
    response = client.get(url(token)) if token else client.get("/pulse/-/")
    assert response.status_code == 404
    assert world.area_a.name not in response.text
    assert client.post(url(token or "-"), ANSWERS).status_code == 404
    assert not PulseAnswer.objects.exists()


def test_answers_are_kept_once_and_the_link_then_shows_nothing(client, slip, world):
    response = client.post(url(links.token_for(slip)), ANSWERS)
    assert response.status_code == 200
    assert "Thank you" in response.text
    answer = PulseAnswer.objects.get()
    assert (answer.trust, answer.vision, answer.involved, answer.worth_time) == (4, 3, 2, 5)
    assert answer.better == "Evenings"
    for again in (
        client.get(url(links.token_for(slip))),
        client.post(url(links.token_for(slip)), ANSWERS),
    ):
        assert again.status_code == 410
        assert world.area_a.name not in again.text
        assert "trust" not in again.text
    assert PulseAnswer.objects.count() == 1


def test_a_closed_pulse_shows_nothing(client, slip, world):
    services.pulse_close(pulse=slip.pulse)
    response = client.get(url(links.token_for(slip)))
    assert response.status_code == 410
    assert world.area_a.name not in response.text


def test_missing_answers_are_named_next_to_their_question_and_the_rest_kept(client, slip):
    response = client.post(url(links.token_for(slip)), {**ANSWERS, "vision": "", "trust": "9"})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert 'id="id_vision-error"' in response.text
    assert "Choose how far you agree." in response.text
    assert "Choose one of the five answers." in response.text
    assert 'name="worth_time" type="radio" value="5" checked' in response.text
    assert "Evenings" in response.text
    assert not PulseAnswer.objects.exists()


def test_too_long_a_free_text_is_refused_with_its_reason(client, slip):
    response = client.post(url(links.token_for(slip)), {**ANSWERS, "better": "x" * 1001})
    assert "Keep it to 1,000 characters or fewer." in response.text
    assert not PulseAnswer.objects.exists()


def test_an_address_that_keeps_guessing_is_asked_to_wait_even_with_a_working_link(
    client, slip, settings
):
    settings.PULSE_MISSES_PER_ADDRESS = 3
    for guess in range(3):
        assert client.get(url(f"{guess}-aaaaaaaaaaaaaaaa")).status_code == 404
    response = client.get(url(links.token_for(slip)))
    assert response.status_code == 429
    assert "Please wait" in response.text


def test_answers_from_one_address_are_limited(client, world, settings):
    settings.PULSE_ANSWERS_PER_ADDRESS = 1
    first, second = services.pulse_add_slips(pulse=open_pulse(world), count=2)
    assert client.post(url(links.token_for(first)), ANSWERS).status_code == 200
    assert client.post(url(links.token_for(second)), ANSWERS).status_code == 429
    assert PulseAnswer.objects.count() == 1
