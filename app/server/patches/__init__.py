"""Patches of Streamlit's and asyncio's internals, each installed only over the code it was written for."""
