"""Celery task of the applications app: write the Excel file of a call's registrations, recording
how many rows it has written (the export's status page polls it)."""

import tempfile

from celery import shared_task
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation

from . import exports
from .models import ExportState, RegistrationExport


def build_registration_export_now(export_id):
    """Write the export's file; its row says how far it got."""
    export = RegistrationExport.objects.select_related("call").filter(pk=export_id).first()
    if export is None or export.state == ExportState.READY:
        return None
    registrations = exports.filtered_registrations(export.call, export.query)
    total = registrations.count()
    RegistrationExport.objects.filter(pk=export_id).update(state=ExportState.BUILDING, done=0, total=total)

    def progress(done):
        RegistrationExport.objects.filter(pk=export_id).update(done=min(done, total))

    try:
        with tempfile.TemporaryFile() as target, translation.override(export.language):
            written = exports.write_xlsx_file(target, export.call, registrations, on_progress=progress)
            target.seek(0)
            with transaction.atomic():
                export = RegistrationExport.objects.select_for_update().get(pk=export_id)
                export.file.save(exports.xlsx_filename(export.call), File(target), save=False)
                export.state = ExportState.READY
                export.done = export.total = written
                export.finished_at = timezone.now()
                export.save()
                _forget_earlier(export)
    except Exception:
        RegistrationExport.objects.filter(pk=export_id).update(state=ExportState.FAILED, finished_at=timezone.now())
        raise
    return export.state


def _forget_earlier(export):
    """The same person's finished exports of the call before this one, and their files: only the
    newest is kept."""
    earlier = RegistrationExport.objects.filter(
        call_id=export.call_id, requested_by_id=export.requested_by_id, pk__lt=export.pk
    ).exclude(state__in=(ExportState.QUEUED, ExportState.BUILDING))
    names = [old.file.name for old in earlier if old.file]
    earlier.delete()
    storage = export.file.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


@shared_task(acks_late=True, ignore_result=True)
def build_registration_export(export_id):
    return build_registration_export_now(export_id)
