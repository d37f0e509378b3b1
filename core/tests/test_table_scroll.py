import re

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError

APP_TEMPLATES = [
    path for path in settings.BASE_DIR.glob("**/templates/**/*.html")
    if not {".venv", "node_modules"} & set(path.relative_to(settings.BASE_DIR).parts)
]


def test_a_table_scrolls_in_a_focusable_region_named_by_its_caption():
    html = Template(
        '{% load table_scroll %}{% table_scroll "tabell" plan %}'
        '<table><caption id="{{ caption_id }}">Aktiviteter</caption></table>{% endtable_scroll %}'
    ).render(Context({"plan": 7}))
    assert html == ('<div class="table-scroll" role="region" aria-labelledby="tabell-7" tabindex="0">'
                    '<table><caption id="tabell-7">Aktiviteter</caption></table></div>')


def test_a_table_on_paper_has_no_region():
    html = Template(
        '{% load table_scroll %}{% table_scroll "tabell" plan %}'
        '<table><caption id="{{ caption_id }}">Aktiviteter</caption></table>{% endtable_scroll %}'
    ).render(Context({"plan": 7, "tables_on_paper": True}))
    assert html == '<table><caption id="tabell-7">Aktiviteter</caption></table>'


def test_the_region_needs_the_captions_id():
    with pytest.raises(TemplateSyntaxError, match="caption"):
        Template("{% load table_scroll %}{% table_scroll %}<table></table>{% endtable_scroll %}")


def test_the_templates_are_found():
    assert len(APP_TEMPLATES) > 50


@pytest.mark.parametrize("path", [path for path in APP_TEMPLATES if "<table" in path.read_text()],
                         ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_every_table_of_every_template_is_in_a_scroll_region_named_by_its_caption(path):
    """A table put on a page without {% table_scroll %} widens the page on a phone."""
    text = path.read_text()
    for table in re.finditer(r"<table\b", text):
        before = text[:table.start()]
        assert before.rfind("{% table_scroll ") > before.rfind("{% endtable_scroll %}"), (
            f"a table at character {table.start()} is not inside {{% table_scroll %}}"
        )
        caption = re.compile(r"<caption\b[^>]*>").search(text, table.end())
        assert caption and 'id="{{ caption_id }}"' in caption.group(), "the table's caption does not name its region"
        assert caption.start() < text.index("</table>", table.end()), "the table has no caption"
