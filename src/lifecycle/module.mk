# lifecycle: what keeps the register through the DBA's ordinary commands:
# the DROP guard (an event trigger in C) and the table of codes whose foreign
# keys tell pg_dump to restore municipalities before the rows that name them.
OBJS      += src/lifecycle/drop_guard.o
SQL_PARTS += src/lifecycle/lifecycle.sql
REGRESS   += lifecycle_drop_guard lifecycle_codes
# New in 0.2: its install SQL is its whole upgrade fragment.
UPGRADE_PARTS += src/lifecycle/lifecycle.sql
