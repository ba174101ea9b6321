"""A browserless Streamlit client: Streamlit 1.67's own websocket protocol, spoken from Python.

A browser tab talks to ``streamlit run`` over one websocket, ``/_stcore/stream``:

    browser -> server   ``BackMsg``: ``rerun_script`` (a ``ClientState``: query string, page
                        name or page hash, fragment id, and the widget states), ``file_urls_request``
    server -> browser   ``ForwardMsg``: ``new_session`` (session id), ``navigation`` (the pages and
                        their hashes), ``delta`` (one element or block at a ``delta_path``),
                        ``page_info_changed`` (the URL's query string), ``script_finished``

A :class:`StreamlitSession` does what the frontend does: it keeps the element tree from the
deltas, finds widgets by their user key (a widget id is ``$$ID-<hash>-<key>``), sends a
button press as a one-shot ``trigger_value`` (inside the button's fragment, like the browser),
sends the values it set on every rerun, uploads files through ``/_stcore/upload_file`` with
the XSRF cookie, and times a run from the ``rerun_script`` it sent to the ``script_finished``
that ends it.

    async with StreamlitSession(url, page="step_through") as s:
        first = await s.open()
        run = await s.click("step_next")
        run.seconds, run.exceptions, s.alerts("error"), s.plotly("step_fig_heatmaps")

Only for tests and benchmarks against a local server; nothing here is imported by the app.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import json
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

XSRF_COOKIE = "_streamlit_xsrf"
FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "ok",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile_error",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment_ok",
}
ALERT_KINDS = {Alert.ERROR: "error", Alert.WARNING: "warning", Alert.INFO: "info", Alert.SUCCESS: "success"}


class ClientError(RuntimeError):
    """The server closed the connection, a run did not finish in time, or a request failed."""


@dataclass
class Element:
    """One element of the page: its kind (``"button"``, ``"plotly_chart"``...), its proto and fragment."""

    path: tuple[int, ...]
    kind: str
    proto: Any
    fragment_id: str
    run: int

    @property
    def widget_id(self) -> str:
        return getattr(self.proto, "id", "") or ""

    @property
    def key(self) -> str | None:
        """The user key of a widget (``$$ID-<hash>-<key>``), else None."""
        parts = self.widget_id.split("-", 2)
        return parts[2] if len(parts) == 3 and parts[0] == "$$ID" and parts[2] != "None" else None


@dataclass
class Run:
    """One script run as the client saw it."""

    status: str                       # "ok", "fragment_ok", "compile_error"
    seconds: float                    # from sending rerun_script to its script_finished
    elements: list[Element] = field(default_factory=list)   # the elements this run sent

    @property
    def exceptions(self) -> list[str]:
        """Every exception box this run sent, as "Type: message"."""
        return [f"{e.proto.type}: {e.proto.message}" for e in self.elements if e.kind == "exception"]


class StreamlitSession:
    """One browser tab, without the browser. Use as ``async with``; call :meth:`open` first."""

    def __init__(self, base_url: str, page: str = "", query: str = "", timeout: float = 60.0):
        self.base_url = base_url.rstrip("/")
        self.page = page
        self.query_string = query
        self.timeout = timeout
        self.session_id = ""
        self.pages: dict[str, str] = {}          # url_pathname -> page_script_hash
        self.page_hash = ""
        self.elements: dict[tuple[int, ...], Element] = {}
        self.all_bytes_seen = 0
        self.auto_reruns: dict[str, float] = {}   # fragment id -> seconds (st.fragment(run_every=...))
        self.closed_reason: str | None = None
        self._values: dict[str, WidgetState] = {}   # widget id -> the state this client set
        self._ws: Any = None
        self._reader: asyncio.Task | None = None
        self._finished: asyncio.Queue[str] = asyncio.Queue()
        self._file_urls: dict[str, asyncio.Future] = {}
        self._run = 0
        self._run_elements: list[Element] = []
        self._xsrf = ""

    # --- connection -----------------------------------------------------------------------

    async def __aenter__(self) -> "StreamlitSession":
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(self) -> None:
        """Fetch the XSRF cookie like the page load does, then open the websocket."""
        self._xsrf = await asyncio.to_thread(self._fetch_xsrf)
        ws_url = "ws" + self.base_url[len("http"):] + "/_stcore/stream"
        headers = {"Cookie": f"{XSRF_COOKIE}={self._xsrf}"} if self._xsrf else {}
        protocols = ["streamlit", self._xsrf] if self._xsrf else ["streamlit"]
        self._ws = await websockets.connect(
            ws_url, subprotocols=protocols, origin=self.base_url, additional_headers=headers,
            max_size=None, open_timeout=self.timeout, ping_interval=None,
        )
        self._reader = asyncio.create_task(self._read_forever(), name="st-client-reader")

    def _fetch_xsrf(self) -> str:
        with urllib.request.urlopen(self.base_url + "/_stcore/health", timeout=self.timeout) as r:
            for header in r.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                if name.strip() == XSRF_COOKIE:
                    return rest.split(";", 1)[0]
        return ""

    async def close(self) -> None:
        """Close the websocket (the server then ends the session) and stop reading."""
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 5)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                self._reader.cancel()

    @property
    def connected(self) -> bool:
        return self.closed_reason is None and self._ws is not None

    async def _read_forever(self) -> None:
        try:
            async for data in self._ws:
                self.all_bytes_seen += len(data)
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self._handle(msg)
        except websockets.ConnectionClosed as exc:
            self.closed_reason = f"connection closed: {exc}"
        except Exception as exc:  # a malformed message is an error the test must see
            self.closed_reason = f"reader failed: {type(exc).__name__}: {exc}"
        finally:
            if self.closed_reason is None:
                self.closed_reason = "connection closed by the server"
            self._finished.put_nowait("closed")
            for fut in self._file_urls.values():
                if not fut.done():
                    fut.set_exception(ClientError(self.closed_reason))

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.session_id = msg.new_session.initialize.session_id or self.session_id
            self.page_hash = msg.new_session.page_script_hash
        elif kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            if msg.navigation.page_script_hash:
                self.page_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            proto = msg.delta.new_element
            element_kind = proto.WhichOneof("type")
            element = Element(tuple(msg.metadata.delta_path), element_kind, getattr(proto, element_kind),
                              msg.delta.fragment_id, self._run)
            self.elements[element.path] = element
            self._run_elements.append(element)
        elif kind == "auto_rerun":
            self.auto_reruns[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        elif kind == "stop_auto_rerun":
            for fragment_id in msg.stop_auto_rerun.fragment_ids:
                self.auto_reruns.pop(fragment_id, None)
        elif kind == "script_finished":
            self._finished.put_nowait(FINISHED.get(msg.script_finished, "early"))
        elif kind == "file_urls_response":
            fut = self._file_urls.get(msg.file_urls_response.response_id)
            if fut is not None and not fut.done():
                fut.set_result(msg.file_urls_response)

    # --- runs -------------------------------------------------------------------------------

    async def open(self) -> Run:
        """The first run, as a browser opening ``/<page>?<query>``."""
        return await self.rerun(page_name=self.page)

    async def rerun(self, triggers: list[str] | tuple[str, ...] = (), fragment_id: str = "",
                    page_name: str = "", page_hash: str = "", auto: bool = False) -> Run:
        """Send ``rerun_script`` with every value this client set (and one-shot triggers); wait for the end."""
        if not self.connected:
            raise ClientError(self.closed_reason or "not connected")
        while not self._finished.empty():
            self._finished.get_nowait()
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = page_hash or ("" if page_name else self.page_hash)
        state.page_name = page_name
        state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-US"
        state.context_info.url = f"{self.base_url}/{self.page}"
        widgets = state.widget_states.widgets
        for ws in self._values.values():
            widgets.add().CopyFrom(ws)
        for widget_id in triggers:
            widgets.add(id=widget_id, trigger_value=True)
        self._run += 1
        self._run_elements = []
        if not fragment_id:
            self.auto_reruns.clear()  # a full run registers its timed fragments again
        started = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        while True:
            try:
                status = await asyncio.wait_for(self._finished.get(), self.timeout)
            except asyncio.TimeoutError:
                raise ClientError(f"the script did not finish within {self.timeout:g} s") from None
            if status == "closed":
                raise ClientError(self.closed_reason or "connection closed")
            if status != "early":
                break
        seconds = time.perf_counter() - started
        self._drop_stale(fragment_id if status == "fragment_ok" else "")
        return Run(status, seconds, list(self._run_elements))

    def _drop_stale(self, fragment_id: str) -> None:
        """What the frontend does at the end of a run: elements the run did not send again go away."""
        self.elements = {
            path: e for path, e in self.elements.items()
            if e.run == self._run or (fragment_id and e.fragment_id != fragment_id)
        }

    async def tick(self) -> list[Run]:
        """What the browser's timers do: one auto-rerun of every ``st.fragment(run_every=...)`` now."""
        return [await self.rerun(fragment_id=f, auto=True) for f in list(self.auto_reruns)]

    # --- widgets ------------------------------------------------------------------------------

    def widget(self, key: str) -> Element:
        """The widget with user key ``key`` on the page now."""
        for element in self.elements.values():
            if element.key == key:
                return element
        raise KeyError(f"no widget with key {key!r} on the page; keys: {sorted(self.widget_keys())}")

    def widget_keys(self) -> list[str]:
        return [e.key for e in self.elements.values() if e.key]

    async def click(self, key: str) -> Run:
        """Press a button (inside its fragment when it has one, like the browser)."""
        button = self.widget(key)
        return await self.rerun(triggers=[button.widget_id], fragment_id=button.fragment_id)

    async def set_value(self, key: str, value: Any, rerun: bool = True) -> Run | None:
        """Set a widget's value (selectbox: the option's label; number/text/slider: the value)."""
        element = self.widget(key)
        state = WidgetState(id=element.widget_id)
        if element.kind in ("selectbox", "radio", "text_input", "text_area", "color_picker"):
            if element.kind in ("selectbox", "radio") and value not in list(element.proto.options):
                raise ValueError(f"{key!r} has no option {value!r}; options: {list(element.proto.options)}")
            state.string_value = str(value)
        elif element.kind == "number_input":
            state.double_value = float(value)
        elif element.kind == "checkbox":
            state.bool_value = bool(value)
        elif element.kind == "slider":
            values = value if isinstance(value, (list, tuple)) else [value]
            state.double_array_value.data.extend(float(v) for v in values)
        elif element.kind in ("multiselect", "button_group"):
            state.string_array_value.data.extend(str(v) for v in value)
        else:
            raise ValueError(f"setting a {element.kind} is not supported by this client")
        self._values[element.widget_id] = state
        if rerun:
            return await self.rerun(fragment_id=element.fragment_id)
        return None

    async def switch_page(self, url_pathname: str) -> Run:
        """Go to another page of ``st.navigation``, as a click in the sidebar does."""
        if url_pathname not in self.pages:
            raise KeyError(f"no page {url_pathname!r}; pages: {sorted(self.pages)}")
        self.page = url_pathname
        self.query_string = ""
        return await self.rerun(page_hash=self.pages[url_pathname])

    async def upload(self, key: str, name: str, data: bytes, mime: str = "text/csv") -> Run:
        """Upload one file into the ``st.file_uploader`` with user key ``key``, then rerun."""
        element = self.widget(key)
        request_id = uuid.uuid4().hex
        fut = asyncio.get_running_loop().create_future()
        self._file_urls[request_id] = fut
        msg = BackMsg()
        msg.file_urls_request.request_id = request_id
        msg.file_urls_request.session_id = self.session_id
        msg.file_urls_request.file_names.append(name)
        await self._ws.send(msg.SerializeToString())
        response = await asyncio.wait_for(fut, self.timeout)
        del self._file_urls[request_id]
        if response.error_msg:
            raise ClientError(f"file_urls_request refused: {response.error_msg}")
        urls = response.file_urls[0]
        status = await asyncio.to_thread(self._put_file, urls.upload_url, name, data, mime)
        if status >= 300:
            raise ClientError(f"upload of {name!r} answered HTTP {status}")
        state = WidgetState(id=element.widget_id)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.file_id, info.name, info.size = urls.file_id, name, len(data)
        info.file_urls.CopyFrom(urls)
        self._values[element.widget_id] = state
        return await self.rerun(fragment_id=element.fragment_id)

    def _put_file(self, upload_url: str, name: str, data: bytes, mime: str) -> int:
        """PUT the file as the browser does (multipart, XSRF header and cookie); the HTTP status.

        A server that refuses early (413 on Content-Length) closes while the body is still being
        sent: the status it wrote is read anyway.
        """
        boundary = uuid.uuid4().hex
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{quoted}"\r\n'
                f"Content-Type: {mime}\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        url = urllib.parse.urlsplit(upload_url if upload_url.startswith("http") else self.base_url + upload_url)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=self.timeout)
        try:
            conn.putrequest("PUT", url.path + (f"?{url.query}" if url.query else ""))
            for header, value in {
                "Content-Type": f"multipart/form-data; boundary={boundary}", "Content-Length": str(len(body)),
                "X-Xsrftoken": self._xsrf, "Cookie": f"{XSRF_COOKIE}={self._xsrf}", "Origin": self.base_url,
            }.items():
                conn.putheader(header, value)
            conn.endheaders()
            try:
                for start in range(0, len(body), 1 << 16):
                    conn.send(body[start:start + (1 << 16)])
            except (BrokenPipeError, ConnectionResetError):
                pass  # refused before the end of the body: the response says why
            return conn.getresponse().status
        finally:
            conn.close()

    # --- what the page shows ---------------------------------------------------------------------

    def of_kind(self, kind: str) -> list[Element]:
        """Elements of one kind on the page now, in page order."""
        return [e for path, e in sorted(self.elements.items()) if e.kind == kind]

    def alerts(self, kind: str = "error") -> list[str]:
        """Bodies of the ``st.error`` / ``st.warning`` / ``st.info`` / ``st.success`` boxes on the page now."""
        return [e.proto.body for e in self.of_kind("alert") if ALERT_KINDS.get(e.proto.format) == kind]

    def exceptions(self) -> list[str]:
        """Exception boxes on the page now, as "Type: message"."""
        return [f"{e.proto.type}: {e.proto.message}" for e in self.of_kind("exception")]

    def markdown(self) -> list[str]:
        """Markdown, headings and captions on the page now."""
        return [e.proto.body for e in self.elements.values() if e.kind in ("markdown", "heading", "text")]

    def plotly(self, key: str) -> dict:
        """The Plotly figure (JSON spec) of the ``st.plotly_chart`` with user key ``key``."""
        return json.loads(self.widget(key).proto.spec)

    def page_bytes(self) -> bytes:
        """Every element on the page now, serialised: for searching text anywhere in the page."""
        return b"".join(e.proto.SerializeToString() for e in self.elements.values())


def plotly_array(value: Any) -> np.ndarray:
    """A Plotly JSON array as NumPy: plain lists, or Plotly's typed ``{"dtype", "bdata", "shape"}``."""
    if isinstance(value, dict) and "bdata" in value:
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if shape:
            dims = [int(s) for s in str(shape).split(",")] if isinstance(shape, str) else list(shape)
            arr = arr.reshape(dims)
        return arr
    return np.asarray(value, dtype=float)


def query(**params: Any) -> str:
    """A query string from keyword arguments."""
    return urllib.parse.urlencode({k: str(v) for k, v in params.items()})
