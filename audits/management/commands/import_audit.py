import json

from django.core.management.base import BaseCommand, CommandError

from audits.forms import MAX_IMPORT_BYTES
from audits.importer import ImportFileError, detect_document_kind, extract_text, parse_audit, parse_response


class Command(BaseCommand):
    help = (
        "Reads an audit report (PDF or .txt) and prints the parsed draft, with what it did not find "
        "or only guessed (\"not_found\", \"guessed\"). Saves nothing. "
        "A board's answer to an audit is recognised as such and printed as a response draft."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="Print the draft as JSON.")
        parser.add_argument(
            "--audit-title", help="The audit a board's answer should answer; minutes for another audit are refused."
        )

    def handle(self, *args, file, **options):
        try:
            with open(file, "rb") as handle:
                data = handle.read(MAX_IMPORT_BYTES + 1)
            text = extract_text(data=data, filename=file, max_bytes=MAX_IMPORT_BYTES)
        except OSError as error:
            raise CommandError(str(error)) from error
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        if detect_document_kind(text=text) == "response":
            try:
                response = parse_response(text=text, audit_title=options.get("audit_title"))
            except ImportFileError as error:
                raise CommandError(str(error)) from error
            if options["json"]:
                self.stdout.write(json.dumps({"kind": "response", **response.to_json_dict()}, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(f"A board's answer: {response.organization}, {response.decision}, § {response.paragraph}")
            return
        draft = parse_audit(text=text)
        if options["json"]:
            self.stdout.write(json.dumps(draft.to_json_dict(), ensure_ascii=False, indent=2))
            return
        summary = draft.to_json_dict()
        self.stdout.write(f"{summary['title']} ({summary['auditor']}, {summary['date']})")
        self.stdout.write(f"  {len(draft.questions)} questions, {len(draft.recommendations)} recommendations")
        for message in draft.messages:
            self.stderr.write(message)
        # What the reviewer must check: fields not found or only guessed, with the sentence behind each.
        for kind, items in (("not found", draft.not_found), ("guessed", draft.guessed)):
            for item in items:
                sentence = f": «{item['sentence']}»" if item["sentence"] else ""
                self.stdout.write(f"  {kind} {item['field']}: {item['note']}{sentence}")
