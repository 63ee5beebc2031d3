# register: the register tables (counties, municipalities, code changes,
# decisions, households, persons, settlements, capacity, indicators), their
# integrity triggers, loaders, code history and the synthetic population.
SQL_PARTS += src/register/register.sql src/register/register_data.sql \
             src/register/register_checks.sql \
             src/register/successors.sql src/register/loaders.sql \
             src/register/synthetic.sql
REGRESS   += register_tables register_loaders register_successors register_population
UPGRADE_PARTS += src/register/upgrade--0.1--0.2.sql
# synthetic.sql runs again on 0.1 as it is (CREATE OR REPLACE only).
UPGRADE_PARTS += src/register/synthetic.sql
