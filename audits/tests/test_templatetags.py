from collections import Counter

from audits.selectors import FollowUpStatus, OrganizationRef, OverviewRow
from audits.templatetags.audit_overview import overview_row


def test_an_overview_row_escapes_the_name_and_counts_each_status_and_what_is_late():
    row = OverviewRow(audit=None, organization=OrganizationRef(1, "<b>Nämnd & co</b>"),
                      counts=Counter({FollowUpStatus.NO_ANSWER: 2, FollowUpStatus.VERIFIED: 1}),
                      overdue_response=True, overdue_measures=3)

    html = overview_row(row)

    assert html == (
        '<tr><th scope="row">&lt;b&gt;Nämnd &amp; co&lt;/b&gt;</th>'
        "<td>2</td><td>0</td><td>0</td><td>0</td><td>1</td><td>3</td>"
        '<td><span class="ds-tag" data-color="danger">Svar försenat</span> '
        '<span class="ds-tag" data-color="danger">3 åtgärder försenade</span></td></tr>'
    )


def test_an_overview_row_with_nothing_late_says_no():
    row = OverviewRow(audit=None, organization=OrganizationRef(1, "Nämnden"), counts=Counter({FollowUpStatus.DONE: 1}))

    assert overview_row(row).endswith("<td>1</td><td>Nej</td></tr>")
