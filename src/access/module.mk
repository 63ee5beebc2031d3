# access: the profiles (create_roles), the privilege decision of every object
# (access_rule), municipality mappings, row-level security and pseudonymised
# exports.  Included last: it sees every object of the extension.  All of its
# SQL is new in 0.2, so the same files are its 0.1 -> 0.2 upgrade fragment.
ACCESS_SQL = src/access/access.sql src/access/pseudonym.sql src/access/rules.sql src/access/roles.sql
OBJS      += src/access/pseudonym.o
SQL_PARTS += $(ACCESS_SQL)
UPGRADE_PARTS += $(ACCESS_SQL)
REGRESS   += access_catalog access_profiles access_export
ISOLATION += access_decline
