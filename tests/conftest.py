"""Shared fixtures: the whole suite runs with the network blocked."""

from __future__ import annotations

import socket
from typing import Any

import pytest


def _blocked(*args: Any, **kwargs: Any) -> Any:
    raise OSError("network access is blocked in tests (quotes never uses the network)")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every connection attempt and DNS lookup fail, so any network use shows up."""
    monkeypatch.setattr(socket.socket, "connect", _blocked)
    monkeypatch.setattr(socket.socket, "connect_ex", _blocked)
    monkeypatch.setattr(socket, "create_connection", _blocked)
    monkeypatch.setattr(socket, "getaddrinfo", _blocked)
