"""Recognise pages on a dask.distributed cluster instead of this machine's cores.

dask is an optional extra (``workbench[cluster]``), so it is imported only when a cluster is asked
for. The cluster's workers need Workbench and Tesseract installed; they only run
``engine.recognise`` and send results back, so the project file never leaves this machine.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, ParamSpec, TypeVar

from workbench.errors import OcrEngineError

CONNECT_TIMEOUT_SECONDS = 10.0

_P = ParamSpec("_P")
_T = TypeVar("_T")


class ClusterExecutor(Executor):
    """A dask.distributed client seen as an Executor; ``shutdown`` also closes the client.

    Use it like any executor, best as a context manager::

        with make_cluster_executor("tcp://scheduler:8786") as executor:
            run_batch(tasks, engine, executor, on_result, progress)
    """

    def __init__(self, client: Any) -> None:
        # Any: distributed.Client's methods carry no type hints.
        self._client = client
        # pure=False: every page is its own task; dask need not hash megabytes of image to name it.
        self._executor: Executor = client.get_executor(pure=False)

    @property
    def _max_workers(self) -> int:
        """Worker threads in the cluster now; the name matches the standard pools for run_batch."""
        return sum(self._client.nthreads().values())

    def submit(self, fn: Callable[_P, _T], /, *args: _P.args, **kwargs: _P.kwargs) -> Future[_T]:
        return self._executor.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop taking pages and disconnect from the cluster.

        Pages in flight are waited for, or cancelled when ``wait`` is false or ``cancel_futures`` true.
        """
        self._executor.shutdown(wait=wait and not cancel_futures)
        self._client.close()


def make_cluster_executor(address: str, *, timeout: float = CONNECT_TIMEOUT_SECONDS) -> ClusterExecutor:
    """Connect to the dask scheduler at ``address``, e.g. "tcp://10.0.0.5:8786".

    The caller owns the returned executor and must shut it down (or use it in a ``with`` block) to
    close the connection.

    Raises:
        OcrEngineError: dask.distributed is not installed, or the scheduler cannot be reached
            within ``timeout`` seconds.
    """
    try:
        from distributed import Client
    except ImportError as error:
        raise OcrEngineError(
            "Running OCR on a cluster needs dask.distributed; install it with: "
            "pip install 'workbench[cluster]'"
        ) from error
    try:
        # set_as_default=False: this client must not become the scheduler of every dask call in
        # the process.
        client = Client(address, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, ValueError) as error:
        raise OcrEngineError(f"Cannot reach the dask scheduler at '{address}': {error}") from error
    return ClusterExecutor(client)
