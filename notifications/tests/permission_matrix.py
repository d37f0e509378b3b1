from core.tests.permission_matrix import COORDINATOR_AND_ADMIN, POST_ONLY, Row

ROWS = {
    "notifications:outbox_list": Row(COORDINATOR_AND_ADMIN),
    "notifications:outbox_retry": Row(POST_ONLY, lambda town: {"pk": 1}),
}
