"""Writes about units and accounts: one function per operation, each atomic."""

from django.db import transaction


@transaction.atomic
def deactivate_user(user, *, by):
    """Lock the account of someone who left: they can no longer sign in, and any session they
    still have stops working at its next request. The account and everything it did are kept;
    an admin can tick "active" again to reopen it. Returns True if the account was open."""
    if not user.is_active:
        return False
    user.is_active = False
    user._history_user = by
    # save(), not queryset.update(): an audit trail listens to model saves.
    user.save(update_fields=["is_active"])
    return True
