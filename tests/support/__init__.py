


def run_async(coro):
    """``asyncio.run(coro)`` on a thread of its own.

    Playwright's sync API (the browser suite's session-wide fixture) keeps an event loop
    running in the main thread, where ``asyncio.run`` refuses to start a second one.
    """
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()

