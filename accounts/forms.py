from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm as WagtailCreationForm
from wagtail.users.forms import UserEditForm as WagtailEditForm

from .models import User

PROFILE_FIELDS = [
    "display_name",
    "bio",
    "organisation",
    "city",
    "languages_spoken",
    "is_facilitator",
]


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("How other members see you. You can change it later."),
    )
    is_facilitator = forms.BooleanField(label=_("I facilitate learning circles"), required=False)

    def signup(self, request, user):
        user.display_name = self.cleaned_data.get("display_name", "")
        user.is_facilitator = self.cleaned_data.get("is_facilitator", False)
        user.save(update_fields=["display_name", "is_facilitator"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = PROFILE_FIELDS
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}


class WagtailUserEditForm(WagtailEditForm):
    class Meta(WagtailEditForm.Meta):
        fields = WagtailEditForm.Meta.fields | set(PROFILE_FIELDS)


class WagtailUserCreationForm(WagtailCreationForm):
    class Meta(WagtailCreationForm.Meta):
        fields = WagtailCreationForm.Meta.fields | set(PROFILE_FIELDS)
