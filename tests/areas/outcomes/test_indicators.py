from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from areas.models import Indicator, Measurement, Unit
from tests.factories import CaoStatementFactory, IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "measurements"}


def _url(name, indicator):
    return reverse(f"areas:outcomes:{name}", args=[indicator.area.slug, indicator.pk])


def _measurement(day=date(2023, 7, 27), value="43", source="Training register", note=""):
    return {
        "measured_on_day": day.day,
        "measured_on_month": day.month,
        "measured_on_year": day.year,
        "value": value,
        "source": source,
        "note": note,
    }


def _indicator_form(**changes):
    data = {
        "name": "Referrals to the Community Connector",
        "kind": "process",
        "unit": "count",
        "unit_label": "referrals",
        "direction": "up",
        "definition": "",
        "baseline_value": "0",
        "baseline_on_day": "1",
        "baseline_on_month": "1",
        "baseline_on_year": "2023",
        "target_value": "150",
        "target_on_day": "31",
        "target_on_month": "3",
        "target_on_year": "2024",
    }
    return {**data, **changes}


def test_a_plain_post_adds_a_measurement_and_goes_back_to_the_indicator(client, world):
    indicator = IndicatorFactory(area=world.area_a)
    client.force_login(world.facilitator_a)

    response = client.post(_url("measurement-add", indicator), _measurement(note="Fourth practice"))

    assert response.status_code == 302
    assert response["Location"] == _url("indicator", indicator)
    measurement = Measurement.objects.get(indicator=indicator)
    assert measurement.value == Decimal(43)
    assert measurement.note == "Fourth practice"
    assert measurement.recorded_by == world.facilitator_a.person
    page = client.get(response["Location"]).content.decode()
    assert "Measurement added: 43 receptionists on 27 July 2023." in page


def test_with_htmx_the_figures_update_in_place(client, world):
    indicator = IndicatorFactory(area=world.area_a)
    client.force_login(world.steering_a)

    response = client.post(
        _url("measurement-add", indicator), _measurement(value="29,508"), headers=HTMX
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="measurements"')
    assert "Measurement added: 29,508 receptionists on 27 July 2023." in body
    assert "<svg" in body
    assert "29,508" in body
    assert 'name="value"' in body
    assert 'value="29,508"' not in body, "a fresh form"
    assert Measurement.objects.get().value == Decimal(29508)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"value": "about forty"}, "value", "Enter the value as a number, like 42 or 71.5"),
        ({"value": "-3"}, "value", "The value cannot be negative."),
        ({"value": ""}, "value", "Enter the value."),
        ({"source": ""}, "source", "Say where the figure comes from."),
        (
            {"day": date(2022, 12, 31)},
            "measured_on",
            "The date must be on or after the baseline date, 1 January 2023.",
        ),
        (
            {"day": timezone.localdate() + timedelta(days=2)},
            "measured_on",
            "The date cannot be in the future.",
        ),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_the_rest_kept(
    client, world, changes, field, message
):
    indicator = IndicatorFactory(area=world.area_a, baseline_on=date(2023, 1, 1))
    client.force_login(world.facilitator_a)
    data = _measurement(**{"source": "Practice register", "note": "Kept note", **changes})

    for headers in ({}, HTMX):
        response = client.post(_url("measurement-add", indicator), data, headers=headers)
        assert response.status_code == 200
        assert response.context["form"].errors[field] == [message]
        body = response.content.decode()
        assert f'id="id_{field}-error"' in body
        assert "Kept note</textarea>" in body
        if field != "source":
            assert 'value="Practice register"' in body
    assert not Measurement.objects.exists()


def test_a_percentage_cannot_be_over_a_hundred(client, world):
    indicator = IndicatorFactory(
        area=world.area_a, unit=Unit.PERCENTAGE, unit_label="", target_value=Decimal(70)
    )
    client.force_login(world.facilitator_a)

    response = client.post(_url("measurement-add", indicator), _measurement(value="104.5%"))
    accepted = client.post(_url("measurement-add", indicator), _measurement(value="64.9%"))

    assert response.context["form"].errors["value"] == [
        "A percentage cannot be more than 100. You entered 104.5."
    ]
    assert accepted.status_code == 302
    assert Measurement.objects.get().value == Decimal("64.9")


def test_lco_coordinators_read_indicators_but_do_not_add_measurements(client, world):
    indicator = IndicatorFactory(area=world.area_a)
    client.force_login(world.lco_a)

    page = client.get(_url("indicator", indicator))
    response = client.post(_url("measurement-add", indicator), _measurement())

    assert page.status_code == 200
    assert "Add a measurement" not in page.content.decode()
    assert response.status_code == 403
    assert not Measurement.objects.exists()


def test_steering_members_add_measurements_but_do_not_change_indicators(client, world):
    indicator = IndicatorFactory(area=world.area_a)
    client.force_login(world.steering_a)

    page = client.get(_url("indicator", indicator)).content.decode()

    assert "Add a measurement" in page
    assert "Change the definition" not in page
    assert client.get(_url("indicator-edit", indicator)).status_code == 403
    new = reverse("areas:outcomes:indicator-new", args=[world.area_a.slug])
    assert client.post(new, _indicator_form()).status_code == 403


def test_facilitator_adds_an_indicator_linked_to_a_statement(client, world):
    statement = CaoStatementFactory(area=world.area_a)
    client.force_login(world.facilitator_a)

    response = client.post(
        reverse("areas:outcomes:indicator-new", args=[world.area_a.slug]),
        _indicator_form(statements=[statement.pk]),
    )

    indicator = Indicator.objects.get()
    assert response["Location"] == _url("indicator", indicator)
    assert indicator.target_value == Decimal(150)
    assert list(indicator.statements.all()) == [statement]
    assert indicator.created_by == world.facilitator_a.person


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"unit": "percentage", "target_value": "120"},
            "target_value",
            "A percentage cannot be more than 100. You entered 120.",
        ),
        ({"unit_label": ""}, "unit_label", "Say what is counted, e.g. receptionists or referrals."),
        (
            {"target_on_day": "", "target_on_month": "", "target_on_year": ""},
            "target_on",
            "Enter the date the target should be reached by.",
        ),
        (
            {"target_on_year": "2022"},
            "target_on",
            "The target date must be after the baseline date.",
        ),
        (
            {"baseline_value": "lots"},
            "baseline_value",
            "Enter the baseline value as a number, like 42 or 71.5",
        ),
    ],
)
def test_indicator_definitions_are_checked(client, world, changes, field, message):
    client.force_login(world.facilitator_a)
    response = client.post(
        reverse("areas:outcomes:indicator-new", args=[world.area_a.slug]),
        _indicator_form(**changes),
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Indicator.objects.exists()


def test_the_baseline_cannot_move_after_a_measurement(client, world):
    indicator = IndicatorFactory(area=world.area_a, baseline_on=date(2023, 1, 1))
    MeasurementFactory(indicator=indicator, measured_on=date(2023, 3, 1))
    client.force_login(world.facilitator_a)

    response = client.post(
        _url("indicator-edit", indicator),
        _indicator_form(baseline_on_month="6", version=indicator.version),
    )

    assert response.context["form"].errors["baseline_on"] == [
        "A measurement is dated 1 March 2023, before this. The baseline must come first."
    ]


def test_a_second_editor_of_an_indicator_is_told_and_keeps_their_changes(client, world):
    indicator = IndicatorFactory(area=world.area_a)
    client.force_login(world.facilitator_a)
    url = _url("indicator-edit", indicator)
    first = client.post(url, _indicator_form(name="Their name", version=1))
    assert first.status_code == 302

    second = client.post(url, _indicator_form(name="My name", target_value="160", version=1))

    body = second.content.decode()
    assert "Someone else changed this indicator while you were editing" in body
    assert "Their name" in body
    assert 'value="My name"' in body
    assert second.context["form"]["version"].value() == 2
    indicator.refresh_from_db()
    assert indicator.name == "Their name"
    assert indicator.target_value == Decimal(150)


def _error_beside(body, field, message):
    """`message` is in the error message rendered for `field`, not only in the summary."""
    return message in body.split(f'id="id_{field}-error"', 1)[1].split("</span>\n", 1)[0]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "66,2",
            "Enter the value with a full stop, not a comma, before the decimals, like 42 or 71.5",
        ),
        ("29,50,8", "Enter the value with commas only between thousands, like 1,250.50"),
        ("1e3", "Enter the value as a number, like 42 or 71.5"),
        ("4_3", "Enter the value as a number, like 42 or 71.5"),
        ("٤٣", "Enter the value using the digits 0 to 9, like 42 or 71.5"),
        (
            "43.125",
            "Enter the value as a number, with no more than 2 decimal places, like 42 or 71.5",
        ),
    ],
)
def test_a_measurement_that_could_be_misread_is_refused_beside_the_value(
    client, world, typed, message
):
    indicator = IndicatorFactory(area=world.area_a, baseline_on=date(2023, 1, 1))
    client.force_login(world.steering_a)
    data = _measurement(value=typed, source="Practice register", note="Kept note")

    for headers in ({}, HTMX):
        response = client.post(_url("measurement-add", indicator), data, headers=headers)
        assert response.status_code == 200
        assert response.context["form"].errors["value"] == [message]
        body = response.content.decode()
        assert _error_beside(body, "value", message)
        assert f'value="{typed}"' in body
        assert 'value="Practice register"' in body
        assert "Kept note</textarea>" in body
    assert not Measurement.objects.exists()


def test_a_misread_baseline_or_target_adds_no_indicator(client, world):
    client.force_login(world.facilitator_a)

    response = client.post(
        reverse("areas:outcomes:indicator-new", args=[world.area_a.slug]),
        _indicator_form(baseline_value="12,5", target_value="1.500,75"),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    baseline = (
        "Enter the baseline value with a full stop, not a comma, before the decimals, "
        "like 42 or 71.5"
    )
    target = (
        "Enter the target value with a full stop, not a comma, before the decimals, like 42 or 71.5"
    )
    assert (errors["baseline_value"], errors["target_value"]) == ([baseline], [target])
    body = response.content.decode()
    assert _error_beside(body, "baseline_value", baseline)
    assert _error_beside(body, "target_value", target)
    assert 'value="12,5"' in body
    assert 'value="1.500,75"' in body
    assert 'value="Referrals to the Community Connector"' in body
    assert not Indicator.objects.exists()


def test_a_misread_target_leaves_the_indicator_as_it_was(client, world):
    indicator = IndicatorFactory(area=world.area_a, name="Referrals", target_value=Decimal(40))
    client.force_login(world.facilitator_a)

    response = client.post(
        _url("indicator-edit", indicator),
        _indicator_form(name="Referrals made", target_value="2e2", version=indicator.version),
    )

    message = "Enter the target value as a number, like 42 or 71.5"
    assert response.status_code == 200
    assert response.context["form"].errors["target_value"] == [message]
    body = response.content.decode()
    assert _error_beside(body, "target_value", message)
    assert 'value="2e2"' in body
    assert 'value="Referrals made"' in body
    indicator.refresh_from_db()
    assert (indicator.name, indicator.target_value) == ("Referrals", Decimal(40))
