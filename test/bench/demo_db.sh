# demo_db.sh: sourced by the benchmarks that measure over the demo's
# database.  demo_db UPTO creates bosetting_demo (and sets PGDATABASE), then
# runs the demo steps demo/NN_*.sql with NN <= UPTO, in order, quietly.
demo_db() {
	createdb bosetting_demo
	export PGDATABASE=bosetting_demo
	psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION bosetting'
	echo "== building the demo's database (demo steps 10-$1)"
	local step n
	for step in demo/[0-9][0-9]_*.sql; do
		n=$(basename "$step")
		[ "$((10#${n%%_*}))" -le "$1" ] || continue
		psql -X -q -v ON_ERROR_STOP=1 -f "$step" >/dev/null 2>&1 ||
			{ echo "demo step $step failed" >&2; exit 1; }
	done
}
