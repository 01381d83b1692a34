"""Celery task of the application: build the dossier of narratives, recording its progress."""

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from . import selectors
from .dossier import build_docx
from .models import Dossier, DossierState
from .summary import summarise


def build_dossier_now(dossier_id):
    """Write the dossier's file; its row says how far it got (the page polls it)."""
    dossier = Dossier.objects.select_related("application__call").filter(pk=dossier_id).first()
    if dossier is None or dossier.state == DossierState.READY:
        return None
    application = dossier.application
    proposals = selectors.held_proposals(application)
    Dossier.objects.filter(pk=dossier_id).update(state=DossierState.BUILDING, done=0, total=len(proposals))

    def progress(done):
        Dossier.objects.filter(pk=dossier_id).update(done=done)

    try:
        with translation.override(dossier.language):
            content = build_docx(
                call=application.call,
                groups=selectors.narratives_by_country(proposals),
                summary=summarise(selectors.held_flow_figures(application)),
                on_progress=progress,
            )
    except Exception:
        Dossier.objects.filter(pk=dossier_id).update(state=DossierState.FAILED, finished_at=timezone.now())
        raise
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier_id)
        name = f"na-dossier-{slugify(application.call.name) or application.call_id}.docx"
        dossier.file.save(name, ContentFile(content), save=False)
        dossier.state = DossierState.READY
        dossier.done = dossier.total
        dossier.finished_at = timezone.now()
        dossier.save()
        _forget_earlier(dossier)
    return dossier.state


def _forget_earlier(dossier):
    """The finished dossiers before this one, and their files: only the newest is offered."""
    earlier = Dossier.objects.filter(application_id=dossier.application_id, pk__lt=dossier.pk).exclude(
        state__in=(DossierState.QUEUED, DossierState.BUILDING)
    )
    names = [old.file.name for old in earlier if old.file]
    earlier.delete()
    storage = dossier.file.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


@shared_task(acks_late=True, ignore_result=True)
def build_dossier(dossier_id):
    return build_dossier_now(dossier_id)
