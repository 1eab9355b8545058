"""Linking a large archive in parallel on Dask, exchanging Parquet shards.

``link_with_dask`` splits the files to (re)link into chunks and runs each chunk on a Dask worker:
local processes by default (``LocalCluster``), or an existing cluster by its scheduler address
(``tcp://HOST:8786``), unchanged. Each worker reads its files from the articles folder and links
them with the very code the single process uses (``geo.records.make_record``), so the records are
equal article for article; it sends its chunk back as one Parquet shard (pyarrow). The shards are
written beside the index and read back one at a time, so memory stays bounded whatever the
archive's size, and then loaded into the index by the caller.

On a cluster the workers must run the same version of the atlas (checked: a worker whose linker
version differs refuses its chunk) and see the articles folder at the same path (a shared
mount), as Dask deployments usually do.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from geo.corpus import ArticleError, CatalogRow
from geo.records import RECORD_FIELDS, ArticleRecord, make_record, stored_blobs

CHUNK = 400  # files per task: large enough to amortise scheduling, small enough to balance
Problem = tuple[str, int, int, str]  # (file, size, mtime_ns, message)


class BatchError(Exception):
    """The Dask run cannot go on; ``str(err)`` is one readable sentence."""


def _schema() -> Any:
    import pyarrow as pa

    types = {"size": pa.int64(), "mtime_ns": pa.int64(), "date_confidence": pa.float64()}
    return pa.schema([(f, types.get(f, pa.string())) for f in RECORD_FIELDS]
                     + [(b, pa.binary()) for b in _BLOBS] + [("error", pa.string())])


_BLOBS = ("text_z", "links_z", "search_z")


def link_chunk(folder: str, names: list[str], catalog: dict[str, CatalogRow],
               version: str) -> bytes:
    """Runs on a worker: link ``names`` of ``folder`` and return them as one Parquet shard."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from geo.index import linker_version
    from geo.linker import default_linker

    mine = linker_version()
    if mine != version:
        raise BatchError(f"this worker runs linker version {mine}, the client {version}: "
                         "install the same version of the atlas on every worker")
    linker = default_linker()
    columns: dict[str, list[Any]] = {f: [] for f in (*RECORD_FIELDS, *_BLOBS, "error")}
    for name in names:
        path = Path(folder) / name
        try:
            rec = make_record(path, catalog, linker, version)
            row = rec.to_dict()
            row.update(zip(_BLOBS, stored_blobs(rec), strict=True))
            row["error"] = None
        except ArticleError as exc:
            try:
                st = path.stat()
                size, mtime = st.st_size, st.st_mtime_ns
            except OSError:
                size, mtime = -1, -1
            row = {f: "" for f in RECORD_FIELDS}
            row.update(file=name, size=size, mtime_ns=mtime, date_confidence=None,
                       error=exc.message, **dict.fromkeys(_BLOBS, b""))
        for f in columns:
            columns[f].append(row[f])
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pydict(columns, schema=_schema()), buf, compression="zstd")
    return buf.getvalue()


def read_shard(path: Path) -> Iterator[tuple[ArticleRecord, tuple[bytes, bytes, bytes]]
                                       | Problem]:
    """The records of one Parquet shard, each with the compressed blobs the worker made, or
    the problems of files that could not be read."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    for row in table.to_pylist():
        error = row.pop("error")
        blobs = tuple(row.pop(b) for b in _BLOBS)
        if error is not None:
            yield (row["file"], int(row["size"]), int(row["mtime_ns"]), error)
        else:
            yield (ArticleRecord.from_dict(row), blobs)  # type: ignore[misc]


def link_with_dask(folder: Path, names: Sequence[str], catalog: dict[str, CatalogRow],
                   version: str, scheduler: str | None = None, workers: int = 2,
                   progress: Any = None, chunk: int = CHUNK,
                   shard_dir: Path | None = None) -> Iterator[Any]:
    """Records for ``names`` linked on Dask (see the module docstring), shard by shard as the
    tasks finish."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - dask is in requirements.txt
        raise BatchError(f"Dask is not installed ({exc}); run ./setup.sh") from None

    names = list(names)
    if not names:
        return
    work = Path(tempfile.mkdtemp(prefix="atlas-shards-", dir=shard_dir))
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout=20)
            except OSError as exc:
                raise BatchError(f"cannot reach the Dask scheduler at {scheduler} ({exc})"
                                 ) from None
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        with client:
            chunks = [names[k:k + chunk] for k in range(0, len(names), chunk)]
            futures = {}
            for k, part in enumerate(chunks):
                rows = {Path(n).stem: catalog[Path(n).stem] for n in part
                        if Path(n).stem in catalog}
                fut = client.submit(link_chunk, str(folder), part, rows, version,
                                    key=f"atlas-link-{k}-{version}-{part[0]}", pure=False)
                futures[fut] = (k, len(part))
            done = 0
            for fut in as_completed(futures):
                k, n = futures.pop(fut)
                shard = work / f"shard-{k:06d}.parquet"
                shard.write_bytes(fut.result())
                fut.release()
                yield from read_shard(shard)
                shard.unlink()
                done += n
                if progress is not None:
                    progress(done, len(names))
    finally:
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()
        shutil.rmtree(work, ignore_errors=True)
