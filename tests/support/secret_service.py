"""A private, throwaway Secret Service: its own D-Bus session bus and gnome-keyring daemon.

The keyring tests need a real Secret Service (STYLE.md 14: a real keyring backend), but no test
may write into the user's real keyring (STYLE.md 13). So the tests start their own bus and
keyring daemon, with the keyring files in a temporary directory and a known unlock password,
and hand its address to the code under test through ``DBUS_SESSION_BUS_ADDRESS``.

The bus has no service directories: nothing can be D-Bus-activated on it. That matters when a
test locks the keyring: the backend then asks gnome-keyring to unlock, gnome-keyring asks for
its graphical prompter, and activation fails at once instead of opening a window (on an X
display that CI might have) and waiting for a human.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SECRETS_NAME = "org.freedesktop.secrets"

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def missing_programs() -> list[str]:
    return [name for name in ("dbus-daemon", "gnome-keyring-daemon") if shutil.which(name) is None]


@dataclass
class SecretServiceSession:
    """A running bus and keyring daemon; ``env`` is what a child process needs to use them."""

    base: Path
    unlock_password: str = "keyring-unlock-pw"
    address: str = ""
    _processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def keyring_dir(self) -> Path:
        """Where gnome-keyring keeps its (encrypted) keyring files."""
        return self.base / "data" / "keyrings"

    @property
    def env(self) -> dict[str, str]:
        return {"DBUS_SESSION_BUS_ADDRESS": self.address}

    def start(self, timeout: float = 30) -> None:
        (self.base / "data").mkdir(parents=True)
        (self.base / "runtime").mkdir(mode=0o700)
        config = self.base / "bus.conf"
        config.write_text(_BUS_CONFIG.format(socket=self.base / "bus.socket"))
        bus = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # as root it warns that it cannot raise its fd limit
            stdin=subprocess.DEVNULL,
        )
        self._processes.append(bus)
        assert bus.stdout is not None
        # dbus-daemon prints its address once it listens: reading the line is the wait
        self.address = bus.stdout.readline().decode().strip()
        if not self.address:
            raise RuntimeError(f"dbus-daemon exited with {bus.wait(timeout)} before printing its address")

        from jeepney import DBusAddress, MatchRule, new_method_call
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import Proxy, open_dbus_connection

        with open_dbus_connection(bus=self.address) as conn:
            rule = MatchRule(
                type="signal",
                sender="org.freedesktop.DBus",
                interface="org.freedesktop.DBus",
                member="NameOwnerChanged",
                path="/org/freedesktop/DBus",
            )
            rule.add_arg_condition(0, SECRETS_NAME)
            Proxy(message_bus, conn).AddMatch(rule)
            with conn.filter(rule) as owner_changed:
                env = {
                    **os.environ,
                    "DBUS_SESSION_BUS_ADDRESS": self.address,
                    "XDG_DATA_HOME": str(self.base / "data"),
                    "XDG_RUNTIME_DIR": str(self.base / "runtime"),
                    "HOME": str(self.base),
                }
                env.pop("DISPLAY", None)
                env.pop("WAYLAND_DISPLAY", None)
                daemon = subprocess.Popen(
                    ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    env=env,
                )
                self._processes.append(daemon)
                assert daemon.stdin is not None
                daemon.stdin.write(self.unlock_password.encode())
                daemon.stdin.close()  # --unlock reads the password up to end of file
                # wait for the daemon to own the Secret Service name: a signal, not a sleep
                has_owner = new_method_call(
                    DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus"),
                    "NameHasOwner",
                    "s",
                    (SECRETS_NAME,),
                )
                if not conn.send_and_get_reply(has_owner, timeout=timeout).body[0]:
                    try:
                        conn.recv_until_filtered(owner_changed, timeout=timeout)
                    except TimeoutError:
                        raise RuntimeError(
                            f"gnome-keyring-daemon did not take {SECRETS_NAME} within {timeout} s (exit status {daemon.poll()})"
                        ) from None

    def stop(self) -> None:
        for process in reversed(self._processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(10)
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
        self._processes.clear()
        shutil.rmtree(self.base, ignore_errors=True)


def start_secret_service() -> SecretServiceSession:
    session = SecretServiceSession(Path(tempfile.mkdtemp(prefix="minisip-keyring-")))
    try:
        session.start()
    except BaseException:
        session.stop()
        raise
    return session
