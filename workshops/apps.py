from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"

    def ready(self):
        from areas.people import register_area_people
        from workshops import privacy  # noqa: F401  (tells the core what this app holds)
        from workshops.live import privacy as live_privacy  # noqa: F401
        from workshops.selectors import attendee_ids

        # Tell areas that people who came to an area's sessions belong to it.
        register_area_people(attendee_ids)
