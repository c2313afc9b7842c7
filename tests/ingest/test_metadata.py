"""Metadata suggested from a file (lib/ingest/metadata.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.ingest.adding import prepare
from lib.ingest.decoding import decode_bytes
from lib.ingest.html_text import clean_html
from lib.ingest.metadata import detect_metadata, english_ratio, html_title, parse_loose_date, person_name

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
ENGLISH = ("The war in Ukraine has gone on for two years and there is no end in sight for the people who live "
           "there and work in its factories and fields, and the government has no answer to it.")
FRENCH = ("La guerre en Ukraine dure depuis deux ans et les travailleurs du pays ne voient aucune fin, tandis que "
          "le gouvernement français annonce une nouvelle aide militaire sans consulter les syndicats.")


class TestParseLooseDate:
    @pytest.mark.parametrize(("text", "expected"), [
        ("date 2025-02-14", "2025-02-14"),
        ("Published: 2023-11-02", "2023-11-02"),
        ("2023-11-02T10:00:00+00:00", "2023-11-02"),
        ("3 March 2024", "2024-03-03"),
        ("3rd of March, 2024", "2024-03-03"),
        ("December 3, 2004 | Page 5", "2004-12-03"),
        ("Sept 4, 2020", "2020-09-04"),
        ("August 2025", "2025-08"),
        ("13/05/2024", "2024-05-13"),
        ("05/13/2024", "2024-05-13"),
    ])
    def test_forms(self, text, expected):
        assert parse_loose_date(text)[0] == expected

    def test_ambiguous_day_first_with_note(self):
        assert parse_loose_date("Posted on 12/05/2024") == ("2024-05-12", "read 12/05/2024 as day/month/year")
        assert parse_loose_date("12/05/2024", day_first=False)[0] == "2024-12-05"

    @pytest.mark.parametrize("text", ["", "no date here", "2025-13-40", "31/02/2024", "February 30, 2020"])
    def test_no_date(self, text):
        assert parse_loose_date(text) == ("", "")


class TestEnglishRatio:
    def test_english_high(self):
        assert english_ratio(ENGLISH) > 0.3

    def test_french_low(self):
        assert english_ratio(FRENCH) < 0.2

    def test_short_is_none(self):
        assert english_ratio("Too short to tell") is None


class TestDetectMetadata:
    def test_title_byline(self):
        text = f"Why the war goes on\n\nBy Jane Doe | 3 March 2024\n\n{ENGLISH}"
        s = detect_metadata(text, fmt="txt")
        assert s.get("title") == "Why the war goes on"
        assert s.get("author") == "Jane Doe"
        assert s.get("date") == "2024-03-03"
        assert s.get("language") == "en"
        assert s.sources["author"] == "byline"
        assert s.warnings == []

    @pytest.mark.parametrize(("line", "date"), [("date 2025-02-14", "2025-02-14"),
                                                ("Published: 2023-11-02", "2023-11-02"),
                                                ("Posted on 12/05/2024", "2024-05-12")])
    def test_date_lines(self, line, date):
        s = detect_metadata(f"A title for the piece\n{line}\n\n{ENGLISH}", fmt="txt")
        assert s.get("date") == date
        assert s.get("title") == "A title for the piece"

    def test_ambiguous_date_warns(self):
        s = detect_metadata(f"Posted on 12/05/2024\n\n{ENGLISH}", fmt="txt")
        assert any("day/month/year" in w for w in s.warnings)

    def test_markdown_heading_title(self):
        s = detect_metadata(f"# **The long war**\n\n*By Sam Smith, 5 May 2023*\n\n{ENGLISH}", fmt="md")
        assert s.get("title") == "The long war"
        assert s.get("author") == "Sam Smith"
        assert s.get("date") == "2023-05-05"

    def test_html_meta_tags(self):
        meta = {"og:title": "Title from OG | The Paper", "og:site_name": "The Paper", "author": "Ann Writer",
                "article:published_time": "2024-06-01T09:00:00Z", "og:url": "https://paper.example/a",
                "title": "Other"}
        s = detect_metadata("<html></html>", fmt="html", html_meta=meta, cleaned_text=ENGLISH)
        assert s.values == {"title": "Title from OG", "author": "Ann Writer", "date": "2024-06-01",
                            "url": "https://paper.example/a", "publication": "The Paper", "language": "en"}
        assert s.sources["title"] == "<meta og:title>"

    def test_html_dublin_core_and_lang(self):
        meta = {"dc.title": "DC title", "dc.creator": "C. Reator", "dc.date": "2021-01-02"}
        raw = b'<html lang="en-GB"><head></head></html>'
        s = detect_metadata(raw.decode(), fmt="html", html_meta=meta, raw=raw, cleaned_text=ENGLISH)
        assert (s.get("title"), s.get("author"), s.get("date"), s.get("language")) == \
            ("DC title", "C. Reator", "2021-01-02", "en")

    def test_author_url_and_javascript_url_skipped(self):
        meta = {"article:author": "https://x.example/profile", "og:url": "javascript:alert(1)"}
        s = detect_metadata("<html></html>", fmt="html", html_meta=meta, cleaned_text=ENGLISH)
        assert s.get("author") == "" and s.get("url") == ""

    def test_non_english_warns(self):
        s = detect_metadata(FRENCH, fmt="txt")
        assert s.get("language") == ""
        assert any("does not look like English" in w for w in s.warnings)

    def test_declared_other_language_warns(self):
        s = detect_metadata("<html></html>", fmt="html", html_meta={"language": "de"}, cleaned_text=ENGLISH)
        assert s.get("language") == "de"
        assert any("'de'" in w for w in s.warnings)

    def test_real_saved_page(self):
        raw = (SAMPLES / "19_socialistworker-us-ukraine-election-crisis-2004.html").read_bytes()
        text = decode_bytes(raw).text
        cleaned = clean_html(text)
        s = detect_metadata(text, fmt="html", html_meta=cleaned.html_meta, raw=raw, cleaned_text=cleaned.text)
        assert s.get("title") == "Ukraine's election crisis"
        assert s.get("date") == "2004-12-03"
        assert s.get("language") == "en"

    def test_hostile_text_never_raises(self):
        s = detect_metadata("<script>alert(1)</script>\n\u202eBy \u200bX\n" + "A" * 100_000, fmt="txt")
        assert set(s.values) == {"title", "author", "date", "url", "publication", "language"}


class TestTitlesOfRealPages:
    """Issue 14: titles from real pages, not the masthead, a banner or a sentence."""

    def test_text_title_skips_masthead_menu_byline_and_date(self):
        text = ("World Socialist Web Site\nwsws.org\nMenu   Search   Donate\n"
                "Statement of the World Socialist Web Site editorial board\n28 January 2022\n\n"
                "US-NATO escalate war threats against Russia: Are you ready for World War III?\n\n"
                "The conflict that Washington is provoking with Russia over Ukraine threatens the globe "
                "with a catastrophe beyond measure.\n")
        s = detect_metadata(text, fmt="txt")
        assert s.get("title") == "US-NATO escalate war threats against Russia: Are you ready for World War III?"
        assert s.get("date") == "2022-01-28" and s.get("author") == ""

    def test_title_right_above_the_date_line_not_the_subtitle(self):
        text = ("United Nations | General Assembly\nPresident of the 71st Session\nHome   Statements   Letters\n"
                "Remarks at event celebrating the deposit of instruments of ratification\n"
                "Remarks by the President of the 71st session at the event celebrating the deposit\n"
                "7 October 2016\n\nThank you for inviting me to join you today to mark the recent deposit.\n")
        assert detect_metadata(text, fmt="txt").get("title") == \
            "Remarks at event celebrating the deposit of instruments of ratification"

    def test_no_title_is_no_title_never_a_sentence(self):
        text = ("The conflicts breaking out worldwide are linked to the crisis in US imperialism. Capitalism has "
                "plunged into a new stage of crisis.\n\nUS hegemony has been substantially undermined.\n")
        assert detect_metadata(text, fmt="txt").get("title") == ""

    def test_label_and_date_tag_cut_from_a_title(self):
        text = ("UKPOL.CO.UK\nHome | Speeches | Press Releases | Parliament\n\n"
                "PRESS RESEASE : UK announces new sanctions on officials [September 2023]\n\n"
                "The press release issued by the Foreign Office on 29 September 2023.\n")
        s = detect_metadata(text.replace("RESEASE", "RELEASE"), fmt="txt")
        assert s.get("title") == "UK announces new sanctions on officials"
        assert s.get("date") == "2023-09-29"

    def test_markdown_heading_is_the_title_and_speaker_the_author(self):
        text = ("[America Times](https://a.example/) · [World](https://a.example/w) · [Politics](https://a.example/p)\n\n"
                "# Remarks by Mr. Dennis Francis, President of the 78th session of the General Assembly\n\n"
                "September 26, 2023\n\nLadies and gentlemen,\n")
        s = detect_metadata(text, fmt="md")
        assert s.get("title").startswith("Remarks by Mr. Dennis Francis")
        assert s.get("author") == "Dennis Francis" and s.get("date") == "2023-09-26"

    def test_html_title_is_the_heading_the_title_tag_contains(self):
        assert html_title("NATO - Opinion: Pre-summit press conference by NATO Secretary General, 05-Jul.-2024",
                          headings=["Pre-summit press conference"]) == "Pre-summit press conference"
        assert html_title("UN Elects a President | United Nations in India", headings=[],
                          site="United Nations in India") == "UN Elects a President"
        assert html_title("Liz Truss condemns it - The Frontier Post", headings=["The Frontier Post"],
                          site="The Frontier Post") == "Liz Truss condemns it"

    @pytest.mark.parametrize(("byline", "name"), [
        ("By Foreign Secretary Liz Truss.", "Liz Truss"),
        ("by Secretary General Jens Stoltenberg ahead of the NATO Summit in Washington", "Jens Stoltenberg"),
        ("Mr. Mogens Lykketoft, President of the 70th session", "Mogens Lykketoft"),
        ("TOM SYKES", "Tom Sykes"),
        ("F.P. Report", ""), ("Stop the War", ""), ("Statement", ""), ("FAN Editor", ""),
    ])
    def test_person_name_of_a_byline(self, byline, name):
        assert person_name(byline) == name

    def test_saved_page_uses_the_library_for_dates_and_titles(self):
        page = (SAMPLES / "19_socialistworker-us-ukraine-election-crisis-2004.html").read_bytes()
        s = prepare(page, name="page.html").suggestion
        assert (s.get("title"), s.get("date")) == ("Ukraine's election crisis", "2004-12-03")


class TestCorpusTexts:
    """The five corpus texts as received: three have no title and must not get a sentence as one."""

    @pytest.mark.parametrize(("file", "title", "author"), [
        ("000_8c0713f0e6a326e8.txt", "", ""),
        ("001_b16f348eaacb7f2f.txt", "", ""),
        ("002_34639f5fbb1fb4d2.txt", "Ukraine: imperialist negotiations in stalemate", ""),
        ("003_1b518a610fed741e.txt", "", ""),
        ("004_2f96fcfdfff9a963.txt", "New Zealand's ISO backs US-NATO imperialism in Ukraine war against Russia",
         "Tom Peters"),
    ])
    def test_title_and_author(self, file, title, author):
        raw = (Path(__file__).resolve().parents[2] / "corpus" / file).read_bytes()
        s = prepare(raw, name=file).suggestion
        assert (s.get("title"), s.get("author")) == (title, author)
