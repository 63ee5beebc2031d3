/*
 * match_glue.c: score_matrix(), which builds the items × bins score array of
 * match_households() from a per-item base and sparse per-pair bonuses, so
 * that no SQL has to produce one row per household and municipality.
 */
#include "postgres.h"

#include <math.h>

#include "match.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(bosetting_score_matrix);
Datum
bosetting_score_matrix(PG_FUNCTION_ARGS)
{
	int32		n = PG_GETARG_INT32(0),
				m = PG_GETARG_INT32(1);
	ArrayType  *base_a = PG_GETARG_ARRAYTYPE_P(2);
	ArrayType  *bi_a = PG_GETARG_ARRAYTYPE_P(3);
	ArrayType  *bj_a = PG_GETARG_ARRAYTYPE_P(4);
	ArrayType  *bv_a = PG_GETARG_ARRAYTYPE_P(5);
	Datum	   *base, *bi, *bj, *bv;
	bool	   *base_null, *bi_null, *bj_null, *bv_null;
	int			nbase, nb, nbj, nbv, x;
	size_t		cells, c;
	Size		bytes;
	double	   *vals;
	bits8	   *forbid;
	ArrayType  *out;
	int			dims[2], lbs[2] = {1, 1};
	bits8	   *bitmap;
	double	   *data;
	bool		any_null = false;

	if (n < 0 || m < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("score_matrix needs non-negative sizes, not %d × %d", n, m)));
	cells = (size_t) n * m;
	/* The answer is one float8 array: refuse before allocating anything. */
	if (cells > MaxArraySize || cells > MaxAllocSize / sizeof(double))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("score matrix of %d × %d cells exceeds the 1 GB array limit", n, m)));
	/* and the solver's own limit, which a role with USAGE cannot raise */
	match_check_pairs(n, m, 1, "score_matrix");
	match_one_dim(base_a, "base");
	match_one_dim(bi_a, "bonus_item");
	match_one_dim(bv_a, "bonus");
	match_one_dim(bj_a, "bonus_bin");
	deconstruct_array(base_a, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &base, &base_null, &nbase);
	deconstruct_array(bi_a, INT4OID, 4, true, TYPALIGN_INT, &bi, &bi_null, &nb);
	deconstruct_array(bj_a, INT4OID, 4, true, TYPALIGN_INT, &bj, &bj_null, &nbj);
	deconstruct_array(bv_a, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &bv, &bv_null, &nbv);
	if (nbase != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("base has %d elements but there are %d items", nbase, n)));
	if (nbj != nb || nbv != nb)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bonus_item, bonus_bin and bonus must have the same length (%d, %d, %d)",
						nb, nbj, nbv)));
	if (n == 0 || m == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(FLOAT8OID));

	vals = MemoryContextAllocHuge(CurrentMemoryContext, cells * sizeof(double));
	forbid = MemoryContextAllocZero(CurrentMemoryContext, cells / 8 + 1);
	for (x = 0; x < n; x++)
	{
		double		b = base_null[x] ? 0 : DatumGetFloat8(base[x]);

		if (!isfinite(b))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("base[%d] is not a finite number", x + 1)));
		if (base_null[x])
			for (c = (size_t) x * m; c < (size_t) (x + 1) * m; c++)
				forbid[c / 8] |= 1 << (c % 8);
		for (c = (size_t) x * m; c < (size_t) (x + 1) * m; c++)
			vals[c] = b;
		CHECK_FOR_INTERRUPTS();
	}
	for (x = 0; x < nb; x++)
	{
		int32		i, j;

		if (bi_null[x] || bj_null[x])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bonus_item[%d] and bonus_bin[%d] must not be NULL", x + 1, x + 1)));
		i = DatumGetInt32(bi[x]);
		j = DatumGetInt32(bj[x]);
		if (i < 1 || i > n || j < 1 || j > m)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bonus %d is for item %d and bin %d, outside %d × %d", x + 1, i, j, n, m)));
		c = (size_t) (i - 1) * m + (j - 1);
		if (bv_null[x])
			forbid[c / 8] |= 1 << (c % 8);
		else
		{
			double		v = DatumGetFloat8(bv[x]);

			if (!isfinite(v))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("bonus[%d] is not a finite number", x + 1)));
			vals[c] += v;
		}
		if ((x & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	for (c = 0; c < cells && !any_null; c++)
		if (forbid[c / 8] & (1 << (c % 8)))
			any_null = true;

	/* build the 2-D float8 array directly (with a null bitmap if needed) */
	dims[0] = n;
	dims[1] = m;
	bytes = any_null ? ARR_OVERHEAD_WITHNULLS(2, cells) : ARR_OVERHEAD_NONULLS(2);
	{
		size_t		nvals = 0;

		for (c = 0; c < cells; c++)
			if (!(forbid[c / 8] & (1 << (c % 8))))
				nvals++;
		bytes += nvals * sizeof(double);
	}
	if (!AllocSizeIsValid(bytes))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("score matrix of %d × %d cells exceeds the 1 GB array limit", n, m)));
	out = (ArrayType *) palloc0(bytes);
	SET_VARSIZE(out, bytes);
	out->ndim = 2;
	out->dataoffset = any_null ? ARR_OVERHEAD_WITHNULLS(2, cells) : 0;
	out->elemtype = FLOAT8OID;
	memcpy(ARR_DIMS(out), dims, sizeof(dims));
	memcpy(ARR_LBOUND(out), lbs, sizeof(lbs));
	bitmap = ARR_NULLBITMAP(out);
	data = (double *) ARR_DATA_PTR(out);
	for (c = 0; c < cells; c++)
	{
		bool		isnull = (forbid[c / 8] & (1 << (c % 8))) != 0;

		if (bitmap && !isnull)
			bitmap[c / 8] |= 1 << (c % 8);
		if (!isnull)
			*data++ = vals[c];
	}
	pfree(vals);
	pfree(forbid);
	PG_RETURN_ARRAYTYPE_P(out);
}

/*
 * fit_counts(demand, capacity, dims): for each item, in how many bins it fits
 * on the listed dimensions (1-based; an empty list means all of them).
 */
PG_FUNCTION_INFO_V1(bosetting_fit_counts);
Datum
bosetting_fit_counts(PG_FUNCTION_ARGS)
{
	ArrayType  *dem_a = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *cap_a = PG_GETARG_ARRAYTYPE_P(1);
	ArrayType  *dims_a = PG_GETARG_ARRAYTYPE_P(2);
	Datum	   *dd, *out;
	bool	   *dd_null;
	int32	   *dem, *cap;
	int			nd, n, m, D, Dc, i, j, x;
	int		   *use;

	dem = match_int_matrix(dem_a, "demand", &n, &D);
	cap = match_int_matrix(cap_a, "capacity", &m, &Dc);
	match_one_dim(dims_a, "dims");
	deconstruct_array(dims_a, INT4OID, 4, true, TYPALIGN_INT, &dd, &dd_null, &nd);
	if (n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(INT4OID));
	if (m != 0 && Dc != D)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("demand has %d dimension(s) per item but capacity has %d per bin", D, Dc)));
	use = palloc0(sizeof(int) * D);
	for (x = 0; x < nd; x++)
	{
		int			k = dd_null[x] ? 0 : DatumGetInt32(dd[x]);

		if (k < 1 || k > D)
			ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							errmsg("dimension %d is not between 1 and %d", k, D)));
		use[k - 1] = 1;
	}
	if (nd == 0)
		for (x = 0; x < D; x++)
			use[x] = 1;
	out = palloc(sizeof(Datum) * n);
	for (i = 0; i < n; i++)
	{
		int			count = 0;

		CHECK_FOR_INTERRUPTS();
		for (j = 0; j < m; j++)
		{
			int			k;

			for (k = 0; k < D; k++)
				if (use[k] && dem[(size_t) i * D + k] > cap[(size_t) j * D + k])
					break;
			count += k == D;
		}
		out[i] = Int32GetDatum(count);
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(out, n, INT4OID, 4, true, TYPALIGN_INT));
}
