"""The demo's published case study: East Sussex, written by its facilitator and approved
by the programme lead, so a funder signing in to the demo has something to read
(resources/demo/case_study.toml)."""

from areas.models import Area, Cohort
from partnerships import demo_data
from partnerships.models import Person, ProgrammeRole
from resources.casestudies import services
from resources.reports.models import CohortFunding


def load(stdout):
    area = Area.objects.filter(slug="east-sussex").first()
    author = Person.objects.filter(user__email="facilitator@demo.example").first()
    lead = Person.objects.filter(programme_role=ProgrammeRole.LEAD).first()
    funder = Person.objects.filter(programme_role=ProgrammeRole.FUNDER).first()
    if not (area and author and lead and funder):
        return
    data = demo_data.load("resources", "case_study")
    funded = data["funded_cohorts"]
    for cohort in Cohort.objects.filter(slug__in=funded):
        CohortFunding.objects.get_or_create(funder=funder, cohort=cohort)
    Cohort.objects.filter(slug__in=funded, funder_credit="").update(
        funder_credit=data["funder_credit"]
    )
    if area.case_studies.exists():
        return
    version = services.case_study_start(area=area, by=author, title=data["title"])
    fields = {name: getattr(version, name) for name in services.EDITABLE_FIELDS}
    services.case_study_update(
        version=version,
        by=author,
        seen_version=version.version,
        fields={**fields, **data["words"]},
        authors=[author],
    )
    services.case_study_submit(version=version, by=author)
    services.case_study_approve(version=version, by=lead)
    stdout.write(f"Published the demo case study: {data['title']}.")
