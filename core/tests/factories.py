import factory

from core.models import Municipality, User


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Testkommun {n}")
    # Four digits like Kolada's codes, above the real ones (0114–2584), wrapping so that a long
    # suite never runs past 9999 (PostgreSQL enforces the column's length; SQLite does not).
    code = factory.Sequence(lambda n: f"{3000 + n % 7000:04d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@kommun.example")
    full_name = factory.Faker("name", locale="sv_SE")
    password = factory.django.Password("ett-langt-testlosenord")
