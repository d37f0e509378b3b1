"""Kolada's key (kpi, municipality, year, gender) becomes KpiValue's primary key in
place of the surrogate id and the unique constraint on the same columns.

Django drops the id column but does not create a composite primary key on an
existing table, so the last step does: PostgreSQL adds the constraint, SQLite
(which cannot change a primary key in place) rebuilds the table as the model
now describes it.
"""

from django.db import migrations, models


def make_key_primary(apps, schema_editor):
    model = apps.get_model("kpis", "KpiValue")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} ADD CONSTRAINT kpis_kpivalue_pkey "
            f"PRIMARY KEY (kpi_id, municipality_id, year, gender)"
        )
    else:
        schema_editor._remake_table(model)


class Migration(migrations.Migration):

    dependencies = [
        ('kpis', '0003_kpivalue_gender_check_without_in'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='kpivalue',
            name='kpivalue_one_per_key',
        ),
        migrations.RemoveField(
            model_name='kpivalue',
            name='id',
        ),
        migrations.AddField(
            model_name='kpivalue',
            name='pk',
            field=models.CompositePrimaryKey(
                'kpi', 'municipality', 'year', 'gender', blank=True, editable=False, primary_key=True,
                serialize=False,
            ),
        ),
        migrations.RunPython(make_key_primary, migrations.RunPython.noop),
    ]
