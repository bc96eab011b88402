import pytest

from georouter import errors


@pytest.mark.parametrize("cls, builtin, status", [
    (errors.InvalidInput, ValueError, 422),
    (errors.MalformedRequest, ValueError, 400),
    (errors.NotFound, LookupError, 404),
    (errors.Conflict, RuntimeError, 409),
    (errors.GeocoderTimedOut, TimeoutError, 504),
    (errors.GeocoderQuotaExceeded, RuntimeError, 502),   # inherits GeocoderError's status
    (errors.Unauthorized, PermissionError, 401),
])
def test_errors_inherit_builtins_and_map_to_status(cls, builtin, status):
    err = cls("x")
    assert isinstance(err, errors.GeorouterError)
    assert isinstance(err, builtin)
    assert errors.http_status_for(err) == status


def test_unmapped_error_is_500():
    assert errors.http_status_for(errors.GeorouterError("x")) == 500
