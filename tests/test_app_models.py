"""An app's models module offers every model of the app, whichever sub-domain folder
defines it: the migrations and the rest of the code import them from there."""

import pytest
from django.apps import apps


@pytest.mark.parametrize("label", ["areas", "workshops"])
def test_the_apps_models_module_offers_every_model_of_the_app(label):
    config = apps.get_app_config(label)
    missing = [
        model.__name__
        for model in config.get_models()
        if getattr(config.models_module, model.__name__, None) is not model
    ]
    assert missing == []
