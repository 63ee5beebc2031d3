/*
 * pseudonym.c: the two cryptographic primitives of the pseudonymised
 * exports, both PostgreSQL's own (no hand-written cryptography):
 * HMAC-SHA-256 from src/common (common/hmac.h) and key bytes from
 * pg_strong_random (the server's OpenSSL or /dev/urandom source).
 *
 * Neither function prints its input in any message: the key must stay out
 * of the log.  Both are executable only by the extension's owner (the
 * export functions run with its rights); see src/access/pseudonym.sql.
 */
#include "postgres.h"

#include "common/hmac.h"
#include "common/sha2.h"
#include "fmgr.h"
#include "utils/builtins.h"

#define ACCESS_KEY_BYTES 32

PG_FUNCTION_INFO_V1(bosetting_hmac_sha256);
PG_FUNCTION_INFO_V1(bosetting_random_key);

/* _hmac_sha256(key bytea, message text) -> bytea (32 bytes) */
Datum
bosetting_hmac_sha256(PG_FUNCTION_ARGS)
{
	bytea	   *key = PG_GETARG_BYTEA_PP(0);
	text	   *msg = PG_GETARG_TEXT_PP(1);
	bytea	   *out = (bytea *) palloc(VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
	pg_hmac_ctx *ctx;

	if (VARSIZE_ANY_EXHDR(key) < 16)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a pseudonym key must be at least 16 bytes long, not %d",
						(int) VARSIZE_ANY_EXHDR(key))));

	ctx = pg_hmac_create(PG_SHA256);
	if (ctx == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory while computing a pseudonym")));
	if (pg_hmac_init(ctx, (const uint8 *) VARDATA_ANY(key), VARSIZE_ANY_EXHDR(key)) < 0 ||
		pg_hmac_update(ctx, (const uint8 *) VARDATA_ANY(msg), VARSIZE_ANY_EXHDR(msg)) < 0 ||
		pg_hmac_final(ctx, (uint8 *) VARDATA(out), PG_SHA256_DIGEST_LENGTH) < 0)
	{
		const char *why = pg_hmac_error(ctx);

		pg_hmac_free(ctx);
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not compute HMAC-SHA-256: %s", why)));
	}
	pg_hmac_free(ctx);
	SET_VARSIZE(out, VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
	PG_RETURN_BYTEA_P(out);
}

/* _random_key() -> bytea: 32 bytes from pg_strong_random */
Datum
bosetting_random_key(PG_FUNCTION_ARGS)
{
	bytea	   *out = (bytea *) palloc(VARHDRSZ + ACCESS_KEY_BYTES);

	if (!pg_strong_random(VARDATA(out), ACCESS_KEY_BYTES))
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not generate a random pseudonym key")));
	SET_VARSIZE(out, VARHDRSZ + ACCESS_KEY_BYTES);
	PG_RETURN_BYTEA_P(out);
}
