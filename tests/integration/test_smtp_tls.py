"""SMTP over TLS and STARTTLS against a real aiosmtpd server with a self-signed certificate.

The console verifies the server's certificate with the system's trust store; the tests make
their certificate trusted by pointing ``SSL_CERT_FILE`` at it (OpenSSL's own switch), and check
that an untrusted one is refused with a clear error before anything is sent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from minisip_console.core.plumbing import mailer
from tests.support.keyrings import MemoryKeyring
from tests.support.smtp import SmtpServer, self_signed_certificate


@pytest.fixture
def cert(tmp_path: Path) -> tuple[Path, Path]:
    return self_signed_certificate(tmp_path)


def _settings(server: SmtpServer, security: str, *, user: str = "") -> mailer.SmtpSettings:
    return mailer.SmtpSettings(
        "localhost", server.port, security, user=user, from_address="privacy@example.com", profile="tls-test" if user else ""
    )


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_mail_goes_encrypted_with_a_login(
    security: str, cert: tuple[Path, Path], memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(cert[1]))
    with SmtpServer(security=security, cert=cert, login=("mailer", "s3cret")) as server:
        settings = _settings(server, security, user="mailer")
        mailer.store_password(settings, "s3cret")
        assert mailer.send_test(settings, "ops@example.com").startswith("250")
    [message] = server.messages
    assert message.encrypted and message.login == "mailer"
    assert message.recipients == ("ops@example.com",)


def test_starttls_required_by_the_server_is_refused_in_plain(cert: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(cert[1]))
    with SmtpServer(security="starttls", cert=cert) as server:
        with pytest.raises(mailer.ConsoleError, match="not sent"):
            mailer.send_test(_settings(server, "none"), "ops@example.com")
    assert server.messages == []


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_an_untrusted_certificate_is_refused_before_anything_is_sent(
    security: str, cert: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, other = self_signed_certificate(tmp_path / "other" if (tmp_path / "other").mkdir() is None else tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(other))  # trusts another certificate, not the server's
    with SmtpServer(security=security, cert=cert) as server:
        with pytest.raises(mailer.SmtpUnavailable, match="does not trust") as info:
            mailer.send_test(_settings(server, security), "ops@example.com")
    assert "trust store" in (info.value.hint or "")
    assert server.messages == []


def test_a_name_the_certificate_does_not_cover_is_refused(cert: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(cert[1]))
    with SmtpServer(security="tls", cert=cert) as server:
        settings = mailer.SmtpSettings("127.0.0.2", server.port, "tls", from_address="privacy@example.com")
        with pytest.raises(mailer.SmtpUnavailable):
            mailer.send_test(settings, "ops@example.com")
    assert server.messages == []
