def test_unknown_route_uses_the_error_shape(client):
    response = client.get("/no/such/route")
    assert response.status_code == 404
    assert response.json == {"error": {"code": "not_found", "message": response.json["error"]["message"],
                                       "details": {}}}


def test_wrong_method_uses_the_error_shape(client):
    response = client.delete("/healthz")
    assert response.status_code == 405
    assert response.json["error"]["code"] == "method_not_allowed"
