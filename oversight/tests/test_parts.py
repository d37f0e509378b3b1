from oversight.parts import Link, Part, step, verdict_for, weakest


def test_verdict_thresholds_at_90_and_50_percent():
    assert verdict_for(9, 10) == "ja"
    assert verdict_for(899, 1000) == "delvis"
    assert verdict_for(1, 2) == "delvis"
    assert verdict_for(499, 1000) == "nej"


def test_a_part_with_nothing_to_judge_has_no_verdict():
    assert Part("Inget att bedöma.").verdict is None
    assert Part("1 av 2.", 1, 2).verdict == "delvis"


def test_the_weakest_judged_part_decides():
    assert weakest([Part("a", 10, 10), Part("b", 6, 10), Part("c")]) == "delvis"
    assert weakest([Part("a", 10, 10), Part("b", 0, 1)]) == "nej"
    assert weakest([Part("a", 10, 10)]) == "ja"


def test_no_judged_part_gives_no_verdict():
    assert weakest([Part("a"), Part("b")]) is None
    assert weakest([]) is None


def test_a_step_not_taken_is_a_gap_linking_to_its_record():
    assert step("Gjort.", "Inte gjort.", True, "/r/") == Part("Gjort.", 1, 1, yearly=True)
    missing = step("Gjort.", "Inte gjort.", False, "/r/")
    assert (missing.met, missing.total, missing.verdict) == (0, 1, "nej")
    assert missing.gaps == (Link("Inte gjort.", "/r/"),)
