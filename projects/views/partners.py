"""Views of the partner directory (IR staff): the list with distances and bands, create and edit."""

from django.contrib.messages.views import SuccessMessageMixin
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, UpdateView

from icm_portal.roles import IRStaffRequiredMixin, ir_staff_required
from mobilities.services import directory_rates, distance_and_band

from ..filters import PartnerFilter
from ..forms.partners import PartnerForm
from ..models import Institution
from ..partners import home_institution, partner_countries, partner_directory
from .rows import partner_row

PAGE_SIZE = 25


@ir_staff_required
def partner_list(request):
    home = home_institution()
    directory = PartnerFilter(
        request.GET or None, queryset=partner_directory(home=home), country_codes=partner_countries()
    )
    form = directory.form
    page = Paginator(directory.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rates = directory_rates()
    rows = [(partner, *distance_and_band(home, partner, rates)) for partner in page.object_list]
    context = {"form": form, "page": page, "rows": rows, "table": [partner_row(*row) for row in rows], "home": home}
    return render(request, "projects/partners/list.html", context)


class PartnerCreateView(IRStaffRequiredMixin, SuccessMessageMixin, CreateView):
    model = Institution
    form_class = PartnerForm
    template_name = "projects/partners/form.html"
    success_message = _("%(name)s was added to the partner directory.")

    def get_success_url(self):
        return reverse("projects:partner_list")


class PartnerUpdateView(IRStaffRequiredMixin, SuccessMessageMixin, UpdateView):
    model = Institution
    form_class = PartnerForm
    template_name = "projects/partners/form.html"
    success_message = _("%(name)s was saved.")

    def get_queryset(self):
        return Institution.objects.filter(is_home=False)

    def get_success_url(self):
        return reverse("projects:partner_list")


partner_create = PartnerCreateView.as_view()
partner_update = PartnerUpdateView.as_view()
