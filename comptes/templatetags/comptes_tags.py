"""``{% load comptes_tags %}``: an invitation's validity as a DSFR badge, and the accounts'
permissions a page asks before showing a link (``{% if user|peut_inviter %}``)."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from comptes import permissions
from socle.templatetags.composants import badge

register = template.Library()


@register.filter
def peut_inviter(user):
    """The link to the invitations shows to whom the invitations page opens."""
    return bool(permissions.peut_inviter(user))


@register.filter
def peut_ouvrir_administration(user):
    return bool(permissions.peut_ouvrir_administration(user))


@register.simple_tag
def badge_invitation(invitation):
    """« Expirée le 25/11/2026 » (to send again) or « Valable jusqu'au 25/11/2026 »."""
    echeance = date_format(timezone.localtime(invitation.expire_le), "j/m/Y")
    if invitation.est_expiree():
        return badge(f"Expirée le {echeance}", "warning", "fr-badge--sm")
    return badge(f"Valable jusqu'au {echeance}", "info", "fr-badge--sm")
