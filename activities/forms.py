"""Forms members use: submitting an activity and saving a meeting plan."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.ids import IdChoiceField

from .facets import (
    DEFAULT_LICENCE,
    GROUPING,
    LICENCES,
    LOW_TECH,
    MAX_GROUP_SIZE,
    MAX_MINUTES,
    MEETING,
    PHASE,
    SETTING,
)
from .models import ActivityPage, CirclePlan, SavedPlan
from .planner import BREAK, DEFAULT_MEETING, DEFAULT_MINUTES
from .tags import MAX_TAGS, normalise_tags

MAX_STEPS = 12
# Where each model rule's error is shown on this form.
RULE_FIELDS = {
    "phase_check_in": "phases",
    "grouping_solo": "groupings",
    "setting_in_person": "settings",
    "meeting_first": "meetings",
    "steps": None,
}


def _textarea(rows):
    return forms.Textarea(attrs={"rows": rows})


class ActivitySubmissionForm(forms.Form):
    title = forms.CharField(label=_("Name of the activity"), max_length=120)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=280,
        widget=_textarea(2),
        help_text=_("One or two sentences that tell a facilitator what happens."),
    )
    purpose = forms.CharField(
        label=_("What it makes possible"),
        max_length=1000,
        widget=_textarea(3),
        help_text=_("Why would a facilitator choose it? What changes in the group?"),
    )
    phases = forms.MultipleChoiceField(
        label=_("Meeting phases"),
        choices=PHASE.choices(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every part of a meeting it suits."),
        error_messages={"required": _("Choose at least one meeting phase.")},
    )
    duration_min = forms.IntegerField(label=_("Shortest run (minutes)"), min_value=1, max_value=MAX_MINUTES)
    duration_max = forms.IntegerField(label=_("Longest run (minutes)"), min_value=1, max_value=MAX_MINUTES)
    group_min = forms.IntegerField(
        label=_("Smallest group"), min_value=1, max_value=MAX_GROUP_SIZE, initial=2
    )
    group_max = forms.IntegerField(
        label=_("Largest group"),
        min_value=1,
        max_value=MAX_GROUP_SIZE,
        required=False,
        help_text=_("Leave empty if any size works."),
    )
    groupings = forms.MultipleChoiceField(
        label=_("How people work"),
        choices=GROUPING.choices(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one way of grouping people.")},
    )
    settings = forms.MultipleChoiceField(
        label=_("Where it works"),
        choices=SETTING.choices(),
        widget=forms.CheckboxSelectMultiple,
        initial=["in-person"],
        error_messages={"required": _("Choose at least one setting.")},
    )
    meetings = forms.MultipleChoiceField(
        label=_("Which meetings of a circle"),
        choices=MEETING.choices(),
        widget=forms.CheckboxSelectMultiple,
        initial=[option.value for option in MEETING.options],
        help_text=_("Untick the ones it does not suit: group norms belong to the first meeting."),
        error_messages={"required": _("Choose at least one meeting it suits.")},
    )
    lowtech = forms.MultipleChoiceField(
        label=_("Works without"),
        choices=LOW_TECH.choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    materials = forms.CharField(
        label=_("Materials and preparation"), max_length=2000, required=False, widget=_textarea(3)
    )
    tips = forms.CharField(label=_("Facilitation tips"), max_length=2000, required=False, widget=_textarea(3))
    variations = forms.CharField(label=_("Variations"), max_length=2000, required=False, widget=_textarea(3))
    tags = forms.CharField(
        label=_("Tags"),
        max_length=400,
        required=False,
        help_text=_("Separate with commas, for example: icebreaker, online, quiet groups. Up to %(max)d.")
        % {"max": MAX_TAGS},
    )
    credit = forms.CharField(
        label=_("Credit"),
        max_length=200,
        required=False,
        help_text=_("If you adapted it from someone else's work, who made it?"),
    )
    source_url = forms.URLField(label=_("Source link"), max_length=500, required=False, assume_scheme="https")
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=LICENCES,
        initial=DEFAULT_LICENCE,
        help_text=_("Activities in the library are shared so others can adapt them."),
    )
    derived_from = IdChoiceField(
        label=_("Based on an activity in the library"),
        queryset=ActivityPage.objects.none(),
        required=False,
        empty_label=_("No, it is new"),
    )

    def __init__(self, *args, library=None, exclude_page=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = (
            library.activities().order_by("title") if library is not None else ActivityPage.objects.none()
        )
        if exclude_page is not None:
            queryset = queryset.exclude(translation_key=exclude_page.translation_key)
        self.fields["derived_from"].queryset = queryset.only("id", "title")

    @classmethod
    def initial_from(cls, page):
        return {
            "title": page.title,
            "summary": page.summary,
            "purpose": page.purpose,
            "phases": PHASE.values_of(page),
            "duration_min": page.duration_min,
            "duration_max": page.duration_max,
            "group_min": page.group_min,
            "group_max": page.group_max,
            "groupings": GROUPING.values_of(page),
            "settings": SETTING.values_of(page),
            "meetings": MEETING.values_of(page),
            "lowtech": LOW_TECH.values_of(page),
            "materials": page.materials,
            "tips": page.tips,
            "variations": page.variations,
            "tags": ", ".join(tag.name for tag in page.tags.all()),
            "credit": page.credit,
            "source_url": page.source_url,
            "licence": page.licence,
            "derived_from": page.derived_from_id,
        }

    def clean_tags(self):
        return normalise_tags(self.cleaned_data.get("tags", ""))

    def apply_to(self, page, steps=()):
        """Copy the cleaned values onto `page` (not saved; tags excepted)."""
        data = self.cleaned_data
        for name in ("title", "summary", "purpose", "duration_min", "duration_max", "group_min", "group_max"):
            setattr(page, name, data.get(name))
        for name in ("materials", "tips", "variations", "credit", "source_url", "licence"):
            setattr(page, name, data.get(name) or "")
        for facet, name in (
            (PHASE, "phases"),
            (GROUPING, "groupings"),
            (SETTING, "settings"),
            (MEETING, "meetings"),
            (LOW_TECH, "lowtech"),
        ):
            chosen = set(data.get(name) or [])
            for option in facet.options:
                setattr(page, option.field, option.value in chosen)
        page.derived_from = data.get("derived_from")
        page.steps = [("step", {"text": step["text"], "minutes": step.get("minutes")}) for step in steps]
        return page

    def check_rules(self, page):
        """Run the model's rules on `page` and show each error on the field
        the member can fix."""
        for name, message in page.rule_errors().items():
            target = RULE_FIELDS.get(name, name)
            if target is not None and target not in self.fields:
                target = None
            if target is None or target not in self.errors:
                self.add_error(target, ValidationError(message))


class StepForm(forms.Form):
    text = forms.CharField(label=_("What happens"), max_length=600, required=False, widget=_textarea(2))
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=MAX_MINUTES, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("minutes") and not (cleaned.get("text") or "").strip():
            self.add_error("text", _("Describe this step, or clear its minutes."))
        return cleaned


class BaseStepFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.steps():
            raise ValidationError(_("Describe at least one step."))

    def steps(self):
        return [
            {"text": form.cleaned_data["text"].strip(), "minutes": form.cleaned_data.get("minutes")}
            for form in self.forms
            if getattr(form, "cleaned_data", None) and (form.cleaned_data.get("text") or "").strip()
        ]


StepFormSet = forms.formset_factory(
    StepForm, formset=BaseStepFormSet, extra=0, max_num=MAX_STEPS, absolute_max=MAX_STEPS, validate_max=True
)


def step_formset(data=None, steps=(), blank_rows=2):
    """The steps as a formset with a few empty rows to add more (no JavaScript needed)."""
    initial = [{"text": step.get("text", ""), "minutes": step.get("minutes")} for step in steps]
    if data is not None:
        return StepFormSet(data, prefix="steps")
    formset = StepFormSet(initial=initial, prefix="steps")
    formset.extra = max(0, min(MAX_STEPS - len(initial), max(blank_rows, 4 - len(initial))))
    return formset


class SavePlanForm(forms.ModelForm):
    class Meta:
        model = SavedPlan
        fields = ["name"]
        labels = {"name": _("Name this plan")}
        help_texts = {"name": _("For example: Week 3, public speaking circle.")}


class PlannerForm(forms.Form):
    """The meeting a plan is for, read from the planner's GET parameters.
    Bad values are shown back with a message, never replaced."""

    budget = forms.IntegerField(label=_("Length (minutes)"), min_value=10, max_value=480)
    people = forms.IntegerField(label=_("People"), min_value=1, max_value=MAX_GROUP_SIZE, required=False)
    setting = forms.ChoiceField(label=_("Setting"), required=False)
    meeting = forms.ChoiceField(label=_("Which meeting"), choices=MEETING.choices(), required=False)
    start = forms.TimeField(
        label=_("Starts at"),
        required=False,
        input_formats=["%H:%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        error_messages={"invalid": _("Enter a time like 18:30.")},
    )
    coursework = forms.IntegerField(
        label=_("Coursework (minutes)"),
        min_value=0,
        max_value=480,
        required=False,
        help_text=_("Time for the course itself: reading, videos, exercises."),
    )
    with_break = forms.BooleanField(label=_("A 5-minute break"), required=False)
    with_energizer = forms.BooleanField(label=_("An energizer"), required=False)

    # What the planner shows before anyone has changed anything: the
    # learning-circle meeting of the "Meeting structure" guide.
    DEFAULTS = {
        "budget": "90",
        "meeting": "middle",
        "coursework": "50",
        "with_break": "on",
    }

    def __init__(self, data=None, **kwargs):
        if data is None or "budget" not in data:
            defaults = QueryDict(mutable=True)
            defaults.update(self.DEFAULTS)
            data = defaults
        elif not data.get("meeting"):
            # Links of the earlier planner say no meeting: a week in between.
            data = data.copy()
            data["meeting"] = DEFAULT_MEETING
        super().__init__(data, **kwargs)
        self.fields["setting"].choices = [("", _("Any")), *SETTING.choices()]

    def meeting_values(self):
        """The cleaned values, with the defaults standing in for fields that
        are not valid (to show the plan while the form asks for a fix)."""
        valid = self.is_valid()
        if valid:
            return self.cleaned_data
        defaults = PlannerForm()
        defaults.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            **defaults.cleaned_data,
            **{name: value for name, value in cleaned.items() if name not in self.errors},
        }

    def clean(self):
        cleaned = super().clean()
        budget, coursework = cleaned.get("budget"), cleaned.get("coursework") or 0
        if budget is not None and coursework is not None:
            fixed = coursework + (DEFAULT_MINUTES[BREAK] if cleaned.get("with_break") else 0)
            if fixed > budget:
                self.add_error(
                    "coursework",
                    _(
                        "Coursework and the break take %(fixed)d minutes, more than the "
                        "%(budget)d-minute meeting. Enter less coursework or a longer meeting."
                    )
                    % {"fixed": fixed, "budget": budget},
                )
        # Links of the earlier planner say neither.
        cleaned["meeting"] = cleaned.get("meeting") or DEFAULT_MEETING
        cleaned["coursework"] = cleaned.get("coursework") or 0
        start = cleaned.get("start")
        cleaned["start"] = start.hour * 60 + start.minute if start else None
        return cleaned


class CirclePlanForm(PlannerForm):
    """A new circle plan: its name, how many meetings, and the meeting every
    week shares (each week's own kind, first, between or last, follows from
    its place). Posted; what was typed comes back with the messages."""

    name = forms.CharField(
        label=_("Name this circle"),
        max_length=80,
        help_text=_("For example: Public speaking, spring."),
    )
    weeks = forms.IntegerField(
        label=_("Meetings"),
        min_value=CirclePlan.MIN_WEEKS,
        max_value=CirclePlan.MAX_WEEKS,
        help_text=_("Most circles meet 6 to 8 times."),
    )
    meeting = None
    with_energizer = None

    field_order = ["name", "weeks", "budget", "people", "setting", "start", "coursework", "with_break"]

    INITIAL = {**PlannerForm.DEFAULTS, "weeks": CirclePlan.DEFAULT_WEEKS}

    def __init__(self, data=None, **kwargs):
        # Not PlannerForm's: an empty form here is unbound, with the defaults shown.
        forms.Form.__init__(self, data, initial=self.INITIAL, **kwargs)
        self.fields["setting"].choices = [("", _("Any")), *SETTING.choices()]
        self.fields["name"].strip = True
