import pytest

from tests.security.canaries import plant_canaries
from tests.security.discovery import area_a_urls
from tests.security.figures import FIGURES, SECURITY_FIGURES


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Each test's report carries the figures so far, for the summary printed at the end
    (by the main process, also when test processes run the battery with `-n`)."""
    report = yield
    if call.when == "call" and FIGURES:
        report.user_properties.append((SECURITY_FIGURES, dict(FIGURES)))
    return report


@pytest.fixture
def planted(world):
    """The world, one of area A's objects behind every URL argument, and the canaries:
    `planted.urls` is every routed page for area A, `planted.canaries` what was hidden."""
    world.urls = area_a_urls(world)
    world.canaries = plant_canaries(world)
    return world
