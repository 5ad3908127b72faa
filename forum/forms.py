from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.utils import edit_string_for_tags, parse_tags

from . import limits
from .models import Bookmark, Category, Flag, ForumProfile, TrustLevel
from .models.threads import tag_problem

TITLE_CODES = {"title_too_short", "title_too_long"}
TEXT_CODES = {"too_short", "too_long", "too_many_links"}
MAX_TAGS = 5

SOURCE_HELP = _(
    "Markdown works: **bold**, *italic*, [a link](https://example.org), > quote, - list, `code`. "
    "Mention a member with @username."
)


def source_field(label=None):
    return forms.CharField(
        label=label or _("Your message"),
        strip=False,
        help_text=SOURCE_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
        # The minimum and the links are checked by forum/limits.py (through
        # forum/actions.py) so the message can say why; the maximum is
        # checked here too, so that no over-long text is ever rendered, not
        # even for a preview.
        required=False,
        validators=[limits.check_length],
    )


class WriteForm(forms.Form):
    """A form for one of the write operations (forum/actions.py). It parses
    the fields; the operation decides, and refuse() puts each of its
    refusals next to the field it is about."""

    def refuse(self, error):
        if error is None:
            return
        for problem in error.error_list:
            code = getattr(problem, "code", None)
            if code in TITLE_CODES and "title" in self.fields:
                self.add_error("title", problem)
            elif code in TEXT_CODES:
                self.add_error("source", problem)
            else:
                self.add_error(None, problem)


class TagsField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Tags"),
            required=False,
            max_length=200,
            help_text=_("Up to five words, separated by commas, e.g. beginners, check-in."),
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        tags = [tag.strip().lower()[:50] for tag in parse_tags(value) if tag.strip()]
        if len(tags) > MAX_TAGS:
            raise ValidationError(_("Use at most five tags."))
        problems = [problem for problem in map(tag_problem, tags) if problem]
        if problems:
            raise ValidationError(problems)
        return tags

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value


class ThreadForm(WriteForm):
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all(), empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    source = source_field()
    tags = TagsField()
    is_question = forms.BooleanField(
        label=_("This is a question"),
        required=False,
        help_text=_("You (or a moderator) can then mark the reply that answered it."),
    )

    field_order = ["category", "title", "source", "tags", "is_question"]


class ReplyForm(WriteForm):
    source = source_field(_("Your reply"))
    # The post it answers ("in reply to #7"): set by the post's "Reply" link
    # (?reply_to=7) or by forum/static/forum/forum.js on the thread page.
    reply_to = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class EditPostForm(WriteForm):
    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    source = source_field()
    tags = TagsField()

    def __init__(self, *args, post, editor=None, **kwargs):
        self.post = post
        super().__init__(*args, **kwargs)
        if editor is not None and post.author_id != editor.pk:
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the author"),
                required=False,
                max_length=300,
                help_text=_("The author is told that a moderator edited their post, with this reason."),
            )
        if not post.is_opening:
            del self.fields["title"]
            del self.fields["tags"]
        else:
            self.fields["tags"].initial = edit_string_for_tags(post.thread.tags.all())


class ThreadDetailsForm(WriteForm):
    """A thread's title and tags, for trusted members and moderators."""

    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    tags = TagsField()


class BookmarkForm(forms.ModelForm):
    class Meta:
        model = Bookmark
        fields = ["remind_on"]
        widgets = {"remind_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_remind_on(self):
        day = self.cleaned_data["remind_on"]
        if day and day < timezone.localdate():
            raise ValidationError(_("Choose today or a day to come."))
        return day


class TrustLevelForm(forms.Form):
    EARNED = "earned"
    level = forms.ChoiceField(
        label=_("Trust level"),
        choices=[(EARNED, _("As earned by taking part"))]
        + [(str(value), label) for value, label in TrustLevel.choices],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note for the moderation log"), required=False, max_length=300)

    def chosen_level(self):
        value = self.cleaned_data["level"]
        return None if value == self.EARNED else TrustLevel(int(value))


class FlagForm(WriteForm):
    reason = forms.ChoiceField(
        label=_("What is wrong with this post?"), choices=Flag.Reason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Details for the moderators"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional, except for “something else”. Only moderators see this."),
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == Flag.Reason.OTHER and not data.get("details", "").strip():
            self.add_error("details", _("Please tell the moderators what is wrong."))
        return data


class MoveThreadForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Move to category"), queryset=Category.objects.all(), empty_label=None
    )
    note = forms.CharField(label=_("Note for the moderation log"), required=False, max_length=300)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note for the moderation log"), required=False, max_length=300)


class SilenceForm(forms.Form):
    DURATIONS = [
        ("1", _("1 day")),
        ("3", _("3 days")),
        ("7", _("1 week")),
        ("30", _("30 days")),
        ("365", _("1 year")),
    ]
    days = forms.ChoiceField(label=_("Pause posting for"), choices=DURATIONS, initial="3")
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Kept in the moderation log and shown to the member when they try to post."),
    )

    def until(self):
        return timezone.now() + timedelta(days=int(self.cleaned_data["days"]))


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = ForumProfile
        fields = ["email_notifications", "email_language"]
        widgets = {"email_notifications": forms.RadioSelect}
