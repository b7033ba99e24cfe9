"""The demo's published case study: East Sussex, written by its facilitator and approved
by the programme lead, so a funder signing in to the demo has something to read."""

from areas.models import Area, Cohort
from partnerships.models import Person, ProgrammeRole
from resources.casestudies import services
from resources.reports.models import CohortFunding

TITLE = "Cancer screening with community leaders in Eastbourne"

# Words of our own about the facts the programme has made public; the figures beside
# each section come from the demo area's data.
WORDS = {
    "summary": (
        "Community leaders, GP practices and the primary care network worked together to "
        "make cancer screening easier to take up for Eastbourne's culturally and ethnically "
        "diverse communities."
    ),
    "tips": (
        "- Let a local organisation that communities already trust recruit the leaders, "
        "and pay them for their time.\n"
        "- Split the work into small sub-groups, each owning one activity.\n"
        "- Train the front desk: receptionists are the first conversation most people have "
        "with their practice."
    ),
    "next_steps": (
        "The primary care network plans to offer the training to the rest of its "
        "practices, and the community leaders will keep meeting with the steering group "
        "to check whether invitations and letters are working better."
    ),
}
FUNDED_COHORTS = ["2021-2023", "phase-2"]
# The real programme's funder, credited on the cover of its cohorts' reports.
FUNDER_CREDIT = "Funded by The National Lottery Community Fund"


def load(stdout):
    area = Area.objects.filter(slug="east-sussex").first()
    author = Person.objects.filter(user__email="facilitator@demo.example").first()
    lead = Person.objects.filter(programme_role=ProgrammeRole.LEAD).first()
    funder = Person.objects.filter(programme_role=ProgrammeRole.FUNDER).first()
    if not (area and author and lead and funder):
        return
    for cohort in Cohort.objects.filter(slug__in=FUNDED_COHORTS):
        CohortFunding.objects.get_or_create(funder=funder, cohort=cohort)
    Cohort.objects.filter(slug__in=FUNDED_COHORTS, funder_credit="").update(
        funder_credit=FUNDER_CREDIT
    )
    if area.case_studies.exists():
        return
    version = services.case_study_start(area=area, by=author, title=TITLE)
    fields = {name: getattr(version, name) for name in services.EDITABLE_FIELDS}
    services.case_study_update(
        version=version,
        by=author,
        seen_version=version.version,
        fields={**fields, **WORDS},
        authors=[author],
    )
    services.case_study_submit(version=version, by=author)
    services.case_study_approve(version=version, by=lead)
    stdout.write(f"Published the demo case study: {TITLE}.")
