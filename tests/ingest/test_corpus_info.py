"""lib.ingest.corpus_info: corpus.yaml read strictly (issue 16, item 1), and never taken for a document."""

from __future__ import annotations

from pathlib import Path

from lib.ingest.corpus import corpus_version, load_corpus
from lib.ingest.corpus_info import CorpusInfo, organisation_order, read_corpus_info

ROOT = Path(__file__).resolve().parents[2]
METADATA = ("id,file,title,organisation,org_short,publication,author,date,url,language,source_note\n"
            "b-1,b.txt,B,Bravo Party,BP,,,2024-01-01,,en,\n"
            "a-1,a.txt,A,Alpha League,AL,,,2023-01-01,,en,\n"
            "b-2,c.txt,C,Bravo Party,BP,,,2025-01-01,,en,\n")


def write(folder: Path, text: str | bytes) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "corpus.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return folder


class TestReadCorpusInfo:
    def test_no_file_is_no_section_and_no_message(self, tmp_path):
        assert read_corpus_info(tmp_path) is None

    def test_the_shipped_description(self):
        info = read_corpus_info(ROOT / "corpus")
        assert info is not None and not info.problems
        assert info.title and info.subject and info.description and info.curator and info.licence

    def test_every_field(self, tmp_path):
        info = read_corpus_info(write(tmp_path, "title: War talk\nsubject: the war\ndescription: |\n  One.\n\n  Two.\n"
                                               "curator: A. Person\nlicense: CC BY 4.0\n"))
        assert info == CorpusInfo("War talk", "the war", "One.\n\nTwo.", "A. Person", "CC BY 4.0")

    def test_unknown_field_named_with_its_line_and_a_suggestion(self, tmp_path):
        info = read_corpus_info(write(tmp_path, "title: T\ntitel: x\nfoo: y\n"))
        assert info.title == "T"
        assert any("line 2" in p and "'titel'" in p and "Did you mean 'title'" in p for p in info.problems)
        assert any("line 3" in p and "'foo'" in p for p in info.problems)

    def test_repeated_field_keeps_the_first(self, tmp_path):
        info = read_corpus_info(write(tmp_path, "title: First\ntitle: Second\n"))
        assert info.title == "First" and any("given twice" in p and "line 1" in p for p in info.problems)

    def test_not_yaml_not_a_mapping_not_text(self, tmp_path):
        broken = read_corpus_info(write(tmp_path / "a", "title: [unclosed\n"))
        assert broken.empty and "line" in broken.problems[0] and "field: value" in broken.problems[0]
        listed = read_corpus_info(write(tmp_path / "b", "- title\n- subject\n"))
        assert listed.empty and "found a list" in listed.problems[0]
        nested = read_corpus_info(write(tmp_path / "c", "title:\n  - a\n  - b\nsubject: S\n"))
        assert nested.subject == "S" and any("'title' must be text" in p for p in nested.problems)
        binary = read_corpus_info(write(tmp_path / "d", b"title: caf\xe9\n"))
        assert binary.empty and "not UTF-8" in binary.problems[0] and "line 1" in binary.problems[0]

    def test_empty_and_oversized(self, tmp_path):
        assert "empty" in read_corpus_info(write(tmp_path / "a", "")).problems[0]
        long = read_corpus_info(write(tmp_path / "b", "title: " + "x" * 500 + "\n"))
        assert len(long.title) == 200 and any("cut to 200" in p for p in long.problems)

    def test_a_folder_in_its_place(self, tmp_path):
        (tmp_path / "corpus.yaml").mkdir()
        assert "not a file" in read_corpus_info(tmp_path).problems[0]


class TestNotADocument:
    def test_load_and_fingerprint_ignore_it(self, make_corpus):
        folder = make_corpus({"a.txt": "Alpha text here.", "b.txt": "Bravo text.", "c.txt": "More."}, METADATA)
        before = load_corpus(folder)
        write(folder, "title: T\n")
        after = load_corpus(folder)
        assert list(after.documents["doc_id"]) == list(before.documents["doc_id"])
        assert corpus_version(after.documents) == corpus_version(before.documents)
        assert not any("corpus.yaml" in n.message for n in after.notices)


class TestOrganisationOrder:
    def test_first_named_first(self, make_corpus):
        folder = make_corpus({"a.txt": "A.", "b.txt": "B.", "c.txt": "C."}, METADATA)
        assert organisation_order(folder) == ["BP", "AL"]
