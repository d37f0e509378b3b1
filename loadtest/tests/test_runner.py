import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from loadtest.runner import servers_warm

PLAN = {
    "respondents": [{"session": "respondent-session", "response": 7}],
    "sessions": {"ks@example": ["ks-session"], "samordnare@example": ["coordinator-session"]},
    "ks": "ks@example", "coordinator": "samordnare@example",
    "cycle": 2, "questionnaire": 3, "program": 4, "kpis": ["N00001"],
}


def _server():
    seen = Counter()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            seen[(self.path, self.headers.get("Cookie", ""))] += 1
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, seen


def test_every_server_is_asked_for_every_page_read_with_the_reader_s_session():
    first, seen_first = _server()
    second, seen_second = _server()
    try:
        servers_warm(hosts=[f"http://127.0.0.1:{server.server_port}" for server in (first, second)], plan=PLAN,
                     rounds=2)
    finally:
        first.shutdown()
        second.shutdown()
    for seen in (seen_first, seen_second):
        assert seen[("/uppfoljning/svar/7/", "sessionid=respondent-session")] == 2
        assert seen[("/oversikt/", "sessionid=ks-session")] == 2
        assert seen[("/statistik/N00001/", "sessionid=ks-session")] == 2
        assert seen[("/styrning/program/4/", "sessionid=coordinator-session")] == 2
        assert sum(seen.values()) == 2 * 7
