import uuid
from collections.abc import Iterable
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from areas.models import Area
from partnerships.models import Person
from partnerships.review import services as review
from partnerships.review.models import ReviewStatus
from resources import files
from resources.models import Resource, Theme
from resources.outputs.models import OutputSubmission
from resources.services import resource_create


@transaction.atomic
def output_submit(
    *,
    area: Area,
    by: Person,
    title: str,
    summary: str,
    resource_type: str,
    url: str = "",
    upload: UploadedFile | None = None,
) -> OutputSubmission:
    """Offer an output to the library: a link, or a file (never both) for review."""
    submission = OutputSubmission(
        area=area,
        proposed_by=by,
        title=title,
        description=summary,
        resource_type=resource_type,
        url=url,
    )
    if upload is not None:
        # Checked again here, whoever calls: the stored type always comes from the bytes.
        kind = files.identify(upload)
        submission.file.save(f"{uuid.uuid4().hex}.{kind.extension}", upload, save=False)
        submission.file_type, submission.file_size = kind.content_type, upload.size
    submission.save()
    review.facilitators_told(area=area)
    return submission


@transaction.atomic
def output_accept(
    *,
    submission: OutputSubmission,
    by: Person,
    title: str,
    summary: str,
    resource_type: str,
    publisher: str,
    published_on: date | None = None,
    themes: Iterable[Theme] = (),
    stages: Iterable[str] = (),
    is_public: bool = False,
) -> Resource:
    """Publish an output in the library, as offered or edited; the resource keeps the
    submission, and so who offered it."""
    locked = review.lock_waiting(submission)
    resource = resource_create(
        by=by,
        title=title,
        summary=summary,
        resource_type=resource_type,
        url=locked.url,
        stored_file=locked if locked.file else None,
        themes=themes,
        stages=stages,
        publisher=publisher,
        published_on=published_on,
        is_public=is_public,
    )
    review.mark_decided(locked, by=by, decision=ReviewStatus.ACCEPTED, resource=resource)
    return resource
