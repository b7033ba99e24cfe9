"""The words generated records are made of: places, names, foci and the things said."""

PLACES = [
    "Ashby", "Barrowford", "Bilston", "Brierley", "Castleton", "Chorley", "Crewe", "Darwen",
    "Dudley", "Eastbourne", "Fenton", "Gorton", "Halewood", "Hambleton", "Hartcliffe",
    "Hyde", "Ilkeston", "Kirkby", "Leyland", "Longsight", "Maltby", "Millom", "Nelson",
    "Newhall", "Oldbury", "Pensnett", "Radcliffe", "Redruth", "Ryedale", "Seacroft",
    "Shildon", "Skegness", "Stanley", "Tipton", "Tividale", "Walkden", "Washwood",
    "Whitehawk", "Winsford", "Withernsea", "Wythenshawe", "Yeadon",
]  # fmt: skip
AREA_KINDS = ["Central", "North", "South", "East", "West", "Rural", "Coastal", "Town Centre"]

FOCI = [
    "Low cancer-screening uptake among culturally and ethnically diverse communities",
    "Rural access to appointments and transport",
    "Reducing smoking in the most deprived neighbourhoods",
    "Older people falling through the net after discharge",
    "TB screening with newly arrived communities",
    "Childhood obesity in primary-school families",
    "Loneliness and isolation among older residents",
    "Cervical screening in low-uptake neighbourhoods",
    "Access to GP services for disabled patients",
    "Healthcare access for people experiencing homelessness",
    "Hospital discharge for people living with dementia",
    "Mental health support for young carers",
]

FIRST_NAMES = [
    "Aisha", "Amir", "Ana", "Beth", "Chidi", "Chloe", "Dafydd", "Deepa", "Eilidh", "Emeka",
    "Fatima", "Grace", "Hannah", "Hassan", "Imran", "Jade", "Jamal", "Joanne", "Kamala",
    "Kwame", "Laura", "Leila", "Liam", "Mariam", "Mei", "Mohammed", "Nadia", "Niamh",
    "Olu", "Oscar", "Priya", "Rhys", "Rosa", "Sam", "Sanjay", "Sofia", "Tariq", "Tomasz",
    "Una", "Viktor", "Wen", "Yusuf", "Zara", "Zofia",
]  # fmt: skip
SURNAMES = [
    "Adeyemi", "Ahmed", "Akhtar", "Baker", "Begum", "Brown", "Chen", "Clarke", "Davies",
    "Evans", "Francis", "Green", "Hall", "Hughes", "Hussain", "Iqbal", "Jones", "Khan",
    "Kowalski", "Lewis", "Mensah", "Morris", "Nowak", "Okafor", "Owen", "Patel", "Roberts",
    "Shah", "Singh", "Smith", "Taylor", "Thomas", "Walker", "Ward", "Williams", "Wright",
]  # fmt: skip
JOB_TITLES = [
    "Practice manager", "Community development worker", "Public health officer",
    "Social prescriber", "Volunteer coordinator", "Health visitor", "GP partner",
    "Parish councillor", "Youth worker", "Faith leader", "Community leader",
    "Commissioning manager", "Healthwatch officer", "Care coordinator",
]  # fmt: skip

# Sector → kinds of organisation, weighted by how often each sits at a steering table.
ORGANISATION_KINDS = {
    "vcse": ["Community Trust", "Carers Centre", "Food Bank", "Community Association"],
    "pcn": ["Primary Care Network"],
    "gp_practice": ["Medical Practice", "Health Centre"],
    "local_authority": ["Borough Council"],
    "public_health": ["Public Health Team"],
    "faith": ["Mosque", "Gurdwara", "Parish Church"],
    "healthwatch": ["Healthwatch"],
}

BARRIERS = [
    "Letters arrive only in English and use words people do not know",
    "The bus to the surgery runs twice a day",
    "Booking means phoning at eight in the morning with a long queue",
    "People fear being judged by reception staff",
    "Childcare makes daytime appointments impossible",
    "No permanent address means no registration with a practice",
    "Online forms exclude people without data or a device",
    "Interpreters are not booked in time",
]
IDEAS = [
    "Wouldn't it be brilliant if community leaders ran drop-in sessions at the mosque",
    "Wouldn't it be brilliant if the screening van parked at the market on Saturdays",
    "Wouldn't it be brilliant if receptionists had cultural-competency training",
    "Wouldn't it be brilliant if letters came with a phone number for questions in Urdu",
    "Wouldn't it be brilliant if volunteer drivers took people to appointments",
]
DECISIONS = [
    "The steering group will meet monthly in the community centre",
    "A sub-group will redesign the invitation letter with residents",
    "The LCO will cascade notes through WhatsApp groups",
    "Two community champions will join the next practice meeting",
]
QUOTES = [
    "I didn't know the test was free until my neighbour told me.",
    "When someone who speaks my language explains it, I trust it.",
    "The village hall is the only place everyone can get to.",
    "Nobody asked us before; this time they listened.",
    "I stopped going because I could never get through on the phone.",
]
ACTIONS = [
    "Draft a plain-English invitation letter with the residents' panel",
    "Book the community centre for the next partnership day",
    "Share the barriers heard with the practice managers' meeting",
    "Recruit two more community champions from the market traders",
    "Ask the council about a volunteer driver scheme",
    "Send the notes to everyone who came and to local WhatsApp groups",
    "Map which practices offer evening appointments",
    "Arrange interpreter cover for the screening drop-in",
    "Collect referral figures from the social prescribers",
    "Invite the housing team to the steering group",
]
PROGRESS_NOTES = [
    "Spoke to the practice manager; waiting for dates.",
    "First draft shared with the residents' panel.",
    "Venue confirmed, catering still to arrange.",
    "Held up by staff sickness, back on track next week.",
]
INDICATORS = [
    ("People trained in cultural competency", "process", "count"),
    ("Referrals to the community connector", "process", "count"),
    ("People signposted to screening", "process", "count"),
    ("Screening uptake in the PCN", "outcome", "percentage"),
    ("Missed appointments", "outcome", "count"),
    ("Staff confident to discuss screening", "outcome", "percentage"),
]
RESOURCE_SUBJECTS = [
    "cancer screening", "smoking", "loneliness", "childhood obesity", "dementia",
    "hospital discharge", "rural transport", "older people", "cervical screening",
    "TB screening", "homeless health", "access for disabled patients",
]  # fmt: skip
RESOURCE_FORMS = [
    "A toolkit for", "Lessons on", "A guide to", "Measuring impact in", "Stories of",
    "Talking points on", "Commissioning for", "Community research on",
]  # fmt: skip
SUMMARY_WORDS = [
    "partnership", "community", "trust", "power", "collaboration", "steering", "group",
    "charity", "council", "NHS", "primary", "care", "network", "volunteers", "lived",
    "experience", "barriers", "co-production", "pilot", "funding", "evaluation",
    "workshop", "village", "hall", "interpreters", "leaflets", "champions",
]  # fmt: skip
