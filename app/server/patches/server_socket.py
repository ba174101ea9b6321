"""Every browser connection to the server sends small messages at once (TCP_NODELAY).

Why: Streamlit 1.67 binds its listening socket itself, as ``socket.socket(family=...)``, whose
``proto`` is 0. asyncio turns Nagle's algorithm off on each accepted connection only when its
socket's ``proto`` is ``IPPROTO_TCP`` (``asyncio.base_events._set_nodelay``), and accepted
sockets copy the listener's ``proto``, so no connection got TCP_NODELAY. A run sends a burst of
small messages (one per element): the first left at once, the rest waited for the client's
acknowledgement, which Linux delays by up to 40 ms while a connection is in its quick
request-and-answer rhythm. A timestep that took the server 14 ms reached a client that pressed
"Next" again the moment the page updated after ~48 ms; with TCP_NODELAY, 13 ms. After a pause of
50 ms or more (a person's clicks, Play at 8 steps/s) the acknowledgement is no longer held and the
two are the same (``benchmarks/bench_step_latency.py``).

:func:`with_tcp_proto` wraps Streamlit's ``_bind_socket`` so the listener it returns says
``IPPROTO_TCP`` (the same file descriptor, nothing rebound) and has TCP_NODELAY set itself.
"""

from __future__ import annotations

import functools
import socket
from typing import Callable

BindSocket = Callable[[str, int, int], socket.socket]


def tcp_listener(sock: socket.socket) -> socket.socket:
    """The same listening TCP socket, as a socket object whose ``proto`` is ``IPPROTO_TCP``.

    Connections it accepts inherit that ``proto``, so asyncio sets TCP_NODELAY on each. The
    listener gets TCP_NODELAY too (Linux copies it to accepted connections). A socket that is
    not TCP over IPv4/IPv6, or already says so, is returned unchanged.
    """
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.type != socket.SOCK_STREAM:
        return sock
    if sock.proto != socket.IPPROTO_TCP:
        blocking = sock.getblocking()
        sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        sock.setblocking(blocking)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def with_tcp_proto(bind: BindSocket) -> BindSocket:
    """``bind``, whose returned listener goes through :func:`tcp_listener`."""
    @functools.wraps(bind)
    def bind_tcp(address: str, port: int, backlog: int) -> socket.socket:
        return tcp_listener(bind(address, port, backlog))
    bind_tcp.gives_tcp_nodelay = True  # type: ignore[attr-defined]
    return bind_tcp


def install() -> bool:
    """Wrap Streamlit's ``_bind_socket`` (before the server starts); False when it has none."""
    from streamlit.web.server.starlette import starlette_server

    bind = getattr(starlette_server, "_bind_socket", None)
    if bind is None:
        return False
    if getattr(bind, "gives_tcp_nodelay", False):
        return True
    starlette_server._bind_socket = with_tcp_proto(bind)  # noqa: SLF001  (no public hook for socket options)
    return True
