"""What case studies and reports hold about a person, for their export and erasure.

Authors are named on the case studies they wrote; on erasure their name gives way to
the pseudonym even in a published version. Cached PDFs that may quote or name a person
are thrown away when they withdraw consent or are erased, and built afresh on request.
"""

from django.db import transaction
from django.db.models import Q

from partnerships.privacy.registry import (
    Areas,
    PersonalData,
    area_ids_of,
    in_areas,
    register,
    register_derived_documents,
)
from resources.casestudies.models import CaseStudyAuthor, CaseStudyEdit, SectionComment
from resources.reports.models import GeneratedDocument


def _authored(person):
    return CaseStudyAuthor.objects.filter(person=person).select_related("version__case_study__area")


def _export(person, areas: Areas):
    return [
        {
            "case_study": author.version.title,
            "area": author.version.case_study.area.name,
            "version": author.version.number,
            "named_as": author.described,
        }
        for author in in_areas(_authored(person), "version__case_study__area_id", areas)
    ]


def _erase(person, pseudonym):
    return CaseStudyAuthor.objects.filter(person=person).update(
        name=pseudonym, role="", organisation=""
    )


def _area_ids(person):
    return [_authored(person).values_list("version__case_study__area_id", flat=True)]


register(
    PersonalData(
        key="case_study_authorship",
        title="Case studies you wrote",
        export=_export,
        erase=_erase,
        area_ids=_area_ids,
    )
)


def _edited(person):
    return CaseStudyEdit.objects.filter(person=person).select_related("version__case_study__area")


def _export_edits(person, areas: Areas):
    return [
        {
            "case_study": edit.version.title,
            "area": edit.version.case_study.area.name,
            "version": edit.version.number,
            "edited_at": edit.edited_at,
            "sections_changed": ", ".join(edit.sections),
        }
        for edit in in_areas(_edited(person), "version__case_study__area_id", areas)
    ]


def _keep_edits(person, pseudonym):
    """Kept: who changed a version decides who may approve it. The person's name lives
    only on their own record, which the erasure replaces."""
    return 0


register(
    PersonalData(
        key="case_study_edits",
        title="Changes you made to case studies",
        export=_export_edits,
        erase=_keep_edits,
        area_ids=lambda person: [
            _edited(person).values_list("version__case_study__area_id", flat=True)
        ],
    )
)


def _commented(person):
    return SectionComment.objects.filter(written_by=person).select_related(
        "version__case_study__area"
    )


def _export_comments(person, areas: Areas):
    return [
        {
            "case_study": comment.version.title,
            "area": comment.version.case_study.area.name,
            "section": comment.get_section_display(),
            "written_at": comment.written_at,
            "comment": comment.body,
        }
        for comment in in_areas(_commented(person), "version__case_study__area_id", areas)
    ]


# What an erased person's comments say instead; replies to them stay in place.
ERASED_COMMENT = "This comment was removed at the request of the person who wrote it."


def _erase_comments(person, pseudonym):
    return SectionComment.objects.filter(written_by=person).update(body=ERASED_COMMENT)


register(
    PersonalData(
        key="case_study_comments",
        title="Your comments on case-study drafts",
        export=_export_comments,
        erase=_erase_comments,
        area_ids=lambda person: [
            _commented(person).values_list("version__case_study__area_id", flat=True)
        ],
    )
)


def _discard_documents(person) -> int:
    """Every cached document that may quote someone of the person's areas (a funder pack
    or programme report quotes several areas), and any that names them."""
    documents = Q(areas__in=area_ids_of(person))
    name = person.full_name.strip()
    if len(name) >= 3:
        documents |= Q(html__icontains=name)
    discarded = list(GeneratedDocument.objects.filter(documents).distinct().only("pk", "file"))
    files = [document.file.name for document in discarded if document.file]
    GeneratedDocument.objects.filter(pk__in=[document.pk for document in discarded]).delete()
    # The files go only once the rows have: a rolled-back erasure keeps both.
    storage = GeneratedDocument._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in files])
    return len(discarded)


register_derived_documents(_discard_documents)
