"""Linking a large archive in parallel on Dask, exchanging Parquet shards.

``link_with_dask`` splits the files to (re)link into chunks and runs each chunk on a Dask worker:
local processes by default (``LocalCluster``), or an existing cluster by its scheduler address
(``tcp://HOST:8786``), unchanged. Each worker reads its files from the articles folder and makes
the rows the index's tables take with the very code the single process uses
(``geo.records.make_index_row``), so the rows are equal article for article, and sends its
chunk back as one shard of three Parquet tables (pyarrow), so the process writing SQLite only
binds values. A few more chunks than workers are in flight at a time and each shard is read as
it arrives, so memory stays bounded whatever the archive's size.

On a cluster the workers must run the same version of the atlas (checked: a worker whose linker
version differs refuses its chunk) and see the articles folder at the same path (a shared
mount), as Dask deployments usually do.
"""

from __future__ import annotations

import contextlib
import io
import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from geo.corpus import ArticleError, CatalogRow
from geo.records import (
    ARTICLE_COLUMNS,
    PLACE_COLUMNS,
    ZONE_LINK_COLUMNS,
    IndexRow,
    confidence_value,
    make_index_row,
)

CHUNK = 400  # files per task at most: large enough to amortise scheduling
CHUNKS_PER_WORKER = 4  # at least, where the files allow: a small job's last chunk no longer
# leaves one worker idle (1,000 files were 400 + 400 + 200 on two workers)
MIN_CHUNK = 25
Problem = tuple[str, int, int, str]  # (file, size, mtime_ns, message)


class BatchError(Exception):
    """The Dask run cannot go on; ``str(err)`` is one readable sentence."""


_TYPES = {"size": "int64", "mtime_ns": "int64", "date_confidence": "float64",
          "text_z": "binary", "links_z": "binary",
          "strength": "int64", "mentions": "int64", "lat": "float64", "lon": "float64",
          "start": "int64", "end": "int64", "k": "int64"}
# A shard is three Parquet tables: the articles (with the search text and, for a file that
# could not be read, its message), their zone links and their place mentions (``k``: the
# article's position in the shard).
_ARTICLES = (*ARTICLE_COLUMNS, "search_title", "search_body", "error")
_LINKS = ("k", *ZONE_LINK_COLUMNS)
_PLACES = ("k", *PLACE_COLUMNS)
_PARTS = (("articles", _ARTICLES), ("links", _LINKS), ("places", _PLACES))
_CONFIDENCE = ARTICLE_COLUMNS.index("date_confidence")


def _table(names: tuple[str, ...], columns: list[list[Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(n, getattr(pa, _TYPES.get(n, "string"))()) for n in names])
    buf = io.BytesIO()
    # The blobs are zlib already; compressing them again would cost the workers for nothing.
    pq.write_table(pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in
                                         zip(columns, schema, strict=True)], schema=schema),
                   buf, compression="none")
    return buf.getvalue()


def link_chunk(folder: str, names: list[str], catalog: dict[str, CatalogRow],
               version: str) -> tuple[bytes, bytes, bytes]:
    """Runs on a worker: link ``names`` of ``folder`` and return them as one shard (three
    Parquet tables, see ``_PARTS``) of rows ready for the index's tables."""
    from geo.index import linker_version
    from geo.linker import default_linker

    mine = linker_version()
    if mine != version:
        raise BatchError(f"this worker runs linker version {mine}, the client {version}: "
                         "install the same version of the atlas on every worker")
    linker = default_linker()
    articles: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    places: list[tuple[Any, ...]] = []
    empty = dict.fromkeys(ARTICLE_COLUMNS, "")
    for k, name in enumerate(names):
        path = Path(folder) / name
        try:
            row = make_index_row(path, catalog, linker, version)
        except ArticleError as exc:
            try:
                st = path.stat()
                size, mtime = st.st_size, st.st_mtime_ns
            except OSError:
                size, mtime = -1, -1
            values = {**empty, "file": name, "size": size, "mtime_ns": mtime,
                      "date_confidence": None, "text_z": b"", "links_z": b""}
            articles.append((*(values[c] for c in ARTICLE_COLUMNS), "", "", exc.message))
            continue
        articles.append((*row.article, row.search_title, row.search_body, None))
        links.extend((k, *z) for z in row.zone_links)
        places.extend((k, *pl) for pl in row.places)
    return tuple(_table(cols, [list(c) for c in zip(*rows, strict=True)] if rows
                        else [[] for _ in cols])
                 for (_, cols), rows in zip(_PARTS, (articles, links, places), strict=True))


def read_shard(parts: Sequence[bytes | Path]) -> Iterator[IndexRow | Problem]:
    """The rows of one shard (its three Parquet tables, as bytes or files), or the problems of
    files that could not be read. Read column by column: no dict per row."""
    import pyarrow.parquet as pq

    tables = [pq.read_table(io.BytesIO(p) if isinstance(p, bytes) else p) for p in parts]
    cols = [[t.column(n).to_pylist() for n in names]
            for t, (_, names) in zip(tables, _PARTS, strict=True)]
    by_article: list[dict[int, list[tuple[Any, ...]]]] = []
    for part in cols[1:]:
        grouped: dict[int, list[tuple[Any, ...]]] = {}
        for k, *rest in zip(*part, strict=True):
            grouped.setdefault(k, []).append(tuple(rest))
        by_article.append(grouped)
    width = len(ARTICLE_COLUMNS)
    for k, values in enumerate(zip(*cols[0], strict=True)):
        error = values[-1]
        if error is not None:
            yield (values[1], int(values[2]), int(values[3]), error)
            continue
        article = list(values[:width])
        article[_CONFIDENCE] = confidence_value(article[_CONFIDENCE])  # NaN from Parquet
        yield IndexRow(tuple(article), tuple(by_article[0].get(k, ())),
                       tuple(by_article[1].get(k, ())), values[width], values[width + 1])


def chunk_size(n_files: int, n_workers: int, largest: int = CHUNK) -> int:
    """Files per task: ``largest`` for a large job, smaller for a small one so that every
    worker gets several chunks (never below ``MIN_CHUNK``, nor above ``largest``)."""
    even = -(-n_files // (CHUNKS_PER_WORKER * max(1, n_workers)))
    return max(1, min(largest, max(MIN_CHUNK, even)))


def local_cluster(workers: int) -> Any:
    """The default cluster: ``workers`` local processes of one thread each, no dashboard."""
    import dask
    from distributed import LocalCluster

    # With no dashboard nobody sees the workers' statistical profiler, which sampled each
    # worker's stack every 10 ms for nothing (about 5 % of a 1,000-article build's CPU).
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            dashboard_address=None)


def link_with_dask(folder: Path, names: Sequence[str], catalog: dict[str, CatalogRow],
                   version: str, scheduler: str | None = None, workers: int = 2,
                   progress: Any = None, chunk: int = CHUNK) -> Iterator[Any]:
    """Records for ``names`` linked on Dask (see the module docstring), shard by shard as the
    tasks finish."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - dask is in requirements.txt
        raise BatchError(f"Dask is not installed ({exc}); run ./setup.sh") from None

    names = list(names)
    if not names:
        return
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout=20)
            except OSError as exc:
                raise BatchError(f"cannot reach the Dask scheduler at {scheduler} ({exc})"
                                 ) from None
        else:
            cluster = local_cluster(workers)
            client = Client(cluster)
        with client:
            n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
            size = chunk_size(len(names), n_workers, chunk)
            chunks = [names[k:k + size] for k in range(0, len(names), size)]
            in_flight = 2 * n_workers + 2

            def submit(k: int) -> Any:
                part = chunks[k]
                rows = {Path(n).stem: catalog[Path(n).stem] for n in part
                        if Path(n).stem in catalog}
                fut = client.submit(link_chunk, str(folder), part, rows, version,
                                    key=f"atlas-link-{k}-{version}-{part[0]}", pure=False)
                sizes[fut.key] = len(part)
                return fut

            sizes: dict[str, int] = {}
            queued = iter(range(len(chunks)))
            running = as_completed([submit(k) for k in itertools.islice(queued, in_flight)])
            done = 0
            for fut in running:
                shard = fut.result()
                n = sizes.pop(fut.key)
                fut.release()
                nxt = next(queued, None)
                if nxt is not None:
                    running.add(submit(nxt))
                yield from read_shard(shard)
                done += n
                if progress is not None:
                    progress(done, len(names))
    finally:
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()
