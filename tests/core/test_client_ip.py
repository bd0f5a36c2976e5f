"""The client address behind zero, one or two trusted proxies (core/http.py)."""

import pytest
from django.test import RequestFactory

from core.http import client_ip


def _request(remote="10.0.0.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(forwarded="1.2.3.4")) == "10.0.0.9"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        # a client-written address on the left is not trusted
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        # fewer hops than proxies, or garbage: fall back to the socket address
        (2, "203.0.113.7", "10.0.0.9"),
        (1, "not-an-ip", "10.0.0.9"),
        (1, "", "10.0.0.9"),
    ],
)
def test_behind_trusted_proxies_the_nth_address_from_the_right_is_the_client(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(forwarded=forwarded)) == expected


def test_no_request_no_address():
    assert client_ip(None) is None
