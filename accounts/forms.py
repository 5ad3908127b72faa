from allauth.account import forms as account_forms
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm as WagtailCreationForm
from wagtail.users.forms import UserEditForm as WagtailEditForm

from . import avatars
from .avatars import AvatarField
from .models import User, reserved_name_message
from .names import PAGE_NAMES, clean_display_name, is_reserved

PROFILE_FIELDS = [
    "display_name",
    "bio",
    "organisation",
    "city",
    "languages_spoken",
    "is_facilitator",
]


class SiteWording:
    """allauth's forms in the site's own words: sentence case, "E-mail", no
    placeholders standing in for labels, no colon after them."""

    labels = {}
    help_texts = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.help_texts:
                field.help_text = self.help_texts[name]


EMAIL = _("E-mail")
NEW_PASSWORD = _("New password")
NEW_PASSWORD_AGAIN = _("New password again")


class LoginForm(SiteWording, account_forms.LoginForm):
    labels = {"login": EMAIL, "password": _("Password"), "remember": _("Keep me signed in on this device")}
    help_texts = {"password": ""}  # the page links to the reset form instead

    def clean(self):
        # A wrong e-mail or password is the form's error, not a field's:
        # mark both fields invalid and point them at the error summary.
        try:
            return super().clean()
        except forms.ValidationError:
            for name in ("login", "password"):
                if name in self.fields:
                    self.fields[name].widget.attrs.update(
                        {"aria-invalid": "true", "aria-describedby": "form-errors"}
                    )
            raise


class SignupForm(SiteWording, account_forms.SignupForm):
    """E-mail, display name and password: the username is made from the
    display name (AccountAdapter.populate_username) and can be changed on
    the profile later."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("How other members see you, for example “Maya Lee”. You can change it later."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["email", "display_name", "password1"]
    labels = {"email": EMAIL, "password1": _("Password")}
    help_texts = {
        "email": _(
            "We send a link to this address to make sure it is yours. It is never shown to other members."
        )
    }

    def clean_display_name(self):
        # A new member has no role yet: the same rule as User.clean.
        name = clean_display_name(self.cleaned_data.get("display_name", ""))
        if not name:
            raise forms.ValidationError(_("Please enter the name other members will see."))
        if is_reserved(name):
            raise forms.ValidationError(reserved_name_message())
        return name


class ResetPasswordForm(SiteWording, account_forms.ResetPasswordForm):
    labels = {"email": EMAIL}
    help_texts = {"email": _("The address you signed up with.")}


class ResetPasswordKeyForm(SiteWording, account_forms.ResetPasswordKeyForm):
    labels = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD_AGAIN}


class ChangePasswordForm(SiteWording, account_forms.ChangePasswordForm):
    labels = {
        "oldpassword": _("Current password"),
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD_AGAIN,
    }
    help_texts = {"oldpassword": ""}


class SetPasswordForm(SiteWording, account_forms.SetPasswordForm):
    labels = {"password1": _("Password"), "password2": _("Password again")}


class AddEmailForm(SiteWording, account_forms.AddEmailForm):
    labels = {"email": _("New e-mail address")}
    help_texts = {"email": _("We send a link to it; it is added once you open that link.")}


class ReauthenticateForm(SiteWording, account_forms.ReauthenticateForm):
    labels = {"password": _("Password")}
    help_texts = {"password": ""}


class ProfileForm(forms.ModelForm):
    """What a member says about themselves. Their username (the address of
    their profile) can change; a name that looks like a role is kept for
    staff (User.clean for the display name, clean_username here)."""

    picture = AvatarField(required=False)  # made for each form: its limits are settings
    remove_picture = forms.BooleanField(label=_("Remove my picture and show my initials"), required=False)

    class Meta:
        model = User
        fields = ["display_name", "username", *PROFILE_FIELDS[1:]]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        labels = {
            "display_name": _("Display name"),
            "username": _("Username"),
            "bio": _("A few words about you"),
            "organisation": _("Library or organisation where you facilitate"),
            "city": _("City"),
            "languages_spoken": _("Languages you speak"),
        }
        help_texts = {
            "display_name": _("Shown beside your posts and on your profile."),
            "username": _(
                "The address of your profile and how others @mention you: letters, digits and @ . + - _ only."
            ),
            "bio": _("What you facilitate or would like to, and what you can help others with. Optional."),
            "organisation": _("Optional: for example, the library branch where your circle meets."),
            "city": _("Optional."),
            "languages_spoken": _("For example: English, Spanish."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        self.fields["username"].required = False  # left empty: unchanged
        self.fields["picture"] = AvatarField(
            label=_("Profile picture"),
            required=False,
            widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
        )
        self.order_fields(["display_name", "picture", "remove_picture", "username"])
        if not self.instance.avatar_id:
            del self.fields["remove_picture"]

    def clean_username(self):
        username = self.cleaned_data.get("username") or self.initial.get("username") or self.instance.username
        if username == self.initial.get("username"):
            return username
        if username.lower() in PAGE_NAMES:
            raise forms.ValidationError(_("This username is taken. Please choose another."))
        if is_reserved(username) and not self.instance.is_staff_member:
            raise forms.ValidationError(reserved_name_message())
        return username

    def save(self, commit=True):
        member = super().save(commit=commit)
        if self.cleaned_data.get("picture"):
            avatars.store(member, self.cleaned_data["picture"])
        elif self.cleaned_data.get("remove_picture"):
            avatars.remove(member)
        return member


class DeleteAccountForm(forms.Form):
    """The confirmation step before a member deletes their account."""

    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you."),
    )
    understood = forms.BooleanField(label=_("I understand that this cannot be undone"))

    def __init__(self, member, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        self.label_suffix = ""
        if not member.has_usable_password():
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class WagtailUserEditForm(WagtailEditForm):
    class Meta(WagtailEditForm.Meta):
        fields = WagtailEditForm.Meta.fields | set(PROFILE_FIELDS)


class WagtailUserCreationForm(WagtailCreationForm):
    class Meta(WagtailCreationForm.Meta):
        fields = WagtailCreationForm.Meta.fields | set(PROFILE_FIELDS)
