"""Fields a form does not show cannot be set by adding them to the post.

Every POST form area A's team is offered is sent twice from the same data: as the page
would send it, then with extra fields naming another area, a publishing flag, an approver,
an amount, a version, a status and a role. Whatever the form does not expose must come
out the same both times.
"""

from collections import defaultdict

from django.db.models import Max

from tests.security.figures import report
from tests.security.planting import project_models
from tests.security.submitting import filled, forms_offered, rolled_back


def _extras(world) -> dict:
    outsider = world.facilitator_b.person.pk
    return {
        "area": world.area_b.pk,
        "area_id": world.area_b.pk,
        "is_published": "on",
        "is_public": "on",
        "published": "on",
        "approved_by": outsider,
        "decided_by": outsider,
        "created_by": outsider,
        "recorded_by": outsider,
        "updated_by": outsider,
        "person": outsider,
        "amount": "98765.43",
        "allocated": "98765.43",
        "version": "4242",
        "status": "approved",
        "consent": "written",
        "role": "facilitator",
        "programme_role": "lead",
        "is_staff": "on",
        "is_superuser": "on",
    }


def _watched(extras):
    """{model: [fields an extra could set]}, for the project's models."""
    watched = {}
    for model in project_models():
        fields = [
            field
            for field in model._meta.concrete_fields
            if field.name in extras or field.attname in extras
        ]
        if fields:
            watched[model] = fields
    return watched


def _snapshot(watched, newer_than=None) -> dict:
    """{model: {pk: watched values}}; a reference to a row made after `newer_than` (the
    highest ids before the post) reads "new", as its id differs from one run to the next."""
    snapshot = {}
    for model, fields in watched.items():
        rows = {}
        for pk, *values in model._base_manager.values_list(
            "pk", *(field.attname for field in fields)
        ):
            rows[pk] = tuple(
                "new"
                if newer_than
                and field.is_relation
                and value
                and value > newer_than[field.related_model]
                else value
                for field, value in zip(fields, values, strict=True)
            )
        snapshot[model] = rows
    return snapshot


def _highest_ids(watched) -> dict:
    targets = {
        field.related_model for fields in watched.values() for field in fields if field.is_relation
    }
    return {model: model._base_manager.aggregate(Max("pk"))["pk__max"] or 0 for model in targets}


def _outcome(client, form, data, watched):
    """(status, {model: {row key: watched values}}) after posting, then undone."""
    with rolled_back():
        before = _snapshot(watched)
        highest = _highest_ids(watched)
        status = client.post(form.action, data).status_code
        after = _snapshot(watched, newer_than=highest)
    rows = defaultdict(dict)
    for model, current in after.items():
        new = sorted(pk for pk in current if pk not in before[model])
        for pk, values in current.items():
            if pk in before[model] and values == before[model][pk]:
                continue
            # New rows get new ids in each run; they are matched by their order.
            key = ("new", new.index(pk)) if pk in new else pk
            rows[model][key] = values
    return status, rows


def _changed_by_extras(control, attack, watched, exposed):
    changed = []
    for model, fields in watched.items():
        for key in control.get(model, {}).keys() | attack.get(model, {}).keys():
            plain, forged = control.get(model, {}).get(key), attack.get(model, {}).get(key)
            for position, field in enumerate(fields):
                if field.name in exposed or field.attname in exposed:
                    continue
                if (plain and plain[position]) != (forged and forged[position]):
                    changed.append(f"{model.__name__}.{field.name}")
    return changed


def test_extra_fields_change_nothing_the_form_does_not_expose(client, planted):
    extras = _extras(planted)
    watched = _watched(extras)
    offered = forms_offered(client, planted)
    changed, saved = [], 0
    for persona, form in offered:
        client.force_login(getattr(planted, persona))
        data = filled(form)
        status, control = _outcome(client, form, data, watched)
        saved += status == 302 and any(control.values())
        _, attack = _outcome(client, form, {**extras, **data}, watched)
        changed += [
            f"{form.action}: {field}"
            for field in _changed_by_extras(control, attack, watched, form.names)
        ]
    report(
        "mass assignment",
        f"{len(offered)} POST forms sent with {len(extras)} extra fields "
        f"({saved} saved changes when sent plainly), fields changed {len(changed)}",
    )
    assert not changed, changed
    assert saved >= len(offered) // 4
