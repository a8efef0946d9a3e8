"""Network helpers for tests that start servers."""

import socket


def free_port() -> int:
    """A free loopback port, so that several test runs on one machine never collide on 8050."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
