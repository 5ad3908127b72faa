from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.utils import edit_string_for_tags, parse_tags

from . import limits
from .models import Category, Flag, ForumProfile

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
        # Length is checked by forum/limits.py so the message can say why.
        required=False,
    )


class LimitedForm(forms.Form):
    """A form whose clean() runs one of the limit checks in forum/limits.py
    and puts each refusal next to the field it is about."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def run_check(self, check, *args):
        try:
            check(*args)
        except ValidationError as error:
            code = getattr(error, "code", None)
            if code in TITLE_CODES and "title" in self.fields:
                self.add_error("title", error)
            elif code in TEXT_CODES:
                self.add_error("source", error)
            else:
                self.add_error(None, error)


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
        return tags

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value


class ThreadForm(LimitedForm):
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

    def clean(self):
        data = super().clean()
        # Title and text first, so both fields show their problem at once.
        self.run_check(limits.check_title, data.get("title", ""))
        self.run_check(limits.check_text, self.user, data.get("source", ""))
        if not self.errors:
            self.run_check(limits.check_new_thread, self.user, data.get("title", ""), data.get("source", ""))
        return data


class ReplyForm(LimitedForm):
    source = source_field(_("Your reply"))

    def __init__(self, *args, thread, **kwargs):
        self.thread = thread
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        self.run_check(limits.check_reply, self.user, self.thread, data.get("source", ""))
        return data


class EditPostForm(LimitedForm):
    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    source = source_field()
    tags = TagsField()

    def __init__(self, *args, post, **kwargs):
        self.post = post
        super().__init__(*args, **kwargs)
        if not post.is_opening:
            del self.fields["title"]
            del self.fields["tags"]
        else:
            self.fields["tags"].initial = edit_string_for_tags(post.thread.tags.all())

    def clean(self):
        data = super().clean()
        if "title" in self.fields:
            self.run_check(limits.check_title, data.get("title", ""))
        self.run_check(limits.check_edit, self.user, self.post, data.get("source", ""))
        return data


class FlagForm(LimitedForm):
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
        self.run_check(limits.check_flag, self.user)
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
