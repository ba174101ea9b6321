"""Connections to the server get TCP_NODELAY (app/server/patches/server_socket.py).

The check goes through asyncio itself: a server made the way Streamlit makes it (its own
``_bind_socket`` and ``loop.create_server(sock=...)``) accepts a connection, and the test reads
TCP_NODELAY on the accepted socket, which is what decides whether small messages wait.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import socket

import pytest
from streamlit.web.server.starlette import starlette_server

from app.server.patches import server_socket


def nodelay_of_accepted(listener: socket.socket) -> int:
    """TCP_NODELAY of the connection asyncio accepts on ``listener`` (as uvicorn serves it)."""
    async def run() -> int:
        accepted: asyncio.Future = asyncio.get_running_loop().create_future()

        class Record(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Record, sock=listener)
        host, port = listener.getsockname()[:2]
        _, writer = await asyncio.open_connection(host, port)
        try:
            return await asyncio.wait_for(accepted, 10)
        finally:
            writer.close()
            server.close()
            await server.wait_closed()

    # a thread of its own: another test in this worker may have left an event loop running here
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result(timeout=30)


def test_streamlits_own_listener_leaves_nagle_on():
    """The bug this module works around; when a Streamlit upgrade fixes it, this test says so."""
    listener = starlette_server._bind_socket("127.0.0.1", 0, 8)
    assert listener.proto == 0
    assert nodelay_of_accepted(listener) == 0


def test_wrapped_listener_gives_every_connection_tcp_nodelay():
    listener = server_socket.with_tcp_proto(starlette_server._bind_socket)("127.0.0.1", 0, 8)
    assert listener.proto == socket.IPPROTO_TCP
    assert not listener.getblocking()  # still the non-blocking socket Streamlit made
    assert nodelay_of_accepted(listener) != 0


def test_listener_keeps_its_descriptor_and_port():
    raw = starlette_server._bind_socket("127.0.0.1", 0, 8)
    fd, address = raw.fileno(), raw.getsockname()
    wrapped = server_socket.tcp_listener(raw)
    try:
        assert (wrapped.fileno(), wrapped.getsockname()) == (fd, address)
    finally:
        wrapped.close()


def test_a_non_tcp_socket_is_left_alone():
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        assert server_socket.tcp_listener(udp) is udp
    finally:
        udp.close()


def test_install_wraps_once(monkeypatch: pytest.MonkeyPatch):
    original = starlette_server._bind_socket
    monkeypatch.setattr(starlette_server, "_bind_socket", original)
    assert server_socket.install()
    assert starlette_server._bind_socket.__wrapped__ is original
    assert server_socket.install()
    assert starlette_server._bind_socket.__wrapped__ is original  # not wrapped twice
