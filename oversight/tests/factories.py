import factory

from audits.tests.factories import AuditQuestionFactory
from oversight.models import AuditQuestionCheck, CheckKey


class AuditQuestionCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditQuestionCheck

    audit_question = factory.SubFactory(AuditQuestionFactory)
    check_key = CheckKey.ROLES
