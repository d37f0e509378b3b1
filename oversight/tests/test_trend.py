from oversight.parts import Part
from oversight.trend import trend


def _yearly(met, total):
    return Part(f"{met} av {total}.", met, total, yearly=True)


def test_a_check_of_present_state_only_has_no_trend_and_says_why():
    result = trend(now=[Part("a", 1, 2)], before=[Part("a", 1, 2)], last_year=2025)
    assert result.direction is None
    assert result.arrow == "—"
    assert "bygger på dagens register" in result.text


def test_nothing_judged_this_year_or_last_year_says_so():
    assert trend(now=[Part("a", yearly=True)], before=[_yearly(1, 2)], last_year=2025).text == (
        "Ingen jämförelse: i år finns ännu inget att bedöma.")
    assert trend(now=[_yearly(1, 2)], before=[], last_year=2025).text == (
        "Ingen jämförelse: för 2025 finns inget att jämföra med.")


def test_better_worse_and_unchanged_in_words_with_the_shares():
    up = trend(now=[_yearly(3, 4)], before=[_yearly(1, 2)], last_year=2025)
    assert (up.direction, up.arrow) == ("up", "↑")
    assert up.text == "Bättre än 2025: 75 % av kraven uppfylls, mot 50 %."
    down = trend(now=[_yearly(1, 4)], before=[_yearly(1, 2)], last_year=2025)
    assert (down.direction, down.arrow) == ("down", "↓")
    assert down.text == "Sämre än 2025: 25 % av kraven uppfylls, mot 50 %."
    same = trend(now=[_yearly(2, 4)], before=[_yearly(1, 2)], last_year=2025)
    assert same.direction == "same"
    assert same.text == "Oförändrad sedan 2025: 50 % av kraven uppfylls."


def test_only_the_yearly_parts_are_compared():
    now = [_yearly(1, 1), Part("register", 0, 5)]
    before = [_yearly(0, 1), Part("register", 5, 5)]
    assert trend(now=now, before=before, last_year=2025).direction == "up"
