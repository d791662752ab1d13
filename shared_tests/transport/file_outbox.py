"""Over HTTP, `mailoutbox` reads the emails the server wrote to files (a plugin that
http_mode.py registers when it knows the folder).

The server sends with Django's file backend into the folder (`SUITE_EMAIL_DIR`, see
server_settings.py); this outbox parses those files back into messages with the
attributes tests read from `django.core.mail.outbox`: `to`, `subject`, `body`.
"""

import email
import email.policy
import os
from collections.abc import Sequence
from email.utils import getaddresses
from pathlib import Path

import pytest

# What Django's file backend writes after each message.
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def unicode_address(address):
    """`idn@xn--exmple-cua.com` -> `idn@exämple.com`, the address the sender was given."""
    local, _, domain = address.rpartition("@")
    if "xn--" in domain:
        domain = domain.encode("ascii").decode("idna")
    return f"{local}@{domain}"


class FileMessage:
    """One email as the server's file backend wrote it."""

    def __init__(self, raw):
        message = email.message_from_bytes(raw, policy=email.policy.default)
        self.subject = str(message["Subject"] or "")
        self.from_email = str(message["From"] or "")
        self.to = [
            unicode_address(address) for _, address in getaddresses([str(message["To"] or "")])
        ]
        text = message.get_body(preferencelist=("plain",))
        self.body = text.get_content() if text else ""
        html = message.get_body(preferencelist=("html",))
        self.alternatives = [(html.get_content(), "text/html")] if html else []

    def __repr__(self):
        return f"<FileMessage to={self.to} subject={self.subject!r}>"


class FileOutbox(Sequence):
    """The messages in `folder`, oldest first, read again on every look."""

    def __init__(self, folder):
        self.folder = Path(folder)

    def _messages(self):
        files = sorted(self.folder.glob("*.log"), key=lambda path: path.stat().st_mtime_ns)
        return [
            FileMessage(raw)
            for path in files
            for raw in path.read_bytes().split(SEPARATOR)
            if raw.strip()
        ]

    def clear(self):
        for path in self.folder.glob("*.log"):
            path.unlink()

    def __getitem__(self, index):
        return self._messages()[index]

    def __len__(self):
        return len(self._messages())

    def __eq__(self, other):
        return list(self) == list(other)

    def __repr__(self):
        return repr(self._messages())


@pytest.fixture(autouse=True)
def _empty_server_outbox():
    """Every test starts with an empty outbox, before any fixture sends mail (as
    pytest-django empties `mail.outbox`)."""
    FileOutbox(os.environ["SUITE_EMAIL_DIR"]).clear()


@pytest.fixture
def mailoutbox():
    """The server's outbox: what it sent since the test started."""
    return FileOutbox(os.environ["SUITE_EMAIL_DIR"])
