# register: the register tables (counties, municipalities, code changes,
# decisions, households, persons, settlements, capacity, indicators), their
# integrity triggers, loaders, code history and the synthetic population.
SQL_PARTS += src/register/register.sql src/register/register_data.sql src/register/builtin.sql \
             src/register/register_checks.sql \
             src/register/successors.sql src/register/staging.sql src/register/loaders.sql \
             src/register/synthetic.sql
REGRESS   += register_tables register_loaders register_successors register_population security_loaders
UPGRADE_PARTS += src/register/upgrade--0.1--0.2.sql
# the built-in row guard and the loaders are CREATE OR REPLACE: the upgrade runs them again
UPGRADE_PARTS += src/register/builtin.sql src/register/staging.sql src/register/loaders.sql
# synthetic.sql runs again on 0.1 as it is (CREATE OR REPLACE only).
UPGRADE_PARTS += src/register/synthetic.sql
