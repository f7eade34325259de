"""django-allauth's user-facing msgids, marked here so that they reach our catalogue.

django-allauth ships no Lao ("lo") translation, so the pages, form labels, errors
and flash messages of the parts we use (sign-in and sign-out, password change,
reauthentication, two-factor authentication with an authenticator app and
recovery codes, the session list) would show in English.  ``manage.py
makemessages -l lo`` only extracts msgids from our own code, so this module
repeats those msgids exactly as allauth spells them (same text, same msgctxt,
same plural forms).  They then land in locale/lo/LC_MESSAGES/django.po, and at
run time our Lao translation (catalogues in LOCALE_PATHS take precedence over
installed apps' ones) replaces allauth's English.

Every msgid must match allauth's character for character (curly and straight
quotes, double spaces, trailing periods and colons, ``%(name)s`` placeholders):
a msgid that differs by one character is never looked up.  Template
``{% blocktranslate %}`` variables appear here in their catalogue form,
``%(name)s``.  The source is each string's file in allauth, listed with its
location in allauth/locale/en/LC_MESSAGES/django.po.  The selection follows
the templates and modules named in the comments, whole, so a few strings for
features we keep switched off (security keys, phone numbers, passkeys, sign-in
codes) come along.  Msgids already in pokpong/core/django_strings.py
("Password", "This account is inactive.") are not repeated.

This module exists for extraction only.  Nothing imports it at run time; it just
has to be importable.  The lazy objects below cost nothing until evaluated.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

ALLAUTH_STRINGS = (
    # Sign in and sign out: templates/account/login.html, logout.html.
    gettext_noop("Sign In"),
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_noop("Sign in with a passkey"),
    gettext_noop("Send me a sign-in code"),
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    # Password change: templates/account/password_change.html.
    gettext_noop("Change Password"),
    # Reauthentication: templates/account/base_reauthenticate.html, reauthenticate.html.
    gettext_noop("Confirm"),
    gettext_noop("Confirm Access"),
    gettext_noop("Please reauthenticate to safeguard your account."),
    gettext_noop("Alternative options"),
    gettext_noop("Enter your password:"),
    # Closed doors: templates/account/account_inactive.html, signup_closed.html.
    gettext_noop("Account Inactive"),
    gettext_noop("Sign Up Closed"),
    gettext_noop("We are sorry, but the sign up is currently closed."),
    # Layout menu: templates/allauth/layouts/base.html (elements/*.html carry no text).
    gettext_noop("Change Email"),
    gettext_noop("Sign Up"),
    gettext_noop("Messages:"),
    gettext_noop("Menu:"),
    gettext_noop("Account Connections"),
    gettext_noop("Two-Factor Authentication"),
    gettext_noop("Sessions"),
    # Flash messages: templates/account/messages/*.txt.
    gettext_noop("Your primary email address must be verified."),
    gettext_noop(
        "Unable to confirm %(email)s because it is already confirmed by a different account."
    ),
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    gettext_noop("Confirmation email sent to %(email)s."),
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop("Removed email address %(email)s."),
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    gettext_noop("Password successfully changed."),
    gettext_noop("Password successfully set."),
    gettext_noop("A verification code has been sent to %(phone)s."),
    gettext_noop("You have verified phone number %(phone)s."),
    gettext_noop("Primary email address set."),
    # Forms: account/forms.py (Login-, ChangePassword-, ReauthenticateForm), fields.py.
    gettext_noop("Forgot your password?"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("Remember Me"),
    gettext_noop("Username"),
    pgettext_lazy("field label", "Login"),
    gettext_noop("Username, email or phone"),
    gettext_noop("Username or email"),
    gettext_noop("Username or phone"),
    gettext_noop("Email or phone"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    # Errors: allauth/account/adapter.py error_messages.
    gettext_noop("This account is currently inactive."),
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("The phone number and/or password you specified are not correct."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("Please type your current password."),
    gettext_noop("Incorrect code."),
    gettext_noop("Incorrect password."),
    gettext_noop("Invalid or expired key."),
    gettext_noop("Invalid login."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("A user is already registered with this phone number."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("The email address is not assigned to any user account."),
    gettext_noop("The phone number is not assigned to any user account."),
    gettext_noop("Username can not be used. Please use other username."),
    gettext_noop("The username and/or password you specified are not correct."),
    gettext_noop("Please select only one."),
    gettext_noop("The new value must be different from the current one."),
    gettext_noop("Be patient, you are sending too many requests."),
    # Reauthentication methods: allauth/account/adapter.py get_reauthentication_methods().
    gettext_noop("Use your password"),
    gettext_noop("Use authenticator app or code"),
    gettext_noop("Use a security key"),
    # MFA errors: allauth/mfa/adapter.py error_messages.
    gettext_noop(
        "You cannot add an email address to an account protected by two-factor authentication."
    ),
    gettext_noop("You cannot deactivate two-factor authentication."),
    gettext_noop(
        "You cannot generate recovery codes without having two-factor authentication enabled."
    ),
    gettext_noop(
        "You cannot activate two-factor authentication until you have verified your email address."
    ),
    # MFA types: allauth/mfa/models.py Authenticator.Type.
    gettext_noop("Recovery codes"),
    gettext_noop("TOTP Authenticator"),
    gettext_noop("WebAuthn"),
    # MFA forms: allauth/mfa/base/forms.py, totp/forms.py.
    gettext_noop("Code"),
    gettext_noop("Authenticator code"),
    # MFA sign-in and reauthentication: templates/mfa/authenticate.html, reauthenticate.html.
    gettext_noop("Cancel"),
    gettext_noop(
        "Your account is protected by two-factor authentication. Please enter an "
        "authenticator code:"
    ),
    gettext_noop("Enter an authenticator code:"),
    # MFA overview: templates/mfa/index.html (security-key lines need WebAuthn).
    gettext_noop("Authenticator App"),
    gettext_noop("Authentication using an authenticator app is active."),
    gettext_noop("An authenticator app is not active."),
    gettext_noop("Deactivate"),
    gettext_noop("Activate"),
    gettext_noop("Security Keys"),
    ngettext_lazy(
        "You have added %(count)s security key.",
        "You have added %(count)s security keys.",
        1,
    ),
    gettext_noop("No security keys have been added."),
    gettext_noop("Manage"),
    gettext_noop("Add"),
    gettext_noop("Recovery Codes"),
    ngettext_lazy(
        "There is %(unused_count)s out of %(total_count)s recovery codes available.",
        "There are %(unused_count)s out of %(total_count)s recovery codes available.",
        1,
    ),
    gettext_noop("No recovery codes set up."),
    gettext_noop("View"),
    gettext_noop("Download"),
    gettext_noop("Generate"),
    # Authenticator app: templates/mfa/totp/*.html.
    gettext_noop("Activate Authenticator App"),
    gettext_noop(
        "To protect your account with two-factor authentication, scan the QR code below with "
        "your authenticator app. Then, input the verification code generated by the app "
        "below."
    ),
    gettext_noop("Authenticator secret"),
    gettext_noop(
        "You can store this secret and use it to reinstall your authenticator app at a later time."
    ),
    gettext_noop("Deactivate Authenticator App"),
    gettext_noop(
        "You are about to deactivate authenticator app based authentication. Are you sure?"
    ),
    # Recovery codes: templates/mfa/recovery_codes/*.
    gettext_noop("You are about to generate a new set of recovery codes for your account."),
    gettext_noop("This action will invalidate your existing codes."),
    gettext_noop("Are you sure?"),
    gettext_noop("Unused codes"),
    gettext_noop("Download codes"),
    gettext_noop("Generate new codes"),
    gettext_noop("I have saved my recovery codes"),
    # MFA flash messages: templates/mfa/messages/*.txt.
    gettext_noop("Authenticator app activated."),
    gettext_noop("Authenticator app deactivated."),
    gettext_noop("A new set of recovery codes has been generated."),
    gettext_noop("Save them  in a secure location now — they won't be shown again."),
    gettext_noop("Security key added."),
    gettext_noop("Security key removed."),
    # Sessions: templates/usersessions/usersession_list.html, messages/*.txt.
    gettext_noop("Signed out of all other sessions."),
    gettext_noop("Started At"),
    gettext_noop("IP Address"),
    gettext_noop("Browser"),
    gettext_noop("Last seen at"),
    gettext_noop("Current"),
    gettext_noop("Sign Out Other Sessions"),
    # Sessions model: allauth/usersessions/models.py.
    gettext_noop("session key"),
)
