"""The facilitator's and the partnership's pulse pages: opening, results shown only from
five answers, slips for the room, closing, recording a result, and the area page's trend."""

import pytest
from django.urls import reverse

from areas.models import Measurement
from areas.pulse import services
from areas.pulse.models import Pulse, PulseInvitation
from areas.pulse.selectors import pulse_results
from tests.areas.pulse.helpers import answer, open_pulse
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def pulses_url(world):
    return reverse("areas:pulses", args=[world.area_a.slug])


def page_url(name, pulse):
    return reverse(f"areas:{name}", args=[pulse.area.slug, pulse.pk])


def test_a_facilitator_opens_a_pulse(client, world):
    client.force_login(world.facilitator_a)
    response = client.post(pulses_url(world), {"audience": "steering"})
    pulse = Pulse.objects.get(area=world.area_a)
    assert response["Location"] == pulse.get_absolute_url()
    assert pulse.invitations.get().person == world.steering_a.person


def test_choosing_nobody_to_ask_is_named_next_to_the_field(client, world):
    client.force_login(world.facilitator_a)
    response = client.post(pulses_url(world), {"audience": "the whole town"})
    assert response.status_code == 200
    assert 'id="id_audience-error"' in response.text
    assert not Pulse.objects.exists()


def test_a_second_pulse_cannot_be_opened_while_one_is_open(client, world):
    pulse = open_pulse(world)
    client.force_login(world.facilitator_a)
    response = client.post(pulses_url(world), {"audience": "steering"})
    assert response["Location"] == pulse.get_absolute_url()
    assert Pulse.objects.count() == 1


@pytest.mark.parametrize("persona", ["steering_a", "lco_a", "community_a"])
def test_other_roles_read_the_results_but_do_not_run_pulses(client, world, persona):
    pulse = open_pulse(world)
    client.force_login(getattr(world, persona))
    assert client.get(pulses_url(world)).status_code == 200
    assert "Open the pulse" not in client.get(pulses_url(world)).text
    assert client.get(page_url("pulse-detail", pulse)).status_code == 200
    assert client.post(pulses_url(world), {"audience": "steering"}).status_code == 403
    assert client.post(page_url("pulse-close", pulse)).status_code == 403
    assert client.get(page_url("pulse-slips", pulse)).status_code == 403


def test_results_say_how_many_more_answers_are_needed(client, world):
    pulse = open_pulse(world)
    answer(pulse, 3, better="Share the papers a week before")
    client.force_login(world.steering_a)
    response = client.get(page_url("pulse-detail", pulse))
    assert "Results appear once 2 more people answer" in response.text
    assert "Share the papers" not in response.text
    assert "Mean" not in response.text


def test_results_show_each_question_once_closed_with_five_answers(client, world):
    pulse = open_pulse(world)
    answer(pulse, 5, trust=5, better="Share the papers a week before")
    services.pulse_close(pulse=pulse)
    client.force_login(world.steering_a)
    response = client.get(page_url("pulse-detail", pulse))
    assert "Mean <strong>5.0 out of 5</strong>" in response.text
    assert "Mean <strong>4.0 out of 5</strong>" in response.text
    assert "Share the papers a week before" in response.text


def test_slips_are_printed_for_the_room_each_with_its_own_link(client, world):
    pulse = open_pulse(world)
    client.force_login(world.facilitator_a)
    response = client.post(page_url("pulse-slips", pulse), {"count": "3"})
    assert response.status_code == 302
    page = client.get(page_url("pulse-slips", pulse)).text
    assert page.count("<svg") >= 3
    assert PulseInvitation.objects.filter(pulse=pulse, person__isnull=True).count() == 3


@pytest.mark.parametrize(
    ("count", "error"),
    [
        ("", "Enter how many slips to print as a whole number, like 12"),
        ("0", "Enter how many slips to print of 1 or more"),
        ("1.5", "Enter how many slips to print as a whole number, like 12"),
        ("61", "Print at most 60 at a time; print again for more."),
    ],
)
def test_a_wrong_number_of_slips_is_named_next_to_the_field(client, world, count, error):
    pulse = open_pulse(world)
    client.force_login(world.facilitator_a)
    response = client.post(page_url("pulse-slips", pulse), {"count": count})
    assert response.status_code == 200
    assert error in response.text
    assert 'id="id_count-error"' in response.text


def test_closing_a_pulse(client, world):
    pulse = open_pulse(world)
    client.force_login(world.facilitator_a)
    client.post(page_url("pulse-close", pulse))
    pulse.refresh_from_db()
    assert pulse.closed_at is not None


def test_a_shown_result_is_recorded_as_an_indicator_measurement(client, world):
    pulse = open_pulse(world)
    answer(pulse, 5, involved=2)
    services.pulse_close(pulse=pulse)
    indicator = IndicatorFactory(area=world.area_a, baseline_on="2020-01-01")
    client.force_login(world.steering_a)
    response = client.post(
        page_url("pulse-detail", pulse), {"indicator": indicator.pk, "question": "involved"}
    )
    assert response["Location"] == indicator.get_absolute_url()
    measurement = Measurement.objects.get(indicator=indicator)
    assert measurement.value == 2
    assert measurement.recorded_by == world.steering_a.person


def _preselected(client, world, pulse):
    """The indicator the measurement form has chosen already, as a browser sends it."""
    client.force_login(world.facilitator_a)
    response = client.get(page_url("pulse-detail", pulse))
    form = response.context["form"]
    return form["indicator"].value(), response.text


def test_the_measurement_form_preselects_the_partnership_health_indicator(client, world):
    pulse = open_pulse(world)
    answer(pulse, 5)
    services.pulse_close(pulse=pulse)
    IndicatorFactory(area=world.area_a, name="Smear tests booked")
    health = IndicatorFactory(area=world.area_a, name="Partnership health: a real say")
    chosen, html = _preselected(client, world, pulse)
    assert chosen == health.pk
    assert f'<option value="{health.pk}" selected>' in html


def test_the_indicator_a_pulse_was_recorded_in_is_preselected_next_time(client, world):
    earlier = open_pulse(world)
    answer(earlier, 5)
    services.pulse_close(pulse=earlier)
    IndicatorFactory(area=world.area_a, name="Partnership health, old wording")
    followed = IndicatorFactory(area=world.area_a, name="Trust between partners")
    services.pulse_record_measurement(
        results=pulse_results(earlier),
        indicator=followed,
        question="trust",
        by=world.facilitator_a.person,
    )
    chosen, _ = _preselected(client, world, earlier)
    assert chosen == followed.pk


def test_without_a_partnership_health_indicator_nothing_is_preselected(client, world):
    pulse = open_pulse(world)
    answer(pulse, 5)
    services.pulse_close(pulse=pulse)
    IndicatorFactory(area=world.area_a, name="Smear tests booked")
    IndicatorFactory(area=world.area_a, name="Letters in Polish")
    chosen, html = _preselected(client, world, pulse)
    assert chosen is None
    assert '<option value="" selected>Choose an indicator</option>' in html


def test_an_indicator_of_another_area_is_refused(client, world):
    pulse = open_pulse(world)
    answer(pulse, 5)
    services.pulse_close(pulse=pulse)
    client.force_login(world.facilitator_a)
    other = IndicatorFactory(area=world.area_b)
    response = client.post(page_url("pulse-detail", pulse), {"indicator": other.pk})
    assert "Choose one of the area&#x27;s indicators." in response.text
    assert not Measurement.objects.exists()


def test_no_result_is_recorded_below_five_answers(client, world):
    pulse = open_pulse(world)
    answer(pulse, 4)
    indicator = IndicatorFactory(area=world.area_a)
    client.force_login(world.facilitator_a)
    response = client.post(page_url("pulse-detail", pulse), {"indicator": indicator.pk})
    assert response.status_code == 403
    assert not Measurement.objects.exists()


def test_the_area_page_shows_the_trend_beside_the_stage(client, world):
    pulse = open_pulse(world)
    answer(pulse, 5, trust=3, vision=3, involved=3, worth_time=3)
    services.pulse_close(pulse=pulse)
    answer(open_pulse(world), 2)
    client.force_login(world.community_a)
    response = client.get(world.area_a.get_absolute_url())
    assert "Partnership health" in response.text
    assert "<strong>3.0 out of 5</strong> from 5 people" in response.text
    assert "3 more answers needed (open)" in response.text


def test_an_open_pulse_with_five_answers_shows_its_results_when_it_closes(client, world):
    pulse = open_pulse(world)
    answer(pulse, 6, trust=3, vision=3, involved=3, worth_time=3)
    client.force_login(world.facilitator_a)
    assert (
        "6 answers, shown when it closes (open)" in client.get(world.area_a.get_absolute_url()).text
    )
    detail = client.get(page_url("pulse-detail", pulse)).text
    assert "Results appear when the pulse closes" in detail
    assert "out of 5" not in detail
    client.post(page_url("pulse-close", pulse))
    assert "Mean <strong>3.0 out of 5</strong>" in client.get(page_url("pulse-detail", pulse)).text


def _pulses(world, count, answers):
    for _ in range(count):
        pulse = open_pulse(world)
        answer(pulse, answers)
        services.pulse_close(pulse=pulse)
    return pulse


def test_the_pages_take_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.facilitator_a)
    pulse = _pulses(world, 1, 5)
    urls = [
        pulses_url(world),
        page_url("pulse-detail", pulse),
        page_url("pulse-slips", pulse),
        world.area_a.get_absolute_url(),
    ]
    counted = {}
    for url in urls:
        with django_assert_max_num_queries(40) as small:
            assert client.get(url).status_code == 200
        counted[url] = len(small)
    pulse = _pulses(world, 4, 12)
    services.pulse_add_slips(pulse=pulse, count=5)
    urls[1:3] = [page_url("pulse-detail", pulse), page_url("pulse-slips", pulse)]
    for before, url in zip(counted.values(), urls, strict=True):
        with django_assert_max_num_queries(before) as grown:
            assert client.get(url).status_code == 200
        assert len(grown) > 0
