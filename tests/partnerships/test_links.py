from django.urls import reverse

from partnerships.links import url_for_each


def test_an_address_made_from_one_reversal_matches_reversing_each_time():
    action_url = url_for_each("workshops:action-detail", "pcn-987654321987654321")

    for pk in (1, 42, 987654321987654321):
        assert action_url(pk) == reverse(
            "workshops:action-detail", args=["pcn-987654321987654321", pk]
        )
