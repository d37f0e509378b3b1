import pytest

from tests.browser.conftest import AccessiblePage


def test_the_axe_check_fails_on_a_page_with_a_violation(browser):
    page = browser.new_page()
    page.set_content('<!DOCTYPE html><html><head><title>t</title></head><body><main><img src="x.png"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        AccessiblePage(page, base_url="").check()
    page.close()
