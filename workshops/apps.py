from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"

    def ready(self):
        # Tell the review step (partnerships/review) of the suggestions made here.
        from areas.people import register_area_people

        # Tell the core what this app holds about a person (exports and erasure), give
        # the programme dashboard each area's sessions and actions, and the area page its
        # sessions and actions panels.
        from workshops import panels, privacy, programme_figures  # noqa: F401
        from workshops.live import privacy as live_privacy  # noqa: F401
        from workshops.reach import privacy as reach_privacy  # noqa: F401
        from workshops.selectors import attendee_ids
        from workshops.suggestions import kind  # noqa: F401

        # Tell areas that people who came to an area's sessions belong to it.
        register_area_people(attendee_ids)
