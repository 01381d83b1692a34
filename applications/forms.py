"""Forms: the public registration form (with its honeypot) and IR staff's follow-up (the staff
list's filters are in ``applications.filters``)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries

from icm_portal.validators import validate_single_line
from projects.models import Institution, Proposal, Unit

from .models import (
    EMAIL_MAX,
    MESSAGE_MAX,
    NAME_MAX,
    PERIOD_MAX,
    RegistrationKind,
    RegistrationState,
    StudyLevel,
)

HONEYPOT = "website"
# A call with more awarded projects than this lets people search them instead of listing them all.
LISTED_PROJECTS = 30

PRIVACY_TEXT = _(
    "International Relations uses what you enter here only to inform you about this call and to plan the "
    "exchanges. Your data is kept for the retention period of the university and then anonymised; you can "
    "withdraw your registration at any time with the link in the confirmation mail, which deletes your data."
)


class ProposalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, proposal):
        if proposal.partner_id:
            return f"{proposal.title} ({proposal.partner.name}, {proposal.partner.country.name})"
        return proposal.title


class PartnerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, institution):
        return f"{institution.name}, {institution.country.name}"


class RegistrationForm(forms.Form):
    """What a student or staff member tells International Relations about their interest."""

    name = forms.CharField(label=_("Your name"), max_length=NAME_MAX, validators=[validate_single_line])
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=EMAIL_MAX,
        help_text=_("We send the confirmation here. Registering again with it updates your registration."),
    )
    kind = forms.ChoiceField(label=_("I am"), choices=RegistrationKind.choices, widget=forms.RadioSelect)
    unit = forms.ModelChoiceField(
        label=_("Faculty or institute"), queryset=Unit.objects.order_by("name"), empty_label=_("Choose…")
    )
    study_level = forms.ChoiceField(
        label=_("Study level"),
        choices=StudyLevel.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Students only."),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries of interest"), required=False, widget=forms.CheckboxSelectMultiple
    )
    partners = PartnerChoiceField(
        label=_("Partner universities of interest"),
        queryset=Institution.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    proposals = ProposalChoiceField(
        label=_("Projects of interest"),
        queryset=Proposal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_period = forms.CharField(
        label=_("Preferred period"),
        max_length=PERIOD_MAX,
        required=False,
        validators=[validate_single_line],
        help_text=_("For example “spring semester” or “two weeks in May”."),
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("At most 2,000 characters."),
    )
    language = forms.ChoiceField(
        label=_("Language for correspondence"),
        choices=[("en", _("English")), ("nl", _("Dutch"))],
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_("I agree that International Relations processes these data for this call."),
        help_text=PRIVACY_TEXT,
        error_messages={"required": _("Registration needs your consent to the processing of your data.")},
    )
    # A field people never see; bots that fill every input give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, offer, projects, search_url="", language="en", **kwargs):
        """``offer``: the call's ``RegistrationChoices`` (partners, number of projects); ``projects``: the awarded ones.

        Up to ``LISTED_PROJECTS`` projects are listed as checkboxes; a larger call is searched
        (``search_url``, with JavaScript), and only the chosen projects are rendered as options.
        """
        kwargs.setdefault("initial", {}).setdefault("language", language if language in ("en", "nl") else "en")
        super().__init__(*args, **kwargs)
        awarded = offer.count
        self.fields["proposals"].queryset = projects.select_related("partner").order_by("title", "id")
        if awarded > LISTED_PROJECTS:
            self._search_projects(search_url)
        self.fields["partners"].queryset = Institution.objects.filter(pk__in=[p.pk for p in offer.partners]).order_by(
            "name"
        )
        partner_countries = sorted({p.country.code for p in offer.partners}, key=all_countries.name)
        codes = partner_countries or [code for code, _name in all_countries]
        self.fields["countries"].choices = [(code, all_countries.name(code)) for code in codes]
        if not partner_countries:
            self.fields["countries"].widget = forms.SelectMultiple(attrs={"size": 8})
        if not awarded:
            del self.fields["proposals"]
            del self.fields["partners"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has the token
        self.helper.layout = Layout(
            Fieldset(_("About you"), "name", "email", "kind", "unit", Div("study_level", data_study_level="")),
            Fieldset(
                _("Your interest"),
                "countries",
                *(["partners", "proposals"] if awarded else []),
                "preferred_period",
                "message",
                "language",
            ),
            Fieldset(_("Privacy"), "consent"),
            Div(Field(HONEYPOT), css_class="visually-hidden", aria_hidden="true"),
            Submit("register", _("Register my interest")),
        )

    def _search_projects(self, search_url):
        """A select of the chosen projects only, which the search box adds to (``search_select.js``)."""
        field = self.fields["proposals"]
        chosen_ids = [value for value in self.data.getlist(self.add_prefix("proposals")) if str(value).isdigit()]
        chosen = field.queryset.filter(pk__in=chosen_ids[:LISTED_PROJECTS]) if self.is_bound else []
        field.widget = forms.SelectMultiple(
            attrs={
                "data-search-url": search_url,
                "data-search-label": _("Search the projects by title, partner or city"),
                "data-add-label": _("Add"),
                "data-remove-label": _("Remove"),
                "data-none-label": _("No projects chosen yet."),
                "data-no-match-label": _("No project matches."),
                "data-chosen-label": _("Projects of interest"),
            }
        )
        field.widget.choices = [(p.pk, field.label_from_instance(p)) for p in chosen]
        field.help_text = _("Search for a project and add it; you may choose several.")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == RegistrationKind.STUDENT and not cleaned.get("study_level"):
            self.add_error("study_level", _("Choose your study level."))
        if cleaned.get("kind") == RegistrationKind.STAFF:
            cleaned["study_level"] = ""
        return cleaned

    def registration_arguments(self):
        """The cleaned data as the keyword arguments of ``services.register_interest``."""
        data = self.cleaned_data
        names = ["name", "email", "kind", "unit", "study_level", "countries", "preferred_period", "message"]
        return {
            **{name: data[name] for name in names},
            "partners": data.get("partners", ()),
            "proposals": data.get("proposals", ()),
            "language": data["language"],
            "consent": data["consent"],
        }

    @property
    def is_bot(self):
        """The honeypot was filled in: the view discards the submission without a word."""
        return bool(self.data.get(HONEYPOT, "").strip())


class FollowUpForm(forms.Form):
    """IR staff set the state of a registration and may add a note."""

    state = forms.ChoiceField(label=_("State"), choices=RegistrationState.choices)
    note = forms.CharField(
        label=_("Add a note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Notes are kept with your name and the date."),
    )
