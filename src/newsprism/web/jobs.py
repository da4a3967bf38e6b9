"""Uploads and ingest jobs: type-checked files in a server-made temp dir, one background writer.

No name or path from a request reaches the filesystem: the server creates the upload directory
(`tempfile.mkdtemp`) and names each file itself (`001.html`, ...); the client's file name is only
shown back to the user. Jobs run one at a time on a single worker thread that holds the store's
write lock, so an upload never competes with another writer of this server.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsprism.run.run import Run

if TYPE_CHECKING:
    from newsprism.web.service import Service

log = logging.getLogger("newsprism.web")

# 20 MB per request: a few hundred articles as text or HTML, or a small WARC/JSONL batch. Larger
# collections belong to `newsprism analyze` on the command line, not to a browser upload.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_FILES = 50
# The extensions accepted, each with the kind the content must sniff as.
EXTENSIONS = {
    "txt": "text",
    "text": "text",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
    "jsonl": "jsonl",
    "ndjson": "jsonl",
    "xml": "xml",
    "rss": "xml",
    "atom": "xml",
    "warc": "warc",
    "gz": "gzip",
}
COMPOUND = ("warc.gz", "jsonl.gz", "txt.gz", "html.gz", "xml.gz")
SNIFF_BYTES = 4096
KEEP_JOBS = 100


class UploadError(Exception):
    """An upload the server refuses; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 415, code: str = "unsupported_media_type") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


def extension_of(filename: str) -> str | None:
    """The accepted extension of a client file name (lower case, compound `.warc.gz` kept), or None."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].lower().strip()
    for compound in COMPOUND:
        if name.endswith("." + compound):
            return compound
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    return ext if ext in EXTENSIONS else None


def sniff(head: bytes) -> str:
    """What the first bytes look like: gzip, warc, html, xml, jsonl, text or binary."""
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return "binary"
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n").lower()
    if text.startswith("<?xml") or text.startswith(("<rss", "<feed", "<rdf")):
        return "xml"
    if text.startswith(
        ("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p", "<meta", "<!--")
    ):
        return "html"
    if text.startswith("{"):
        return "jsonl"
    return "text"


def check_upload(filename: str, head: bytes) -> str:
    """The extension to store the file with; raises `UploadError` when name or content does not fit."""
    ext = extension_of(filename)
    if ext is None:
        raise UploadError(
            "unsupported file type: upload .txt, .html, .jsonl, .xml (feeds), .warc or .gz files"
        )
    expected = "gzip" if ext.endswith("gz") else EXTENSIONS[ext]
    found = sniff(head)
    if found == "binary":
        raise UploadError("the file is binary, not text, HTML, JSONL, XML or WARC")
    ok = {
        "gzip": found == "gzip",
        "warc": found == "warc",
        "text": found in ("text", "jsonl", "html", "xml"),  # a plain dump may start with anything
        "html": found in ("html", "xml", "text"),
        "jsonl": found == "jsonl",
        "xml": found in ("xml", "html"),
    }[expected]
    if not ok:
        raise UploadError(f"the content does not look like .{ext}: it reads as {found}")
    return ext


@dataclass
class Job:
    id: str
    created: float
    files: list[dict[str, Any]]
    status: str = "queued"  # queued | running | done | failed
    stage: str = ""
    progress: dict[str, int] = field(default_factory=dict)
    message: str = ""
    articles: int = 0
    new_articles: int = 0
    stories: list[dict[str, Any]] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    finished: float | None = None

    def data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "stage": self.stage,
            "progress": dict(self.progress),
            "message": self.message,
            "files": self.files,
            "articles": self.articles,
            "new_articles": self.new_articles,
            "stories": self.stories,
            "article_ids": self.article_ids,
            "rejected": self.rejected,
            "created": self.created,
            "finished": self.finished,
        }


class Jobs:
    """Ingest jobs of one server, run one at a time by a single worker thread."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.root = Path(tempfile.mkdtemp(prefix="newsprism-uploads-"))
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsprism-ingest")

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def get(self, job_id: str) -> Job | None:
        with self.lock:
            return self.jobs.get(job_id)

    def submit(self, files: list[tuple[str, bytes]], text: str | None) -> Job:
        """Check and save the uploads (server-chosen names), then queue the job."""
        if not files and not (text and text.strip()):
            raise UploadError("nothing to ingest: choose a file or paste a text", 422, "validation_error")
        if len(files) > MAX_FILES:
            raise UploadError(f"at most {MAX_FILES} files per upload", 422, "validation_error")
        checked = [(name, data, check_upload(name, data[:SNIFF_BYTES])) for name, data in files if data]
        if files and not checked and not (text and text.strip()):
            raise UploadError("the uploaded files are empty", 422, "validation_error")
        job = Job(id=uuid.uuid4().hex[:16], created=time.time(), files=[])
        folder = self.root / job.id
        folder.mkdir()
        paths: list[Path] = []
        for n, (name, data, ext) in enumerate(checked, 1):
            path = folder / f"{n:03d}.{ext}"
            path.write_bytes(data)
            paths.append(path)
            job.files.append({"name": name[-200:], "size": len(data), "stored_as": path.name})
        if text and text.strip():
            path = folder / f"{len(paths) + 1:03d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
            job.files.append({"name": "(pasted text)", "size": len(text.encode()), "stored_as": path.name})
        with self.lock:
            self.jobs[job.id] = job
            for old in sorted(self.jobs.values(), key=lambda j: j.created)[:-KEEP_JOBS]:
                del self.jobs[old.id]
        self.executor.submit(self.run, job, paths)
        return job

    def run(self, job: Job, paths: list[Path]) -> None:
        job.status = "running"
        # The user's file names stand for the server's temp paths in stored sources and messages.
        labels = {str(p): f["name"] for p, f in zip(paths, job.files, strict=True)}
        hide = Hider(labels, self.root / job.id)

        def progress(stage: str, n: int) -> None:
            job.stage = stage
            job.progress[stage] = job.progress.get(stage, 0) + n

        service = self.service
        try:
            with service.write_lock:
                # Loaded on the first upload: the server starts and serves pages without spaCy.
                from newsprism.pipeline import analyze_ingested  # noqa: PLC0415

                ingested, analysis = analyze_ingested([str(p) for p in paths], Run(service.writer, progress=progress),
                                                      command="web-upload", labels=labels)
                job.articles = len(analysis.articles)
                job.new_articles = len(set(ingested.new_ids))
                job.article_ids = list(dict.fromkeys(ingested.article_ids))[:100]
                job.stories = [
                    {"id": s.story.id, "title": s.story.title, "articles": len(s.story.article_ids)}
                    for s in analysis.stories
                ]
                job.rejected = [rejected_data(r, hide) for r in analysis.rejected]
            job.status = "done"
        except Exception as exc:  # noqa: BLE001 - the job reports any failure instead of dying silently
            log.exception("ingest job %s failed", job.id)
            job.status = "failed"
            job.message = hide(f"{type(exc).__name__}: {exc}")
        finally:
            job.finished = time.time()
            service.invalidate()
            shutil.rmtree(self.root / job.id, ignore_errors=True)


class Hider:
    """Replaces the server's temp paths of a job in a text by the user's file names (the job folder
    itself, named in messages about it, by `(upload)`)."""

    def __init__(self, labels: dict[str, str], folder: Path) -> None:
        # Longest first: a file's path starts with its folder's.
        self.pairs = sorted([*labels.items(), (str(folder), "(upload)"), (str(folder.parent), "(uploads)")],
                            key=lambda pair: -len(pair[0]))

    def __call__(self, text: str) -> str:
        for path, name in self.pairs:
            text = text.replace(path, name)
        return text


def rejected_data(item: Any, hide: Hider) -> dict[str, Any]:
    """A rejected input as the job lists it, without server paths (a summary keeps its `count`)."""
    data = {"source": hide(str(item.source)), "reason": hide(item.reason), "code": item.code}
    if getattr(item, "count", None) is not None:
        data["count"] = item.count
    return data
