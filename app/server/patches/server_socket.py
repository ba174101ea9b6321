"""Every browser connection to the server sends small messages at once (TCP_NODELAY).

Why: Streamlit binds its listening socket with ``proto`` 0, and asyncio sets TCP_NODELAY on an accepted
connection only when its ``proto`` says TCP (``base_events._set_nodelay``), so Nagle's algorithm stayed on:
a step's burst of small messages waited for the client's delayed acknowledgement, up to 40 ms, for a
student pressing "Next" the moment the page updated. :func:`with_tcp_proto` wraps Streamlit's
``_bind_socket`` so the listener says ``IPPROTO_TCP`` (the same descriptor) and has TCP_NODELAY itself.
"""

from __future__ import annotations

import functools
import socket
from typing import Callable

from app.server.patches import contract

CONTRACT = contract.Contract("tcp_nodelay", {
    "streamlit.web.server.starlette.starlette_server:_bind_socket": "967ade69343aec53",
    "streamlit.web.server.starlette.starlette_server:_bind_server_socket": "eb2872b3c61baaa4",
    "asyncio.base_events:_set_nodelay": "229d26e13919f6cb",
}, selector_loop=True)

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
    """Wrap Streamlit's ``_bind_socket`` (before the server starts) when :data:`CONTRACT` holds; False when
    it does not (one line on stderr says why)."""
    from streamlit.web.server.starlette import starlette_server

    def apply() -> None:
        bind = with_tcp_proto(starlette_server._bind_socket)  # noqa: SLF001  (no public hook for socket options)
        starlette_server._bind_socket = contract.counted("tcp_nodelay: bind socket", bind)  # noqa: SLF001

    return contract.install(CONTRACT, apply, installed)


def installed() -> bool:
    from streamlit.web.server.starlette import starlette_server

    return getattr(starlette_server._bind_socket, "gives_tcp_nodelay", False)  # noqa: SLF001
