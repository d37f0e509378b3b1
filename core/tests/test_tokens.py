from core.tokens import token_hash, token_hash_signed, token_new


def test_a_new_token_is_random_and_only_its_hash_is_returned_for_storage():
    first, first_hash = token_new()
    second, _second_hash = token_new()
    assert first != second
    assert first_hash == token_hash(first) and first not in first_hash and len(first_hash) == 64


def test_a_signed_token_is_checked_for_its_own_purpose_only():
    token, stored = token_new(salt="followup.link")
    assert token_hash_signed(token, salt="followup.link") == stored
    assert token_hash_signed(token, salt="reports.dispatch") is None


def test_a_forged_or_cut_token_has_no_hash_to_look_up():
    token, _stored = token_new(salt="followup.link")
    assert token_hash_signed(token[:-1], salt="followup.link") is None
    assert token_hash_signed("gissad:signatur", salt="followup.link") is None
    assert token_hash_signed("", salt="followup.link") is None
