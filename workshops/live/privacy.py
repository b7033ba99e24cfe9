"""What the live room keeps about a person, for their export and erasure.

A story from the room is kept against a person once it is accepted (the speaker made
for it, under their name if they gave one, else a pseudonym); the insight it became is
covered by the sessions' own section. Here are the words as their phone sent them and
what they agreed to. Phones themselves are never people: only a random id.
"""

from partnerships.privacy import retention
from partnerships.privacy.registry import PersonalData, in_areas, register
from workshops.live.models import ItemStatus, RoomItem, RoomPhone

REMOVED = "Removed when the speaker’s data was erased."


def _stories(person, areas):
    stories = in_areas(RoomItem.objects.filter(speaker=person), "room__session__area_id", areas)
    return [
        {
            "session": item.room.session.title,
            "area": item.room.session.area.name,
            "sent_at": item.sent_at,
            "said": item.text,
            "named": item.get_naming_display(),
            "name_given": item.name,
            "described_as": item.role,
            "may_be_shared": item.get_sharing_display(),
            "words_shown": item.consent_wording,
            "taken_back_at": item.consent_withdrawn_at,
        }
        for item in stories.select_related("room__session__area")
    ]


def _erase_stories(person, pseudonym):
    return RoomItem.objects.filter(speaker=person).update(text=REMOVED, name="", role="")


def _area_ids(person):
    stories = RoomItem.objects.filter(speaker=person)
    return [stories.values_list("room__session__area_id", flat=True)]


register(
    PersonalData(
        "live_room_stories",
        "Stories you sent from your phone at a partnership day",
        _stories,
        _erase_stories,
        _area_ids,
    )
)


retention.register(
    retention.RetentionRule(
        "What phones sent at a partnership day that was not used",
        RoomItem,
        "sent_at",
        90,
        retention.DELETE,
        "Deleted if a facilitator did not accept it into the session’s record.",
        select=lambda rows, cutoff: rows.filter(
            status__in=[ItemStatus.WAITING, ItemStatus.SET_ASIDE]
        ),
    ),
    retention.RetentionRule(
        "Phones that joined a partnership day, and their votes",
        RoomPhone,
        "joined_at",
        90,
        retention.DELETE,
        "Deleted. The head-counts they added to and the ranking of ideas stay with the session.",
    ),
)
