"""How routes get the store: read-only connections from a small pool, one per request,
and whole-store aggregates cached until the store changes."""
from __future__ import annotations

import queue
import threading
from contextlib import contextmanager
from typing import Annotated, Callable, Iterator

from fastapi import Depends, Request

from marsad.config import Config
from marsad.store.queries import data_version, open_readonly
from marsad.store.sql import SQLStore


class StorePool:
    """Up to `size` idle read-only connections to one store (a SQLite path or a
    PostgreSQL URL), reused across requests; more are opened under load and closed
    when returned to a full pool."""

    def __init__(self, db: str, cfg: Config, size: int = 8):
        self.db, self.cfg, self.size = db, cfg, size
        self._idle: queue.LifoQueue[SQLStore] = queue.LifoQueue()
        self._cache: dict[str, tuple[tuple, object]] = {}
        self._lock = threading.Lock()

    @contextmanager
    def store(self) -> Iterator[SQLStore]:
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = open_readonly(self.db, self.cfg)
        try:
            yield store
        finally:
            if self._idle.qsize() < self.size:
                self._idle.put(store)
            else:
                store.close()

    def cached(self, store: SQLStore, name: str, compute: Callable):
        """`compute(store)`, remembered until the store's data version changes."""
        version = data_version(store)
        with self._lock:
            hit = self._cache.get(name)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = compute(store)
        with self._lock:
            self._cache[name] = (version, value)
        return value

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def get_pool(request: Request) -> StorePool:
    return request.app.state.pool


def get_store(request: Request) -> Iterator[SQLStore]:
    with request.app.state.pool.store() as store:
        yield store


PoolDep = Annotated[StorePool, Depends(get_pool)]
StoreDep = Annotated[SQLStore, Depends(get_store)]
