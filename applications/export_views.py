"""IR staff's Excel export of a call's registrations: asked for with a form, written by a Celery task,
followed on its status page, then downloaded. The file is never served as media."""

from django.contrib import messages
from django.http import FileResponse, Http404, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from icm_portal.roles import ir_staff_required
from projects.models import Call

from . import exports, services
from .models import RegistrationExport

# The filters of the list travel in the form as one query string; longer is no list's.
QUERY_MAX = 2000


@ir_staff_required
@require_POST
def registration_export_xlsx(request, call_pk):
    """Ask for the Excel file of the registrations the list shows, with its filters."""
    call = get_object_or_404(Call, pk=call_pk)
    query = QueryDict(request.POST.get("query", "")[:QUERY_MAX]).urlencode()  # never a NUL byte stored
    export = services.request_registration_export(call=call, query=query, by=request.user)
    messages.info(request, _("The Excel file is being prepared; this page shows when it is ready."))
    return redirect("applications:registration_export", pk=export.pk)


def _export(pk):
    return get_object_or_404(RegistrationExport.objects.select_related("call"), pk=pk)


@ir_staff_required
@require_GET
def registration_export(request, pk):
    """The export's progress, and its download link once it is ready."""
    export = _export(pk)
    return render(request, "applications/staff/export.html", {"export": export, "call": export.call})


@ir_staff_required
@require_GET
def registration_export_status(request, pk):
    """How far the export got, as JSON for the status page's poller."""
    export = RegistrationExport.objects.filter(pk=pk).first()
    if export is None:
        raise Http404
    ready = export.is_ready
    return JsonResponse(
        {
            "state": export.state,
            "label": export.get_state_display(),
            "done": export.done,
            "total": export.total,
            "percent": export.percent,
            "download": reverse("applications:registration_export_download", args=[export.pk]) if ready else None,
        }
    )


@ir_staff_required
@require_GET
def registration_export_download(request, pk):
    export = _export(pk)
    if not export.is_ready or not export.file:
        raise Http404
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=exports.xlsx_filename(export.call))
