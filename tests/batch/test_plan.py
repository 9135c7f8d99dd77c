"""Cutting inputs into chunks (pure) and the manifest of done chunks."""
from __future__ import annotations

import pytest

from marsad.batch.plan import ITEMS_PER_CHUNK_FACTOR, Manifest, plan_chunks
from marsad.document import RawInput
from marsad.errors import EMPTY, InputError, UsageError


def raw(doc_id: str, text: str | None = None, origin: str | None = None) -> RawInput:
    return RawInput(doc_id=doc_id, origin=origin or f"in/{doc_id}.txt",
                    data=(text or f"report {doc_id}").encode())


def test_plan_chunks_cut_by_documents_in_input_order():
    chunks = list(plan_chunks([raw(str(i)) for i in range(7)], docs_per_chunk=3))
    assert [[r.doc_id for r in c.raws] for c in chunks] == [["0", "1", "2"], ["3", "4", "5"], ["6"]]
    assert [c.first_seq for c in chunks] == [0, 3, 6]
    assert len({c.key for c in chunks}) == 3


def test_plan_chunks_keys_do_not_change_between_runs():
    items = [raw(str(i)) for i in range(5)]
    assert [c.key for c in plan_chunks(items, 2)] == [c.key for c in plan_chunks(list(items), 2)]


def test_plan_chunks_skip_repeated_bytes_and_rename_taken_doc_ids():
    items = [raw("a", "same"), raw("b", "same"), raw("a", "other", origin="x/a.txt")]
    (chunk,) = plan_chunks(items, 10)
    assert [r.doc_id for r in chunk.raws] == ["a", "a~2"]
    assert chunk.repeats == 1
    assert chunk.notes and "'a~2'" in chunk.notes[0]


def test_plan_chunks_keep_read_errors_with_their_chunk():
    items = [raw("a"), InputError("in/empty.txt", EMPTY), raw("b")]
    (chunk,) = plan_chunks(items, 10)
    assert [e.origin for e in chunk.failures] == ["in/empty.txt"] and len(chunk.raws) == 2


def test_plan_chunks_bound_a_run_of_errors():
    errors = [InputError(f"bad/{i}", EMPTY) for i in range(ITEMS_PER_CHUNK_FACTOR * 2 + 1)]
    chunks = list(plan_chunks(errors, 2))
    assert [len(c.failures) for c in chunks] == [ITEMS_PER_CHUNK_FACTOR * 2, 1]
    assert all(c.raws == [] for c in chunks)


def test_manifest_remembers_done_chunks_and_ignores_a_torn_line(tmp_path):
    (chunk, *_) = plan_chunks([raw("a")], 1)
    Manifest(tmp_path, "ingest,nlp").mark(chunk, documents=1, failures=0)
    with open(tmp_path / "_manifest.jsonl", "a") as f:
        f.write('{"chunk": "cut-off')  # a crash while appending
    again = Manifest(tmp_path, "ingest,nlp")
    assert again.done == {chunk.key}
    (later, *_) = plan_chunks([raw("b")], 1)
    again.mark(later, documents=1, failures=0)
    assert Manifest(tmp_path, "ingest,nlp").done == {chunk.key, later.key}


def test_manifest_refuses_other_stages(tmp_path):
    Manifest(tmp_path, "ingest")
    with pytest.raises(UsageError, match="'ingest'"):
        Manifest(tmp_path, "ingest,nlp,geo")
