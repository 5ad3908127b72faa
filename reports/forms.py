"""The field report form: a few seconds after a meeting.

Field names (stable: the planner's run sheet and the e2e journey post them):
met_on, minutes, people, setting, language, outcome, note.
"""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from activities.facets import MAX_GROUP_SIZE, MAX_MINUTES

from .models import MAX_NOTE, FieldReport, Outcome

DUPLICATE_MESSAGE = _(
    "You have already reported this activity for that day. Change that report instead, or pick another day."
)


class FieldReportForm(forms.ModelForm):
    class Meta:
        model = FieldReport
        fields = ["met_on", "minutes", "people", "setting", "language", "outcome", "note"]
        labels = {
            "met_on": _("Day of the meeting"),
            "minutes": _("How long it took (minutes)"),
            "people": _("People in the group"),
            "setting": _("Setting"),
            "language": _("Language"),
            "outcome": _("How it went"),
            "note": _("Note"),
        }
        help_texts = {
            "people": _("Everyone who took part, you included."),
        }
        widgets = {
            "met_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "minutes": forms.NumberInput(attrs={"min": 1, "max": MAX_MINUTES, "inputmode": "numeric"}),
            "people": forms.NumberInput(attrs={"min": 1, "max": MAX_GROUP_SIZE, "inputmode": "numeric"}),
            "outcome": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": MAX_NOTE}),
        }

    def __init__(self, *args, page=None, author=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page or self.instance.activity
        self.author = author
        self.fields["outcome"].choices = Outcome.choices
        for name, most, message in (
            ("minutes", MAX_MINUTES, _("Enter the minutes it took, from 1 to %(max)d.")),
            ("people", MAX_GROUP_SIZE, _("Enter how many people took part, from 1 to %(max)d.")),
        ):
            text = message % {"max": most}
            self.fields[name].error_messages.update(min_value=text, max_value=text)
        self.fields["note"].help_text = _(
            "What would you tell the next person running it? Up to %(max)d characters."
        ) % {"max": MAX_NOTE}
        if not self.instance.pk:
            language = translation.get_language() or settings.LANGUAGE_CODE
            self.initial.setdefault("language", language.split("-")[0])
            if page is not None and page.setting_values:
                self.initial.setdefault("setting", page.setting_values[0])
        self.instance.activity = self.page
        self.instance.activity_key = self.page.translation_key
        if author is not None:
            self.instance.author = author

    def clean(self):
        cleaned = super().clean()
        met_on = cleaned.get("met_on")
        if self.instance.author_id and met_on and self.instance.is_duplicate(met_on):
            self.add_error("met_on", DUPLICATE_MESSAGE)
        return cleaned
