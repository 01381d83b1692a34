"""The dossier of narratives for the KA171 form (DOCX): the regional partnership (regions and partner
institutions), each proposal's narratives grouped per partner country for the Project description,
and the budget per region and country, for IR staff to paste into the form."""

from io import BytesIO

from django.utils.translation import gettext as _
from docx import Document

from icm_portal.formatting import euros
from icm_portal.spreadsheets import XML_ILLEGAL

from .selectors import country_label, narrative_fields, region_label


def _text(value):
    """Typed text as Word can hold it: a control character XML refuses becomes a space."""
    return XML_ILLEGAL.sub(" ", str(value or ""))


def _partnership(document, groups):
    document.add_heading(_("Regional partnership"), level=1)
    for group in groups:
        partners = sorted({_text(p.partner.name) for p in group.proposals if p.partner})
        line = f"{group.region_label} · {group.country_label}: " + "; ".join(partners or ["—"])
        document.add_paragraph(line, style="List Bullet")


def _budget(document, summary):
    document.add_heading(_("Budget summary"), level=1)
    table = document.add_table(rows=1, cols=5)
    for cell, heading in zip(
        table.rows[0].cells,
        [_("Region"), _("Partner country"), _("Participants"), _("Organisational support (EUR)"), _("Total (EUR)")],
        strict=True,
    ):
        cell.text = str(heading)
    for region in summary.region_list():
        for country in region.country_list():
            cells = table.add_row().cells
            figures = country.figures
            cells[0].text = str(region_label(region.region))
            cells[1].text = str(country_label(country.code))
            cells[2].text = str(figures.participants)
            cells[3].text = euros(figures.organisational_support)
            cells[4].text = euros(figures.total)
    document.add_paragraph(
        _("Total: %(total)s for %(participants)s participants.")
        % {"total": euros(summary.figures.total), "participants": summary.figures.participants}
    )


def _proposal(document, proposal, fields):
    document.add_heading(_text(proposal.title), level=3)
    partner = proposal.partner.name if proposal.partner else "—"
    document.add_paragraph(
        _("Partner university: %(partner)s · Unit: %(unit)s")
        % {"partner": _text(partner), "unit": _text(proposal.unit or "—")}
    )
    for name, label in fields:
        text = _text(getattr(proposal, name))
        if not text.strip():
            continue
        document.add_heading(str(label).capitalize(), level=4)
        for paragraph in text.splitlines():
            if paragraph.strip():
                document.add_paragraph(paragraph)


def build_docx(*, call, groups, summary, on_progress=None):
    """The dossier as DOCX bytes; ``on_progress(done)`` is told after each proposal written."""
    document = Document()
    document.core_properties.title = _text(_("Application to the National Agency: %(call)s") % {"call": call.name})
    document.add_heading(document.core_properties.title, level=0)
    _partnership(document, groups)
    document.add_heading(_("Project description"), level=1)
    fields = narrative_fields()
    done = 0
    for group in groups:
        document.add_heading(f"{group.country_label} ({group.region_label})", level=2)
        for proposal in group.proposals:
            _proposal(document, proposal, fields)
            done += 1
            if on_progress is not None:
                on_progress(done)
    _budget(document, summary)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
