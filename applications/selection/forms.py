"""The forms of applying, changing an application, and the selection's scores, notes and decisions."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from icm_portal.uploads import check_pdf
from icm_portal.validators import validate_single_line
from mobilities.slots.states import ApplicantsFrom, LanguageLevel
from projects.models import Institution

from ..models import NAME_MAX, StudyLevel
from ..models.slot_applications import MOTIVATION_MAX
from .submission import study_levels_of

PRIVACY_TEXT = _(
    "International Relations, the slot's coordinators and the host university use your application only to "
    "select the participants of this exchange and to arrange the stay. It is kept for the retention period "
    "of the university and then deleted; withdrawing it stops the selection, not the record of it."
)


def add_errors(form, exc):
    """A service's refusal on the form: each message on its field, or above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ApplicationForm(forms.Form):
    """What the applicant sends; fields the slot does not ask for are left out."""

    name = forms.CharField(label=_("Your name"), max_length=NAME_MAX, validators=[validate_single_line])
    study_level = forms.ChoiceField(label=_("Study level"), choices=StudyLevel.choices, widget=forms.RadioSelect)
    home_institution = forms.ModelChoiceField(
        label=_("Your university"), queryset=Institution.objects.none(), empty_label=_("Choose…")
    )
    language_level = forms.ChoiceField(
        label=_("Your level in the language of the stay"),
        choices=[("", _("Not given"))] + list(LanguageLevel.choices),
        required=False,
        help_text=_("Common European Framework of Reference (A1 to C2)."),
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        max_length=MOTIVATION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Why this stay, and what you will do there. At most 5,000 characters."),
    )
    cv = forms.FileField(label=_("CV (PDF)"), widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}))
    transcript = forms.FileField(
        label=_("Transcript of records (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that my application is processed for this selection."),
        help_text=PRIVACY_TEXT,
        error_messages={"required": _("Applying needs your consent to the processing of your data.")},
    )

    editing = False

    def __init__(self, *args, slot, **kwargs):
        super().__init__(*args, **kwargs)
        self.slot = slot
        levels = study_levels_of(slot)
        if levels:
            self.fields["study_level"].choices = [c for c in StudyLevel.choices if c[0] in levels]
        else:
            del self.fields["study_level"]
        if slot.applicants_from == ApplicantsFrom.PARTNER:
            self.fields["home_institution"].queryset = Institution.objects.filter(is_home=False).order_by("name")
        else:
            del self.fields["home_institution"]
        if not slot.language:
            del self.fields["language_level"]
        if not slot.requires_transcript:
            del self.fields["transcript"]
        if self.editing:
            del self.fields["name"], self.fields["consent"]
            self.fields["cv"].required = False
            self.fields["cv"].help_text = _("Leave empty to keep the CV you sent.")
            if "transcript" in self.fields:
                self.fields["transcript"].required = False
                self.fields["transcript"].help_text = _("Leave empty to keep the transcript you sent.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        about = [f for f in ("name", "study_level", "home_institution", "language_level") if f in self.fields]
        documents = [f for f in ("motivation", "cv", "transcript") if f in self.fields]
        parts = [Fieldset(_("About you"), *about), Fieldset(_("Your application"), *documents)]
        if not self.editing:
            parts.append(Fieldset(_("Privacy"), "consent"))
        label = _("Save my changes") if self.editing else _("Send my application")
        self.helper.layout = Layout(*parts, Submit("send", label))

    def _checked_pdf(self, name):
        document = self.cleaned_data.get(name)
        if document:
            check_pdf(document)  # size, a PDF by its content, no scripts: refused with the reason
        return document

    def clean_cv(self):
        return self._checked_pdf("cv")

    def clean_transcript(self):
        return self._checked_pdf("transcript")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name

    def arguments(self):
        data = self.cleaned_data
        arguments = {
            "study_level": data.get("study_level") or "",
            "language_level": data.get("language_level") or "",
            "home_institution": data.get("home_institution"),
            "motivation": data["motivation"],
            "cv": data.get("cv") or None,
            "transcript": data.get("transcript") or None,
        }
        if not self.editing:
            arguments |= {"name": data["name"], "consent": data["consent"]}
        return arguments


class EditApplicationForm(ApplicationForm):
    editing = True


class ReviewForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your score"),
        choices=[("", _("No score yet"))] + [(n, str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1 (weak) to 5 (excellent). Only the selection sees it."),
    )
    notes = forms.CharField(
        label=_("Your notes"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with the decision. Needed when you reject."),
    )
