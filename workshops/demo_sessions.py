"""What the demo areas' sessions heard and agreed.

Places, focuses and figures follow the programme's public facts; the sessions, what was
said in them and every quote are invented. Finished cohorts have fixed dates; the
current cohort's sessions are counted in days from today, so the demo always has some
recent work and some plans.
"""

import datetime as dt
from dataclasses import dataclass, field

from partnerships.models import Sector
from workshops.models import ActionStatus, Consent, SessionKind

DONE = ActionStatus.DONE
IN_PROGRESS = ActionStatus.IN_PROGRESS
NOT_STARTED = ActionStatus.NOT_STARTED
BLOCKED = ActionStatus.BLOCKED


@dataclass
class DemoAction:
    description: str
    owner: str  # a seat ("chair", "nhs", "council", "vcse", "lived", "member") or "lco"
    due_in_days: int
    status: str = NOT_STARTED
    sub_group: str = ""


@dataclass
class DemoSession:
    area: str
    kind: str
    title: str
    when: dt.date | int
    starts: dt.time
    hours: float
    purpose: str
    venue: str = ""
    online_platform: str = ""
    accessibility_notes: str = ""
    sub_group: str = ""
    named: int = 0
    headcounts: dict = field(default_factory=dict)
    lived_experience: int = 0
    summary: str = ""
    barriers: list = field(default_factory=list)
    ideas: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    actions: list = field(default_factory=list)


HALL = "Step-free entrance, hearing loop, accessible toilet. Parking behind the hall."
COMMUNITY_CENTRE = "Step-free throughout, hearing loop in the main room, quiet room upstairs."

SESSIONS = [
    # East Sussex: cancer screening with Eastbourne's culturally diverse communities.
    DemoSession(
        area="east-sussex",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="Why screening invitations go unanswered",
        when=dt.date(2022, 3, 16),
        starts=dt.time(10),
        hours=4,
        venue="Eastbourne Community Links, Seaside hub",
        accessibility_notes=COMMUNITY_CENTRE,
        purpose=(
            "Hear from communities whose screening uptake is lowest in ALPS Group PCN, and "
            "from the practices that send the invitations, about why so many go unanswered."
        ),
        named=10,
        headcounts={
            Sector.VCSE: 7,
            Sector.SOCIAL_ENTERPRISE: 3,
            Sector.GP_PRACTICE: 6,
            Sector.PCN: 2,
            Sector.PUBLIC_HEALTH: 2,
            Sector.HEALTHWATCH: 1,
            Sector.FAITH: 3,
        },
        lived_experience=7,
        summary=(
            "Thirty-odd people spent the morning on one question: why do so many screening "
            "invitations in the PCN go unanswered?\n\n"
            "Residents who had moved to Eastbourne from abroad were clear that the letter "
            "itself is the first hurdle. It arrives in English, uses words nobody says out "
            "loud, and often goes unopened. Several said screening is not something people "
            "back home do when they feel well.\n\n"
            "Practice staff were surprised by how much of this they had never heard. The "
            "group agreed that the people best placed to explain screening are trusted "
            "people from the same communities, and that they should be paid for their time.\n\n"
            "**Next:** recruit community leaders through Eastbourne Community Links and set up "
            "four sub-groups, one for each strand of the work."
        ),
        barriers=[
            ("language-and-communication", "Invitations come in English only."),
            (
                "unclear-letters-and-information",
                "The letter uses medical words that do not translate, so people guess.",
            ),
            (
                "fear-stigma-and-privacy",
                "Some women would be ashamed for family to know they had been screened.",
            ),
            (
                "cultural-insensitivity",
                "People do not know they can ask for a female sample taker.",
            ),
            (
                "navigating-the-system",
                "Newer arrivals did not know screening is free or how to book it.",
            ),
            ("trust", "A bad experience at one practice puts a whole family off."),
            ("digital-exclusion", "Rebooking is online or by phone at 8am, and neither works."),
        ],
        ideas=[
            "community leaders explained screening in their own languages, in the places "
            "people already meet",
            "every receptionist offered an interpreter before anyone had to ask",
            "the invitation came with a short, plain-English version with pictures",
            "women could choose a female sample taker when they book",
        ],
        decisions=[
            "Recruit community leaders through Eastbourne Community Links, paid for their time "
            "from the community involvement budget.",
            "Work in four sub-groups: cultural competency, clear information, community "
            "conversations, and data and uptake.",
        ],
        quotes=[
            (
                "Where I grew up you see a doctor when you are ill. Nobody told me this test "
                "is for people who feel fine.",
                "A community leader in Eastbourne",
                Consent.WRITTEN,
            ),
            (
                "My husband opens the post, so I never saw the letter at all.",
                "A resident at the partnership day",
                Consent.NONE,
            ),
        ],
        actions=[
            DemoAction(
                "Recruit six community leaders and agree their paid hours",
                "lco",
                42,
                DONE,
                "Community conversations",
            ),
            DemoAction(
                "Collect a copy of the screening letter each practice sends",
                "nhs",
                21,
                DONE,
                "Clear information",
            ),
            DemoAction(
                "Ask the PCN for screening uptake by practice for the last two years",
                "nhs",
                28,
                DONE,
                "Data and uptake",
            ),
        ],
    ),
    DemoSession(
        area="east-sussex",
        kind=SessionKind.STEERING_MEETING,
        title="Sub-groups report back",
        when=dt.date(2022, 6, 8),
        starts=dt.time(14),
        hours=1.5,
        online_platform="Microsoft Teams",
        purpose="Each sub-group says what it has found and what it needs from the others.",
        named=8,
        summary=(
            "Six community leaders from five countries are now in post. The clear information "
            "group has collected letters from all practices and found four different "
            "versions.\n\n"
            "The group agreed that cultural-competency training for receptionists should be "
            "designed with the community leaders and tried in one practice first."
        ),
        decisions=[
            "Design the receptionists' training with the community leaders and pilot it at "
            "Seaside Medical Practice.",
        ],
        actions=[
            DemoAction(
                "Draft the training outline with two community leaders",
                "lived",
                35,
                DONE,
                "Cultural competency",
            ),
            DemoAction(
                "Book a pilot session with Seaside Medical Practice's reception team",
                "nhs",
                49,
                DONE,
                "Cultural competency",
            ),
        ],
    ),
    DemoSession(
        area="east-sussex",
        kind=SessionKind.SUB_GROUP_MEETING,
        title="Planning the receptionists' training",
        when=dt.date(2023, 2, 15),
        starts=dt.time(12, 30),
        hours=1,
        venue="Seaside Medical Practice, meeting room",
        sub_group="Cultural competency",
        purpose="Turn what the pilot taught us into training all four practices can take.",
        named=4,
        summary=(
            "The pilot went well: receptionists said the stories from community leaders "
            "stayed with them more than any slide. The sub-group will keep the training to "
            "ninety minutes so practices can cover the front desk."
        ),
        decisions=["Every session is co-delivered by a community leader and a practice manager."],
        actions=[
            DemoAction(
                "Agree dates for training at all four practices before July",
                "nhs",
                30,
                DONE,
                "Cultural competency",
            ),
        ],
    ),
    DemoSession(
        area="east-sussex",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="What the training changed",
        when=dt.date(2023, 7, 19),
        starts=dt.time(10),
        hours=3,
        venue="Eastbourne Community Links, Seaside hub",
        accessibility_notes=COMMUNITY_CENTRE,
        purpose="Look back on the training with the practices and plan what happens next.",
        named=9,
        headcounts={
            Sector.GP_PRACTICE: 11,
            Sector.VCSE: 5,
            Sector.SOCIAL_ENTERPRISE: 2,
            Sector.PCN: 2,
            Sector.HEALTHWATCH: 1,
        },
        lived_experience=4,
        summary=(
            "This month the training reached four GP practices and more than forty "
            "receptionists. Practice staff described changes they have already made: "
            "offering interpreters when booking, and explaining the test rather than "
            "repeating the letter.\n\n"
            "Community leaders reported more people asking them how to book. The group wants "
            "the training to outlast the programme."
        ),
        barriers=[
            ("staff-capacity", "Covering reception during training is hard for small practices."),
            ("language-and-communication", "Telephone interpreters take too long to connect."),
        ],
        ideas=["the training became part of every new receptionist's induction in the PCN"],
        decisions=[
            "Ask the PCN to include the training in induction for new reception staff.",
        ],
        quotes=[
            (
                "I used to think people just didn't bother. Now I ask if they would like an "
                "interpreter before I book anything.",
                "A practice receptionist in Eastbourne",
                Consent.WRITTEN,
            ),
        ],
        actions=[
            DemoAction(
                "Write the training into the PCN's induction pack",
                "nhs",
                60,
                DONE,
                "Cultural competency",
            ),
            DemoAction(
                "Compare screening uptake before and after the training",
                "member",
                120,
                DONE,
                "Data and uptake",
            ),
        ],
    ),
    # North Yorkshire: rural access to appointments and transport.
    DemoSession(
        area="north-yorkshire",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="Getting to appointments in rural North Yorkshire",
        when=dt.date(2022, 2, 9),
        starts=dt.time(10),
        hours=2.5,
        online_platform="Zoom",
        purpose=(
            "Bring everyone with a stake in rural access together for the first time: why "
            "are appointments missed, and what gets people there?"
        ),
        named=9,
        headcounts={
            Sector.VCSE: 17,
            Sector.LOCAL_AUTHORITY: 9,
            Sector.PCN: 5,
            Sector.GP_PRACTICE: 8,
            Sector.NHS_TRUST: 7,
            Sector.PUBLIC_HEALTH: 3,
            Sector.HEALTHWATCH: 2,
            Sector.OTHER: 4,
        },
        lived_experience=5,
        summary=(
            "More than sixty people joined online from across Hambleton and Richmondshire, "
            "Nidderdale and North Ryedale.\n\n"
            "We started from the numbers: 29,508 missed appointments in 2019, costing the "
            "local system about £885,240. Then people told us what sits behind them — the "
            "last bus leaves before clinics finish, a taxi to the hospital costs more than a "
            "week's food, and appointment letters sometimes arrive after the date.\n\n"
            "Online worked for a first conversation, but several people said the voices we "
            "most need were missing. The next workshops will be in person, in village halls, "
            "one in each locality."
        ),
        barriers=[
            ("transport-and-distance", "The first bus reaches Northallerton after clinics start."),
            ("transport-and-distance", "A hospital visit can be a forty-mile round trip."),
            ("cost", "A taxi to hospital and back can cost sixty pounds."),
            ("digital-exclusion", "Broadband is too slow for video appointments in some dales."),
            (
                "navigating-the-system",
                "Appointment letters sometimes arrive after the appointment.",
            ),
            ("isolation", "People living alone have nobody to ask for a lift."),
            ("staff-capacity", "Community transport has fewer volunteer drivers every year."),
        ],
        ideas=[
            "every appointment letter came with the community transport number on it",
            "clinic times matched the bus timetable",
            "villages shared one volunteer driver scheme",
            "the village hall had a room and a helper for video appointments",
        ],
        decisions=[
            "Hold the next workshops in person, in a village hall in each of the three localities.",
        ],
        quotes=[
            (
                "The appointment is at nine in Northallerton. The first bus gets there at "
                "half past ten.",
                "A service user from Nidderdale",
                Consent.VERBAL,
            ),
            (
                "My neighbour has stopped going altogether since her husband died.",
                "A resident",
                Consent.NONE,
            ),
        ],
        actions=[
            DemoAction(
                "Map bus times against clinic start times at the Friarage",
                "council",
                35,
                DONE,
                "Getting there",
            ),
            DemoAction(
                "Count missed appointments by reason at two practices for one month",
                "nhs",
                45,
                DONE,
                "Missed appointments",
            ),
            DemoAction(
                "Book village halls in Hambleton, Nidderdale and North Ryedale", "lco", 21, DONE
            ),
        ],
    ),
    DemoSession(
        area="north-yorkshire",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="Nidderdale: getting there",
        when=dt.date(2022, 5, 18),
        starts=dt.time(13, 30),
        hours=2.5,
        venue="Pateley Bridge village hall",
        accessibility_notes=HALL,
        purpose="A smaller, local conversation with people who use the services.",
        named=8,
        headcounts={Sector.VCSE: 5, Sector.PCN: 3, Sector.LOCAL_AUTHORITY: 2, Sector.OTHER: 2},
        lived_experience=2,
        summary=(
            "About twenty people, four of them service users, round tables in the hall. "
            "The strongest idea was a volunteer driver scheme shared across the dale, booked "
            "through the surgery when the appointment is made."
        ),
        barriers=[
            ("transport-and-distance", "No public transport at all from the top of the dale."),
            ("cost", "Volunteer drivers' mileage is not always paid back."),
        ],
        ideas=["the surgery booked the lift at the same time as the appointment"],
        decisions=["Test a shared volunteer driver scheme in Nidderdale."],
        actions=[
            DemoAction(
                "Talk to Dales Community Transport about a shared booking line",
                "vcse",
                30,
                DONE,
                "Getting there",
            ),
        ],
    ),
    DemoSession(
        area="north-yorkshire",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="North Ryedale: getting there",
        when=dt.date(2022, 6, 22),
        starts=dt.time(13, 30),
        hours=2.5,
        venue="Kirkbymoorside Memorial Hall",
        accessibility_notes=HALL,
        purpose="The same conversation as in Nidderdale, with North Ryedale's residents.",
        named=7,
        headcounts={Sector.VCSE: 7, Sector.GP_PRACTICE: 3, Sector.LOCAL_AUTHORITY: 2},
        lived_experience=2,
        summary=(
            "Nineteen people came. Video appointments were wanted, but only with somewhere "
            "to go and someone to help: the hall offered a room two mornings a week."
        ),
        barriers=[
            ("digital-exclusion", "Older residents want help to join a video appointment."),
            ("fear-stigma-and-privacy", "Nobody wants to talk about their health in the library."),
        ],
        ideas=["a private room in the hall, with a volunteer to set up the call"],
        decisions=["Pilot a video appointment room in the Memorial Hall."],
        actions=[
            DemoAction(
                "Ask the practice which clinics could offer video appointments",
                "nhs",
                30,
                DONE,
                "Missed appointments",
            ),
        ],
    ),
    DemoSession(
        area="north-yorkshire",
        kind=SessionKind.STEERING_MEETING,
        title="Agreeing three local models",
        when=dt.date(2023, 2, 22),
        starts=dt.time(10),
        hours=2,
        venue="Hambleton Rural Action, Northallerton",
        purpose="Decide which local models to take forward after the village hall workshops.",
        named=9,
        summary=(
            "Over a hundred people have now been involved. The group agreed three local "
            "models, one for each locality, and who leads each."
        ),
        decisions=[
            "Nidderdale: a shared volunteer driver scheme booked through the surgery.",
            "Hambleton and Richmondshire: clinic times moved to fit the bus timetable.",
            "North Ryedale: a video appointment room in the Memorial Hall.",
        ],
        actions=[
            DemoAction(
                "Write up the three models for the ICB", "chair", 28, DONE, "Missed appointments"
            ),
            DemoAction(
                "Recruit four more volunteer drivers in Nidderdale",
                "vcse",
                90,
                DONE,
                "Getting there",
            ),
        ],
    ),
    # Sheffield: stopping smoking in Hackenthorpe.
    DemoSession(
        area="sheffield",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="What would help Hackenthorpe stop smoking",
        when=dt.date(2022, 4, 6),
        starts=dt.time(10),
        hours=3,
        venue="Hackenthorpe Community Centre",
        accessibility_notes=COMMUNITY_CENTRE,
        purpose="Ask people who smoke, and those around them, what would actually help.",
        named=9,
        headcounts={
            Sector.VCSE: 9,
            Sector.PCN: 4,
            Sector.GP_PRACTICE: 3,
            Sector.PUBLIC_HEALTH: 3,
            Sector.HOUSING: 2,
        },
        lived_experience=6,
        summary=(
            "The city wants smoking down to 5% by 2030; in Hackenthorpe it is far higher. "
            "People who smoke told us they feel lectured, not helped, and that nobody had "
            "ever simply put them in touch with support.\n\n"
            "Two ideas stood out: a local person to walk alongside people trying to stop, and "
            "referring everyone who smokes to support unless they say no."
        ),
        barriers=[
            ("fear-stigma-and-privacy", "People feel judged when a doctor raises smoking."),
            ("navigating-the-system", "Few knew the stop-smoking service exists or where it is."),
            ("staff-capacity", "GPs have no time in a ten-minute appointment to talk it through."),
            ("isolation", "For some, the smoking shelter is the only place they chat to anyone."),
        ],
        ideas=[
            "someone from the estate walked alongside people trying to stop",
            "everyone who smokes was referred to support unless they said no",
            "the park, the school gates and the health centre were smoke-free",
        ],
        decisions=["Propose a Community Connector role, based in the community forum."],
        quotes=[
            (
                "Every time I went to the doctor it was 'you need to stop'. Nobody asked what "
                "would help.",
                "A Hackenthorpe resident who smokes",
                Consent.WRITTEN,
            ),
        ],
        actions=[
            DemoAction(
                "Ask the council's public health team to part-fund a Community Connector",
                "council",
                30,
                DONE,
                "Community Connector",
            ),
        ],
    ),
    DemoSession(
        area="sheffield",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="The Community Connector and opt-out referral",
        when=dt.date(2022, 10, 12),
        starts=dt.time(10),
        hours=3,
        venue="Hackenthorpe Community Centre",
        accessibility_notes=COMMUNITY_CENTRE,
        purpose="Shape the Community Connector role and agree how opt-out referral will work.",
        named=9,
        headcounts={Sector.VCSE: 8, Sector.PCN: 4, Sector.PUBLIC_HEALTH: 2, Sector.HOUSING: 1},
        lived_experience=5,
        summary=(
            "Residents wrote the first draft of the Community Connector's job description "
            "themselves. Townships PCN's practices agreed to refer everyone who smokes to "
            "stop-smoking support unless they opt out."
        ),
        barriers=[("trust", "People will only open up to someone who knows the area.")],
        ideas=["the Connector held a drop-in at the community centre every week"],
        decisions=[
            "Practices in Townships PCN move to opt-out referral to stop-smoking support.",
            "Hackenthorpe Community Forum hosts the Community Connector.",
        ],
        actions=[
            DemoAction(
                "Finish the Community Connector job description with residents",
                "lived",
                21,
                DONE,
                "Community Connector",
            ),
            DemoAction("Agree the opt-out referral wording with the practices", "nhs", 30, DONE),
            DemoAction(
                "Ask the council which sites could go smoke-free first", "council", 45, DONE
            ),
        ],
    ),
    DemoSession(
        area="sheffield",
        kind=SessionKind.STEERING_MEETING,
        title="The Connector's first three months",
        when=dt.date(2023, 3, 15),
        starts=dt.time(15),
        hours=1.5,
        online_platform="Microsoft Teams",
        purpose="Hear how the Community Connector's first months have gone.",
        named=7,
        summary=(
            "The Connector has met sixty-two people, and referrals from the practices have "
            "more than doubled since opt-out began. The school gates are the first smoke-free "
            "site."
        ),
        decisions=["Extend the Connector post for another year."],
        actions=[
            DemoAction(
                "Find funding to extend the Connector post",
                "chair",
                60,
                DONE,
                "Community Connector",
            ),
        ],
    ),
    # Wirral: older people falling through the net.
    DemoSession(
        area="wirral",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="Where older people fall through the net",
        when=dt.date(2022, 3, 23),
        starts=dt.time(10, 30),
        hours=3,
        venue="Wirral Older People's Network, Birkenhead",
        accessibility_notes=COMMUNITY_CENTRE,
        purpose="Map the moments when older people lose touch with the services they need.",
        named=9,
        headcounts={
            Sector.VCSE: 10,
            Sector.LOCAL_AUTHORITY: 5,
            Sector.NHS_TRUST: 5,
            Sector.HEALTHWATCH: 2,
        },
        lived_experience=8,
        summary=(
            "Wirral has about 71,030 older people. The ones who came described being passed "
            "between services, told different things by each, and left with a form to fill "
            "in online.\n\n"
            "The group agreed to write down, with older residents, what every service "
            "promises them: a Charter for Older People."
        ),
        barriers=[
            ("digital-exclusion", "Forms are online only, with no one to help."),
            ("navigating-the-system", "People leave hospital with no follow-up arranged."),
            ("trust", "Each service tells you something different."),
            ("isolation", "Without family nearby, nobody notices when things go wrong."),
            ("unclear-letters-and-information", "Letters are full of jargon and small print."),
        ],
        ideas=[
            "every service signed up to the same promises to older people",
            "there was one named person to ring when things go wrong",
            "the phone was answered by a person",
        ],
        decisions=["Co-design a Charter for Older People with older residents."],
        quotes=[
            (
                "I've told my story to six different people. Not one of them wrote it down.",
                "An older resident of Birkenhead",
                Consent.WRITTEN,
            ),
        ],
        actions=[
            DemoAction("Invite older residents to a Charter writing group", "lco", 21, DONE),
        ],
    ),
    DemoSession(
        area="wirral",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="Writing the Charter together",
        when=dt.date(2022, 11, 16),
        starts=dt.time(10, 30),
        hours=3,
        venue="Wirral Older People's Network, Birkenhead",
        accessibility_notes=COMMUNITY_CENTRE,
        purpose="Agree the words of the Charter for Older People.",
        named=9,
        headcounts={Sector.VCSE: 8, Sector.LOCAL_AUTHORITY: 4, Sector.NHS_TRUST: 4},
        lived_experience=9,
        summary=(
            "Older residents and staff agreed ten promises, in plain words. Services also "
            "asked for a practical guide to checking new plans against older people's needs, "
            "so an equalities impact how-to guide will follow."
        ),
        decisions=[
            "Adopt the ten promises as the Charter for Older People.",
            "Write an equalities impact how-to guide to go with it.",
        ],
        actions=[
            DemoAction("Take the Charter to the council's cabinet", "council", 60, DONE),
            DemoAction("Draft the equalities impact how-to guide", "nhs", 90, DONE),
        ],
    ),
    DemoSession(
        area="wirral",
        kind=SessionKind.STEERING_MEETING,
        title="Launching the Charter and the guide",
        when=dt.date(2023, 5, 10),
        starts=dt.time(14),
        hours=1.5,
        online_platform="Zoom",
        purpose="Plan the launch and how services will sign up.",
        named=7,
        summary="Twelve services have signed the Charter. The guide launches next month.",
        decisions=["Ask every service that signs to name a Charter lead."],
        actions=[
            DemoAction("Send the guide to every service that has signed", "vcse", 30, DONE),
        ],
    ),
    # Cheshire East: TB screening with East Timorese communities in Crewe.
    DemoSession(
        area="cheshire-east",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="Latent TB screening: what would make it easier",
        when=dt.date(2024, 1, 24),
        starts=dt.time(18),
        hours=2.5,
        venue="St Barnabas Church hall, Crewe",
        accessibility_notes=HALL,
        purpose=(
            "Hear from East Timorese residents in Crewe what stops people coming forward for "
            "latent TB screening, and what would help."
        ),
        named=9,
        headcounts={Sector.VCSE: 9, Sector.PUBLIC_HEALTH: 4, Sector.FAITH: 3, Sector.PCN: 2},
        lived_experience=8,
        summary=(
            "An evening session, after shifts, with interpreters for Tetum and Portuguese. "
            "People told us TB is feared and rarely talked about, and that many worry a "
            "positive result could cost them their job.\n\n"
            "They wanted screening brought to the community, explained by people they know, "
            "with results given back the same way."
        ),
        barriers=[
            ("language-and-communication", "Information about TB is not available in Tetum."),
            ("fear-stigma-and-privacy", "People fear losing work if they test positive."),
            ("eligibility-and-registration", "Many are not registered with a GP."),
            ("cost", "Shift workers lose pay to attend a weekday clinic."),
            ("trust", "Letters from the NHS are sometimes mistaken for immigration letters."),
        ],
        ideas=[
            "screening happened at the community's own events, on a Sunday",
            "community members explained TB in Tetum",
            "results came back through someone people trust",
        ],
        decisions=["Hold a pilot screening day with the Crewe East Timorese Association."],
        quotes=[
            (
                "People think TB means you are sent away. We need to say clearly that it is "
                "treated, and nobody loses their job for it.",
                "A community leader in Crewe",
                Consent.WRITTEN,
            ),
            (
                "My cousin had a cough for a year and was too frightened to say.",
                "A participant",
                Consent.NONE,
            ),
        ],
        actions=[
            DemoAction(
                "Translate the TB leaflet into Tetum with community members", "lco", 42, DONE
            ),
            DemoAction(
                "Help people register with a GP at the next community event", "nhs", 30, DONE
            ),
        ],
    ),
    DemoSession(
        area="cheshire-east",
        kind=SessionKind.STEERING_MEETING,
        title="Planning the pilot screening day",
        when=dt.date(2024, 3, 13),
        starts=dt.time(10),
        hours=1.5,
        online_platform="Microsoft Teams",
        purpose="Agree the date, place and roles for the pilot screening day.",
        named=8,
        summary=(
            "The screening day will be on a Sunday at St Barnabas, alongside the "
            "Association's community lunch."
        ),
        decisions=["Hold the screening day on a Sunday in June at St Barnabas."],
        actions=[
            DemoAction("Book the screening team for a Sunday in June", "chair", 30, DONE),
            DemoAction("Train six community members to explain the test", "lived", 60, DONE),
        ],
    ),
    DemoSession(
        area="cheshire-east",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="After the screening day",
        when=dt.date(2024, 7, 10),
        starts=dt.time(18),
        hours=2,
        venue="St Barnabas Church hall, Crewe",
        accessibility_notes=HALL,
        purpose="Look at what the pilot screening day achieved and what comes next.",
        named=8,
        headcounts={Sector.VCSE: 7, Sector.PUBLIC_HEALTH: 3, Sector.FAITH: 2},
        lived_experience=6,
        summary=(
            "Far more people were screened in one Sunday than in the previous year of "
            "clinic invitations. Results were given back with a community member present."
        ),
        decisions=["Make community screening days a regular part of the TB programme."],
        quotes=[
            (
                "It felt like our own event, not a hospital. That is why people came.",
                "A volunteer from the Crewe East Timorese Association",
                Consent.VERBAL,
            ),
        ],
        actions=[
            DemoAction("Agree two more screening days with public health", "chair", 60, DONE),
        ],
    ),
    # Dudley: childhood obesity in Brockmoor and Pensnett.
    DemoSession(
        area="dudley",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="A healthy week in Brockmoor and Pensnett",
        when=dt.date(2024, 2, 7),
        starts=dt.time(9, 30),
        hours=2.5,
        venue="Brockmoor Family Hub",
        accessibility_notes="Step-free, baby-changing, creche in the next room.",
        purpose="Hear from families what a healthy week costs and what gets in the way.",
        named=8,
        headcounts={
            Sector.VCSE: 8,
            Sector.LOCAL_AUTHORITY: 5,
            Sector.NHS_ICB: 1,
            Sector.OTHER: 3,
        },
        lived_experience=9,
        summary=(
            "Parents were frank: fresh food costs more, the big supermarket is two buses away, "
            "and the parks do not feel safe after school. Nobody from the local practices "
            "came, and the group agreed it needs the NHS at the table."
        ),
        barriers=[
            ("cost", "Fruit and vegetables cost more than filling, processed food."),
            ("transport-and-distance", "The nearest big supermarket is two buses away."),
            (None, "Parks do not feel safe for children after school."),
        ],
        ideas=[
            "every primary school ran a cooking club for parents and children together",
            "the family hub ran a low-cost food pantry",
        ],
        decisions=["Invite the ICB and local practices to join the steering group."],
        actions=[
            DemoAction("Invite two local GP practices to the steering group", "chair", 30, DONE),
            DemoAction("Find out what a food pantry needs to open at the hub", "lco", 45, DONE),
        ],
    ),
    DemoSession(
        area="dudley",
        kind=SessionKind.STEERING_MEETING,
        title="Food pantry and cooking clubs",
        when=dt.date(2024, 9, 18),
        starts=dt.time(13),
        hours=1.5,
        venue="Brockmoor Family Hub",
        purpose="Decide whether to start the pantry and the cooking clubs this year.",
        named=6,
        summary="The pantry opens in November. Two schools will try a parents' cooking club.",
        decisions=["Open the food pantry at the family hub in November."],
        actions=[
            DemoAction("Recruit volunteers for the pantry", "lco", 45, DONE),
            DemoAction("Ask the council for a small grant for cooking equipment", "council", 30),
        ],
    ),
    # St Helens: loneliness and isolation.
    DemoSession(
        area="st-helens",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="Who is lonely in the Town Centre and Fouracre",
        when=dt.date(2023, 11, 15),
        starts=dt.time(11),
        hours=3,
        venue="Fouracre Neighbourhood Centre",
        accessibility_notes=COMMUNITY_CENTRE,
        purpose="Understand who is isolated locally and what connects people.",
        named=6,
        headcounts={Sector.VCSE: 9, Sector.LOCAL_AUTHORITY: 3, Sector.HOUSING: 4},
        lived_experience=5,
        summary=(
            "Housing officers see isolation first, often in people who have recently lost "
            "a partner. Groups exist, but people do not know about them or feel awkward "
            "walking in alone."
        ),
        barriers=[
            ("isolation", "Bereaved older men rarely come to groups."),
            ("navigating-the-system", "Nobody has one list of what groups meet where."),
            ("fear-stigma-and-privacy", "People are embarrassed to say they are lonely."),
        ],
        ideas=["someone walked with you to your first group"],
        decisions=["Map every group in the Town Centre and Fouracre in one place."],
        actions=[
            DemoAction("Start a shared list of local groups", "lco", 60, DONE),
            DemoAction("Ask housing officers to refer tenants to the centre", "member", 45, DONE),
        ],
    ),
    DemoSession(
        area="st-helens",
        kind=SessionKind.STEERING_MEETING,
        title="Starting again after a change of leads",
        when=dt.date(2024, 7, 10),
        starts=dt.time(10),
        hours=1.5,
        venue="Fouracre Neighbourhood Centre",
        purpose="Rebuild the group's shared purpose after two leads moved on.",
        named=5,
        summary=(
            "A smaller group, honest about what was lost. Members agreed to meet monthly "
            "until new leads settle in, and to keep the list of groups going in the meantime."
        ),
        decisions=["Meet monthly until new leads are in post."],
        actions=[
            DemoAction("Introduce the new council lead to every member", "council", 30, DONE),
            DemoAction("Ask Torus Homes to name a lead for the partnership", "chair", 45, BLOCKED),
        ],
    ),
    # Wandsworth: cervical screening in neighbourhoods with low uptake.
    DemoSession(
        area="wandsworth",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="Why cervical screening invitations go unbooked",
        when=dt.date(2023, 10, 11),
        starts=dt.time(10),
        hours=3,
        venue="York Gardens Library and Community Centre",
        accessibility_notes=COMMUNITY_CENTRE,
        purpose="Hear from women who have not booked, and from the champions who talk to them.",
        named=8,
        headcounts={
            Sector.VCSE: 10,
            Sector.GP_PRACTICE: 4,
            Sector.NHS_ICB: 2,
            Sector.PUBLIC_HEALTH: 2,
        },
        lived_experience=7,
        summary=(
            "The invitation letter was the main theme: long, clinical and easy to put aside. "
            "Community champions said the conversations that lead to a booking are short and "
            "personal. The ICB offered to test a rewritten letter using behavioural insights."
        ),
        barriers=[
            (
                "unclear-letters-and-information",
                "The letter is two pages before it says how to book.",
            ),
            ("fear-stigma-and-privacy", "Some women fear the test will hurt."),
            ("digital-exclusion", "Online booking needs an NHS login many do not have."),
            (None, "Appointments are only offered in working hours."),
        ],
        ideas=[
            "the letter said how to book in its first line",
            "champions could book an appointment with someone there and then",
        ],
        decisions=["Test a rewritten invitation letter against the current one."],
        quotes=[
            (
                "I kept meaning to book. The letter is still on my fridge.",
                "A woman from Battersea",
                Consent.WRITTEN,
            ),
        ],
        actions=[
            DemoAction("Rewrite the invitation letter with the champions", "lco", 42, DONE),
            DemoAction("Set up the letter trial across four practices", "nhs", 60, DONE),
        ],
    ),
    DemoSession(
        area="wandsworth",
        kind=SessionKind.STEERING_MEETING,
        title="Results of the letter trial",
        when=dt.date(2024, 4, 17),
        starts=dt.time(16),
        hours=1.5,
        online_platform="Microsoft Teams",
        purpose="Look at the trial results and decide what to do with the new letter.",
        named=7,
        summary=(
            "More women booked after the rewritten letter than after the old one. The ICB "
            "will ask for it to be used across South West London."
        ),
        decisions=["Recommend the rewritten letter to the ICB for every practice."],
        actions=[
            DemoAction("Present the trial results to the ICB's screening board", "nhs", 45, DONE),
            DemoAction("Train four more community champions", "vcse", 90, IN_PROGRESS),
        ],
    ),
    # Barnet and Enfield: access for disabled patients.
    DemoSession(
        area="barnet-and-enfield",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="Where access breaks down",
        when=-520,
        starts=dt.time(10, 30),
        hours=3,
        venue="Enfield Disability Action, Community Room",
        accessibility_notes=(
            "Step-free with automatic doors, BSL interpreters booked, hearing loop, quiet room, "
            "accessible parking."
        ),
        purpose="Follow a disabled patient's journey from booking to the consulting room.",
        named=8,
        headcounts={Sector.VCSE: 12, Sector.NHS_ICB: 2, Sector.GP_PRACTICE: 5},
        lived_experience=11,
        summary=(
            "Disabled residents walked the group through each step of seeing a GP. Phone-only "
            "booking shuts out Deaf patients; a single step or a heavy door can end a visit "
            "before it starts."
        ),
        barriers=[
            ("navigating-the-system", "Booking is by phone only, which Deaf patients cannot use."),
            ("staff-capacity", "BSL interpreters have to be booked weeks ahead."),
            (None, "A step at the entrance of two surgeries, with no ramp."),
            ("unclear-letters-and-information", "Letters are not available in easy read."),
        ],
        ideas=[
            "every practice took bookings by text and online form",
            "practices asked about access needs once and remembered them",
        ],
        decisions=["Survey every practice's entrance, booking and waiting room."],
        quotes=[
            (
                "I arranged a friend to phone for me, then they asked to speak to me.",
                "A Deaf patient in Enfield",
                Consent.WRITTEN,
            ),
        ],
        actions=[
            DemoAction("Design an access survey with disabled residents", "lco", 40, DONE),
            DemoAction("Share the survey with every practice in both boroughs", "nhs", 70, DONE),
        ],
    ),
    DemoSession(
        area="barnet-and-enfield",
        kind=SessionKind.STEERING_MEETING,
        title="What the access survey found",
        when=-60,
        starts=dt.time(14),
        hours=1.5,
        online_platform="Zoom",
        purpose="Go through the survey results and pick the first changes.",
        named=7,
        summary=(
            "Most practices now take bookings other than by phone, but few record patients' "
            "access needs. The group will focus there first."
        ),
        decisions=["Ask practices to record access needs on every patient's record."],
        actions=[
            DemoAction(
                "Write a one-page guide to recording access needs", "chair", 45, IN_PROGRESS
            ),
            DemoAction("Find two practices to try it first", "nhs", 75),
        ],
    ),
    DemoSession(
        area="barnet-and-enfield",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="Access needs on every record",
        when=20,
        starts=dt.time(10, 30),
        hours=3,
        venue="Enfield Disability Action, Community Room",
        accessibility_notes="BSL interpreters and live captions booked.",
        purpose="Agree with practices how access needs will be asked about and recorded.",
    ),
    # Birmingham: healthcare access for sex workers.
    DemoSession(
        area="birmingham",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="Care without judgement",
        when=-480,
        starts=dt.time(11),
        hours=2.5,
        venue="Safe Harbour Birmingham drop-in",
        accessibility_notes="Women-only space; no names needed to take part.",
        purpose="Hear what makes health services hard to reach for women who sell sex.",
        named=6,
        headcounts={Sector.VCSE: 8, Sector.NHS_TRUST: 4, Sector.OTHER: 2},
        lived_experience=6,
        summary=(
            "Women who use the drop-in told us they avoid services that ask too many "
            "questions or keep them waiting. Outreach that comes to them works; appointments "
            "at fixed times in the day do not."
        ),
        barriers=[
            ("fear-stigma-and-privacy", "Women expect to be judged if they say what they do."),
            ("eligibility-and-registration", "Without an address, registering with a GP is hard."),
            ("trust", "Past experiences with police make any official feel risky."),
            ("staff-capacity", "The sexual health clinic's walk-in hours are short."),
        ],
        ideas=["a nurse came to the drop-in every week"],
        decisions=["Ask the trust to run a weekly nurse session at the drop-in."],
        quotes=[
            (
                "If I have to explain myself at the desk, I just walk out.",
                "A woman who uses the drop-in",
                Consent.VERBAL,
            ),
            (
                "I have not seen a doctor since I was twenty.",
                "A woman who uses the drop-in",
                Consent.NONE,
            ),
        ],
        actions=[
            DemoAction("Agree a weekly nurse session with the trust", "nhs", 60, DONE),
            DemoAction("Ask two women from the drop-in to join the steering group", "lco", 45),
        ],
    ),
    DemoSession(
        area="birmingham",
        kind=SessionKind.STEERING_MEETING,
        title="Bringing lived experience to the table",
        when=-9,
        starts=dt.time(13),
        hours=1.5,
        venue="Safe Harbour Birmingham drop-in",
        purpose=(
            "The steering group still has no one with lived experience: agree how to change "
            "that safely."
        ),
        named=6,
        decisions=[
            "Pay for lived-experience members' time and let them take part without giving "
            "their full names.",
        ],
        actions=[
            DemoAction("Set out how lived-experience members will be paid", "lco", 21),
            DemoAction("Check the nurse session's first months of attendance", "nhs", 30),
        ],
    ),
    DemoSession(
        area="birmingham",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="What the nurse sessions have changed",
        when=35,
        starts=dt.time(11),
        hours=2.5,
        venue="Safe Harbour Birmingham drop-in",
        purpose="Review the weekly nurse sessions with the women who use them.",
    ),
    # Leicester and Leicestershire: a health package for people who are homeless.
    DemoSession(
        area="leicester-and-leicestershire",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="One offer of care for people with no permanent address",
        when=-550,
        starts=dt.time(10),
        hours=3,
        venue="Leicester Homeless Health Alliance, Charles Street",
        accessibility_notes=COMMUNITY_CENTRE,
        purpose="Agree what a single health offer for people who are homeless should include.",
        named=7,
        headcounts={Sector.VCSE: 10, Sector.HOUSING: 5, Sector.GP_PRACTICE: 3, Sector.NHS_TRUST: 3},
        lived_experience=7,
        summary=(
            "People with experience of homelessness described being turned away from GP "
            "registration for want of an address, and discharged from hospital straight back "
            "to the street. Everyone agreed the offer must start with registration."
        ),
        barriers=[
            (
                "eligibility-and-registration",
                "Practices still ask for proof of address, although none is needed.",
            ),
            ("navigating-the-system", "Hospital discharge does not ask where someone will sleep."),
            ("trust", "People expect to be moved on, so they stop asking."),
            ("cost", "Bus fares to appointments across the city add up."),
        ],
        ideas=[
            "every practice registered people using the alliance's address",
            "a housing officer saw people before they left hospital",
        ],
        decisions=["Start with GP registration for everyone the alliance works with."],
        quotes=[
            (
                "They said come back when you have an address. That is the whole problem.",
                "A man who slept rough in Leicester",
                Consent.WRITTEN,
            ),
        ],
        actions=[
            DemoAction(
                "Give every practice a note on registering people without an address",
                "nhs",
                30,
                DONE,
            ),
            DemoAction(
                "Map hospital discharges to no fixed address for three months", "member", 120, DONE
            ),
        ],
    ),
    DemoSession(
        area="leicester-and-leicestershire",
        kind=SessionKind.STEERING_MEETING,
        title="Discharge to no fixed address",
        when=-90,
        starts=dt.time(9, 30),
        hours=1.5,
        online_platform="Microsoft Teams",
        purpose="Look at the discharge mapping and agree a first change on the wards.",
        named=7,
        summary=(
            "Dozens of people were discharged with no fixed address in three months, most on "
            "a Friday. Ward staff are willing to call the housing team earlier."
        ),
        decisions=["Ask wards to call the housing team two days before discharge."],
        actions=[
            DemoAction("Agree the call-ahead with ward managers", "nhs", 60, IN_PROGRESS),
            DemoAction("Write a one-page discharge checklist", "council", 40, IN_PROGRESS),
            DemoAction("Ask the ICB to fund a hospital housing worker", "chair", 100, BLOCKED),
        ],
    ),
    DemoSession(
        area="leicester-and-leicestershire",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="Putting the health package together",
        when=13,
        starts=dt.time(10),
        hours=3,
        venue="Leicester Homeless Health Alliance, Charles Street",
        accessibility_notes=COMMUNITY_CENTRE,
        purpose="Bring registration, discharge and outreach into one written offer.",
    ),
    # Somerset: hospital discharge for people living with dementia.
    DemoSession(
        area="somerset",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="The journey home from hospital",
        when=-505,
        starts=dt.time(10),
        hours=3,
        venue="Taunton Vivary Hall",
        accessibility_notes=(
            "Dementia-friendly: clear signs, quiet room, carers welcome to bring the person "
            "they care for."
        ),
        purpose="Follow the journey home from hospital with carers of people with dementia.",
        named=7,
        headcounts={Sector.VCSE: 8, Sector.NHS_TRUST: 6, Sector.LOCAL_AUTHORITY: 3},
        lived_experience=9,
        summary=(
            "Carers described discharges that happened late in the evening, with no warning "
            "and no plan for the first night. Ward staff said they often cannot find out who "
            "the carer is."
        ),
        barriers=[
            ("navigating-the-system", "Carers are not told the discharge date."),
            ("transport-and-distance", "Patient transport arrives late in the evening."),
            ("staff-capacity", "Wards have no time to find out who the carer is."),
            ("isolation", "People living alone go home to an empty house."),
        ],
        ideas=[
            "every ward knew who the carer was from the first day",
            "nobody with dementia was sent home after six in the evening",
        ],
        decisions=["Work with two wards on identifying carers at admission."],
        quotes=[
            (
                "They rang at nine at night to say Mum was on her way. Nobody had told me "
                "she was being discharged.",
                "A carer from Taunton",
                Consent.WRITTEN,
            ),
        ],
        actions=[
            DemoAction("Agree a carer question for the admission form", "nhs", 45, DONE),
            DemoAction("Recruit carers to review the discharge leaflet", "lco", 30, DONE),
        ],
    ),
    DemoSession(
        area="somerset",
        kind=SessionKind.PARTNERSHIP_DAY,
        title="First weeks of the carer question",
        when=-4,
        starts=dt.time(10),
        hours=3,
        venue="Taunton Vivary Hall",
        accessibility_notes="Dementia-friendly: clear signs and a quiet room.",
        purpose="Hear from carers and ward staff how the carer question is working.",
        named=7,
        headcounts={Sector.VCSE: 6, Sector.NHS_TRUST: 5, Sector.LOCAL_AUTHORITY: 2},
        lived_experience=6,
        barriers=[
            ("staff-capacity", "The question is skipped when admissions are busy at night."),
            ("unclear-letters-and-information", "The discharge leaflet still uses ward jargon."),
        ],
        ideas=["the carer was rung the day before discharge, every time"],
        decisions=["Add the carer's number to the ward handover sheet."],
        quotes=[
            (
                "For the first time someone asked me what Dad is like at home.",
                "A carer from Bridgwater",
                Consent.VERBAL,
            ),
        ],
        actions=[
            DemoAction("Add the carer's number to the handover sheet on both wards", "nhs", 21),
            DemoAction("Rewrite the discharge leaflet with carers", "lco", 35, IN_PROGRESS),
            DemoAction("Ask patient transport for a six o'clock cut-off", "chair", 50),
        ],
    ),
    DemoSession(
        area="somerset",
        kind=SessionKind.STEERING_MEETING,
        title="Spreading the carer question",
        when=48,
        starts=dt.time(14),
        hours=1.5,
        online_platform="Microsoft Teams",
        purpose="Decide whether to take the carer question to more wards.",
    ),
]
