/*
 * suppress_glue.c: suppress_cells(row_keys text[], col_keys text[], counts
 * integer[], threshold integer, options jsonb) over src/core/suppress.c.
 * The cells come as parallel arrays; the distinct keys become the rows and
 * columns in order of first appearance, missing cells are 0.
 */
#include "postgres.h"

#include "core/suppress.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

typedef struct key_entry
{
	const char *s;
	int			pos;			/* index in the input array */
} key_entry;

static int
key_cmp(const void *a, const void *b)
{
	const key_entry *x = a, *y = b;
	int			c = strcmp(x->s, y->s);

	return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

static int
int_cmp(const void *a, const void *b)
{
	int			x = *(const int *) a, y = *(const int *) b;

	return (x > y) - (x < y);
}

/*
 * The keys of a text[] as dense ids (order of first appearance): id[i] for
 * element i; the distinct keys in *names; returns their number.
 */
static int
key_ids(ArrayType *arr, const char *what, int n, int *id, char ***names)
{
	Datum	   *elems;
	bool	   *nulls;
	int			len, i, g, distinct = 0;
	key_entry  *e;
	int		   *first_of_group, *group_of;

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &len);
	Assert(len == n);
	e = palloc_extended(sizeof(key_entry) * Max(n, 1), MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("element %d of %s is NULL", i + 1, what),
					 errhint("Every cell needs a row key and a column key.")));
		e[i].s = TextDatumGetCString(elems[i]);
		e[i].pos = i;
		if (strcmp(e[i].s, "total") == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("element %d of %s is \"total\", the key of the published totals", i + 1, what),
					 errhint("Rename that row or column.")));
	}
	qsort(e, n, sizeof(key_entry), key_cmp);
	/* groups of equal keys; each is named by its first position */
	first_of_group = palloc_extended(sizeof(int) * Max(n, 1), MCXT_ALLOC_HUGE);
	group_of = palloc_extended(sizeof(int) * Max(n, 1), MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		if (i == 0 || strcmp(e[i].s, e[i - 1].s) != 0)
			first_of_group[distinct++] = e[i].pos;
		group_of[e[i].pos] = distinct - 1;
		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	/* number the groups by first appearance */
	{
		int		   *order = palloc(sizeof(int) * Max(distinct, 1));
		int		   *rank_of_first = palloc_extended(sizeof(int) * Max(n, 1), MCXT_ALLOC_HUGE);

		memcpy(order, first_of_group, sizeof(int) * distinct);
		qsort(order, distinct, sizeof(int), int_cmp);
		*names = palloc(sizeof(char *) * Max(distinct, 1));
		for (g = 0; g < distinct; g++)
		{
			rank_of_first[order[g]] = g;
			(*names)[g] = TextDatumGetCString(elems[order[g]]);
		}
		for (i = 0; i < n; i++)
			id[i] = rank_of_first[first_of_group[group_of[i]]];
	}
	return distinct;
}

/* options: {"secondary": false} for primary suppression only. */
static bool
secondary_option(Jsonb *j)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *key = NULL;
	bool		secondary = true;

	if (!JB_ROOT_IS_OBJECT(j))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("options must be a JSON object such as '{\"secondary\": false}'")));
	it = JsonbIteratorInit(&j->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			key = pnstrdup(v.val.string.val, v.val.string.len);
		else if (tok == WJB_VALUE)
		{
			if (strcmp(key, "secondary") != 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("unknown option \"%s\" for suppress_cells", key),
						 errhint("Known options: secondary.")));
			if (v.type != jbvBool)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("option \"secondary\" must be true or false")));
			secondary = v.val.boolean;
		}
	}
	return secondary;
}

static int
suppress_interrupt(void *arg)
{
	CHECK_FOR_INTERRUPTS();
	return 0;
}

static const char *
reason_text(uint8 s)
{
	return s == SUPPRESS_PRIMARY ? "primary" : s == SUPPRESS_SECONDARY ? "secondary" : NULL;
}

PG_FUNCTION_INFO_V1(bosetting_suppress_cells);
Datum
bosetting_suppress_cells(PG_FUNCTION_ARGS)
{
	ArrayType  *rk = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *ck = PG_GETARG_ARRAYTYPE_P(1);
	ArrayType  *ca = PG_GETARG_ARRAYTYPE_P(2);
	int32		threshold = PG_GETARG_INT32(3);
	bool		secondary = secondary_option(PG_GETARG_JSONB_P(4));
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			n, nc, rows, cols, i, j, *rid, *cid;
	char	  **rname, **cname;
	Datum	   *celems;
	bool	   *cnulls;
	int32	   *counts;
	uint8	   *filled, *status;
	int64	   *value;
	size_t		cells, bad = 0;
	suppress_callback cb = {suppress_interrupt, NULL};
	suppress_error err;

	if (ARR_NDIM(rk) > 1 || ARR_NDIM(ck) > 1 || ARR_NDIM(ca) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("row_keys, col_keys and counts must be one-dimensional arrays")));
	n = ArrayGetNItems(ARR_NDIM(rk), ARR_DIMS(rk));
	if (n != ArrayGetNItems(ARR_NDIM(ck), ARR_DIMS(ck)) ||
		n != ArrayGetNItems(ARR_NDIM(ca), ARR_DIMS(ca)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("row_keys, col_keys and counts must have the same length, not %d, %d and %d",
						n, ArrayGetNItems(ARR_NDIM(ck), ARR_DIMS(ck)),
						ArrayGetNItems(ARR_NDIM(ca), ARR_DIMS(ca))),
				 errhint("Give one element per cell in each array.")));
	if (threshold < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("threshold must be at least 1, not %d", threshold),
				 errhint("Counts from 1 to threshold - 1 are hidden; IMDi uses 5.")));
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the table has no cells"),
				 errhint("Give at least one cell.")));
	if ((size_t) n > SUPPRESS_MAX_CELLS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many cells: %d", n),
				 errdetail("suppress_cells takes at most %zu cells.", SUPPRESS_MAX_CELLS)));

	rid = palloc_extended(sizeof(int) * n, MCXT_ALLOC_HUGE);
	cid = palloc_extended(sizeof(int) * n, MCXT_ALLOC_HUGE);
	rows = key_ids(rk, "row_keys", n, rid, &rname);
	cols = key_ids(ck, "col_keys", n, cid, &cname);
	if ((size_t) rows * cols > SUPPRESS_MAX_CELLS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the table of %d rows and %d columns has too many cells", rows, cols),
				 errdetail("suppress_cells takes at most %zu cells (rows × columns).", SUPPRESS_MAX_CELLS)));

	deconstruct_array(ca, INT4OID, sizeof(int32), true, TYPALIGN_INT, &celems, &cnulls, &nc);
	cells = (size_t) rows * cols;
	counts = palloc_extended(sizeof(int32) * cells, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	filled = palloc_extended(cells, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	for (i = 0; i < n; i++)
	{
		size_t		k = (size_t) rid[i] * cols + cid[i];

		if (cnulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("count %d (row \"%s\", column \"%s\") is NULL", i + 1,
							rname[rid[i]], cname[cid[i]]),
					 errhint("Use 0 for an empty cell.")));
		if (filled[k])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cell (row \"%s\", column \"%s\") is given twice", rname[rid[i]], cname[cid[i]]),
					 errhint("Give each cell once; sum the counts first.")));
		filled[k] = 1;
		counts[k] = DatumGetInt32(celems[i]);
		if (counts[k] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("count %d (row \"%s\", column \"%s\") is negative: %d", i + 1,
							rname[rid[i]], cname[cid[i]], counts[k]),
					 errhint("Counts are numbers of persons, 0 or more.")));
	}

	value = palloc_extended(sizeof(int64) * (rows + 1) * (cols + 1), MCXT_ALLOC_HUGE);
	status = palloc_extended((size_t) (rows + 1) * (cols + 1), MCXT_ALLOC_HUGE);
	err = suppress_run(counts, rows, cols, threshold, secondary, value, status,
					   palloc_extended(suppress_work_size(rows, cols), MCXT_ALLOC_HUGE),
					   &cb, &bad);
	if (err != SUP_OK)
		elog(ERROR, "suppress_cells: %s", suppress_error_text(err));
	if (value[(size_t) (rows + 1) * (cols + 1) - 1] > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the grand total " INT64_FORMAT " does not fit in an integer",
						value[(size_t) (rows + 1) * (cols + 1) - 1])));

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i <= rows; i++)
		for (j = 0; j <= cols; j++)
		{
			size_t		k = (size_t) i * (cols + 1) + j;
			Datum		vals[6];
			bool		nulls[6] = {false, false, false, false, false, false};
			const char *reason = reason_text(status[k]);

			vals[0] = CStringGetTextDatum(i < rows ? rname[i] : "total");
			vals[1] = CStringGetTextDatum(j < cols ? cname[j] : "total");
			vals[2] = Int32GetDatum((int32) value[k]);
			vals[3] = CStringGetTextDatum(status[k] ? ":" : psprintf(INT64_FORMAT, value[k]));
			vals[4] = BoolGetDatum(status[k] != SUPPRESS_PUBLISHED);
			if (reason)
				vals[5] = CStringGetTextDatum(reason);
			else
				nulls[5] = true;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, vals, nulls);
			if ((k & 0xfff) == 0)
				CHECK_FOR_INTERRUPTS();
		}
	return (Datum) 0;
}
