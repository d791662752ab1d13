"""The API's exception handler, plus a clear 403 for a token that belongs to no user.

The client credentials grant gives a confidential client a token of its own: no user
approved it, so it may read what anyone may read (the menu), and nothing that belongs
to a user. The API's permissions refuse it with DRF's bare "You do not have permission
to perform this action."; this handler replaces that message with the reason.
"""

from rest_framework import exceptions

from api.exceptions import exception_handler as api_exception_handler

NO_USER = (
    "This token was issued to a client with no user (the client credentials grant): it "
    "can read public data only. Endpoints that belong to a user need a token that the "
    "user approved (the authorization code grant)."
)


def exception_handler(exc, context):
    response = api_exception_handler(exc, context)
    # Only a refusal by a permission: authentication is over by then, so reading
    # `request.auth` cannot run it again (an oversized body would fail it once more).
    if type(exc) is not exceptions.PermissionDenied or response is None:
        return response
    token = context["request"].auth
    if token is not None and getattr(token, "user_id", False) is None:
        response.data = {"detail": NO_USER}
    return response
