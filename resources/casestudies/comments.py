"""Comments on the sections of an unpublished version, for its authors.

Anyone in the area's partnership (the PROPOSE capability) comments and replies; the
authors (those who may edit the case study) and the comment's writer resolve it, which
folds it and its replies away. Nothing here is read by the PDF or the public page.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from partnerships.models import Person
from resources.casestudies.models import CaseStudyVersion, SectionComment


class NotOpen(Exception):
    """The version is published, or the comment replied to is not one of its own."""


@dataclass
class SectionThreads:
    open: list = field(default_factory=list)
    resolved: list = field(default_factory=list)


def threads(version: CaseStudyVersion) -> dict[str, SectionThreads]:
    """Each section's comments with their replies, open and resolved: two queries."""
    comments = (
        version.comments.filter(reply_to=None)
        .select_related("written_by", "resolved_by")
        .prefetch_related(
            Prefetch("replies", queryset=SectionComment.objects.select_related("written_by"))
        )
    )
    by_section = defaultdict(SectionThreads)
    for comment in comments:
        threads_of = by_section[comment.section]
        (threads_of.resolved if comment.is_resolved else threads_of.open).append(comment)
    return by_section


@transaction.atomic
def comment_add(
    *, version: CaseStudyVersion, by: Person, section: str, body: str, reply_to: int | None = None
) -> SectionComment:
    if version.is_published:
        raise NotOpen("A published version takes no more comments.")
    parent = None
    if reply_to is not None:
        parent = version.comments.filter(pk=reply_to, reply_to=None).first()
        if parent is None:
            raise NotOpen("That comment is not on this version.")
        section = parent.section
    return SectionComment.objects.create(
        version=version, section=section, reply_to=parent, body=body.strip(), written_by=by
    )


def comment_resolve(*, comment: SectionComment, by: Person) -> bool:
    """Resolve an open comment; False if someone resolved it already."""
    return bool(
        SectionComment.objects.filter(pk=comment.pk, resolved_at=None).update(
            resolved_by=by, resolved_at=timezone.now()
        )
    )


def may_resolve(comment: SectionComment, *, person: Person | None, is_author: bool) -> bool:
    return is_author or (person is not None and comment.written_by_id == person.pk)
