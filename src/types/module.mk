# types: the identifier types fnr, dufnr and kommunenr.
CORE_SRCS += src/core/nid.c src/core/kommunenr.c
OBJS      += src/core/nid.o src/core/kommunenr.o \
             src/types/ident_glue.o src/types/fnr.o src/types/dufnr.o src/types/kommunenr.o
# Each identifier type: the shared shape (identifier.sql.in) with its base type,
# then its own functions.
IDENTIFIER_TYPES += fnr:int8 dufnr:int8 kommunenr:int2
SQL_PARTS += build/fnr.type.sql src/types/fnr.sql \
             build/dufnr.type.sql src/types/dufnr.sql \
             build/kommunenr.type.sql src/types/kommunenr.sql
REGRESS   += types_fnr types_dufnr types_kommunenr types_catalog fuzz_regressions
UNIT_TESTS += test_nid test_kommunenr test_fuzz_corpus
UPGRADE_PARTS += src/types/upgrade--0.1--0.2.sql
