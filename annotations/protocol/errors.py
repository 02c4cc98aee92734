"""Error answers: JSON that says what is wrong (`detail`) and, field by field, why (`errors`).

Field names are paths in the annotation as sent (`target.selector.refinedBy.exact`,
`body`), or the request's parts (`If-Match`, `Content-Type`, a query parameter).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import JsonResponse

REALM = "Editorial Archive"
JSON_PARAMS = {"ensure_ascii": False}
# Where the services' fields stand in an annotation as the protocol carries it.
SERVICE_FIELDS = {
    "quote": "target.selector.refinedBy.exact",
    "paragraph": "target",
    "parent": "target",
    "claim_text": "body",
    "claimant": "body",
    "verdict": "body",
    "evidence": "body",
    "kind": "motivation",
}


def problem(status: int, detail: str, errors: dict[str, str] | None = None) -> JsonResponse:
    data = {"detail": detail}
    if errors:
        data["errors"] = errors
    return JsonResponse(data, status=status, json_dumps_params=JSON_PARAMS)


def not_found(detail: str) -> JsonResponse:
    return problem(404, detail)


def unauthorized() -> JsonResponse:
    response = problem(
        401, "Sign in to write: send “Authorization: Bearer <token>” with an API token."
    )
    response["WWW-Authenticate"] = f'Bearer realm="{REALM}"'
    return response


def forbidden(detail: str = "Your account may not do this.") -> JsonResponse:
    return problem(403, detail)


def invalid(
    errors: dict[str, str], detail: str = "The annotation cannot be saved."
) -> JsonResponse:
    return problem(400, detail, errors)


def service_errors(error: ValidationError) -> dict[str, str]:
    """A service's field errors, under the annotation's own field names where they differ
    (the service's name kept in the message when the field is shared)."""
    errors: dict[str, str] = {}
    for field, messages in error.message_dict.items():
        path = SERVICE_FIELDS.get(field, field if field != "__all__" else "annotation")
        message = " ".join(messages)
        errors[path] = f"{errors[path]} {message}" if path in errors else message
    return errors
