"""`marsad parse` as a user runs it: JSON Lines on stdout, one-line errors on stderr."""
import json
import subprocess
import sys

from marsad.records import DocumentRecord

DOC_FIELDS = [f for f in DocumentRecord.__dataclass_fields__]


def run_marsad(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "marsad", *args], input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_parse_prints_one_contract_record_per_file(tmp_path):
    a = tmp_path / "reports" / "000_a.txt"
    a.parent.mkdir()
    a.write_text("Rebels leave Daraya\n\nBuses carrying 700 rebels left Daraya on Friday "
                 "under a deal with the government, state media said.\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Clashes in Hama\n\nFighting broke out near the town of Suran on Monday.\n")
    p = run_marsad("parse", str(a), str(b))
    assert p.returncode == 0, p.stderr
    recs = [json.loads(line) for line in p.stdout.splitlines()]
    assert [r["doc_id"] for r in recs] == ["000_a", "b"]
    for r in recs:
        assert list(r) == DOC_FIELDS
    assert "700 rebels" in recs[0]["body"]


def test_parse_bad_file_is_named_and_others_go_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Headline\n\nTroops advanced on the town of Jisr al-Shughur overnight.\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    p = run_marsad("parse", str(empty), str(tmp_path / "missing.txt"), str(good))
    assert p.returncode == 1
    assert [json.loads(line)["doc_id"] for line in p.stdout.splitlines()] == ["good"]
    assert "empty.txt" in p.stderr and "missing.txt" in p.stderr


def test_parse_reads_stdin_as_doc_stdin():
    p = run_marsad("parse", "-", "--published", "2018-02-10",
                   stdin="Title line\n\nAn agreement was reached on Thursday.\n")
    assert p.returncode == 0, p.stderr
    rec = json.loads(p.stdout)
    assert rec["doc_id"] == "stdin" and rec["published"] == "2018-02-10"


def test_parse_rejects_malformed_published_date(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("T\n\nSome text about a deal.\n")
    p = run_marsad("parse", str(f), "--published", "10/02/2018")
    assert p.returncode == 1 and "--published" in p.stderr
