"""How the Streamlit server runs: operator settings, turns, training slots and their fork server, the
launcher's start-up (:mod:`app.server.launch`) and the guarded patches of Streamlit and asyncio
(:mod:`app.server.patches`). Pages import :mod:`~app.server.turns` and :mod:`~app.server.training_slots`;
nothing here imports a page."""
