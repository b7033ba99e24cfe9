import pytest

from tests.security.canaries import plant_canaries
from tests.security.discovery import area_a_urls
from tests.security.figures import FIGURES


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("security battery")
        for name, text in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{name}: {text}")


@pytest.fixture
def planted(world):
    """The world, one of area A's objects behind every URL argument, and the canaries:
    `planted.urls` is every routed page for area A, `planted.canaries` what was hidden."""
    world.urls = area_a_urls(world)
    world.canaries = plant_canaries(world)
    return world
