-- params: reading the jsonb options of request_plan and generate_population
-- strictly.  Each helper returns the value of one key (or the default when
-- the key is absent) and raises 22023 naming the key and the value when the
-- value has the wrong JSON type, so that "minimum": "ten" or "exclude":
-- "0301" get a message instead of a cast error.

CREATE FUNCTION @extschema@._param_object(params pg_catalog.jsonb, allowed pg_catalog.text[],
                                          label pg_catalog.text)
RETURNS pg_catalog.jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    bad text;
BEGIN
    IF params IS NULL THEN
        RETURN '{}';
    END IF;
    IF jsonb_typeof(params) <> 'object' THEN
        RAISE EXCEPTION '% must be a JSON object, not %', label, params::text
            USING ERRCODE = '22023', HINT = format('Pass an object with the keys %s.', array_to_string(allowed, ', '));
    END IF;
    SELECT string_agg(format('"%s"', k), ', ' ORDER BY k) INTO bad
    FROM jsonb_object_keys(params) AS k WHERE NOT k = ANY (allowed);
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'unknown key(s) in %: %', label, bad
            USING ERRCODE = '22023', HINT = format('%s takes: %s.', label, array_to_string(allowed, ', '));
    END IF;
    RETURN params;
END;
$$;
COMMENT ON FUNCTION @extschema@._param_object(pg_catalog.jsonb, pg_catalog.text[], pg_catalog.text) IS
    'internal: the options object (''{}'' when NULL), refused (22023) when it is not an object or has a key outside allowed';

CREATE FUNCTION @extschema@._param_typed(params pg_catalog.jsonb, key pg_catalog.text,
                                         want pg_catalog.text, label pg_catalog.text)
RETURNS pg_catalog.jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v jsonb := params -> key;
BEGIN
    IF v IS NOT NULL AND jsonb_typeof(v) <> want THEN
        RAISE EXCEPTION '% "%" must be % %, not %', label, key,
                CASE WHEN want IN ('array', 'object') THEN 'an' ELSE 'a' END, want, v::text
            USING ERRCODE = '22023',
                  HINT = CASE want WHEN 'number' THEN 'Write the number without quotes, e.g. 10 or 0.5.'
                                   WHEN 'array' THEN format('E.g. {"%s": ["0301", "4601"]}.', key)
                                   ELSE format('Write "%s" as a JSON %s.', key, want) END;
    END IF;
    RETURN v;
END;
$$;
COMMENT ON FUNCTION @extschema@._param_typed(pg_catalog.jsonb, pg_catalog.text, pg_catalog.text, pg_catalog.text) IS
    'internal: the JSON value under key (NULL when absent), refused (22023, naming key and value) unless of the JSON type want';

CREATE FUNCTION @extschema@._param_number(params pg_catalog.jsonb, key pg_catalog.text,
                                          dflt pg_catalog.numeric, label pg_catalog.text)
RETURNS pg_catalog.numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN COALESCE(@extschema@._param_typed(params, key, 'number', label)::pg_catalog.numeric, dflt);
COMMENT ON FUNCTION @extschema@._param_number(pg_catalog.jsonb, pg_catalog.text, pg_catalog.numeric, pg_catalog.text) IS
    'internal: the JSON number under key (dflt when absent); anything else is 22023 naming the key and the value';

CREATE FUNCTION @extschema@._param_int(params pg_catalog.jsonb, key pg_catalog.text,
                                       dflt pg_catalog.int4, label pg_catalog.text)
RETURNS pg_catalog.int4
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    x numeric := @extschema@._param_number(params, key, dflt, label);
BEGIN
    IF x IS NOT NULL AND (x <> trunc(x) OR x NOT BETWEEN -2147483648 AND 2147483647) THEN
        RAISE EXCEPTION '% "%" must be an integer, not %', label, key, x
            USING ERRCODE = '22023';
    END IF;
    RETURN x::int4;
END;
$$;
COMMENT ON FUNCTION @extschema@._param_int(pg_catalog.jsonb, pg_catalog.text, pg_catalog.int4, pg_catalog.text) IS
    'internal: the JSON integer under key (dflt when absent); anything else is 22023 naming the key and the value';

CREATE FUNCTION @extschema@._param_text(params pg_catalog.jsonb, key pg_catalog.text,
                                        dflt pg_catalog.text, label pg_catalog.text)
RETURNS pg_catalog.text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN COALESCE(@extschema@._param_typed(params, key, 'string', label) OPERATOR(pg_catalog.#>>) '{}', dflt);
COMMENT ON FUNCTION @extschema@._param_text(pg_catalog.jsonb, pg_catalog.text, pg_catalog.text, pg_catalog.text) IS
    'internal: the JSON string under key (dflt when absent); anything else is 22023 naming the key and the value';

CREATE FUNCTION @extschema@._param_text_list(params pg_catalog.jsonb, key pg_catalog.text,
                                             label pg_catalog.text)
RETURNS pg_catalog.text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v jsonb := @extschema@._param_typed(params, key, 'array', label);
BEGIN
    IF v IS NULL THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(v) e WHERE jsonb_typeof(e) <> 'string') THEN
        RAISE EXCEPTION '% "%" must be an array of strings, not %', label, key, v::text
            USING ERRCODE = '22023', HINT = format('E.g. {"%s": ["0301", "4601"]}.', key);
    END IF;
    RETURN ARRAY(SELECT jsonb_array_elements_text(v));
END;
$$;
COMMENT ON FUNCTION @extschema@._param_text_list(pg_catalog.jsonb, pg_catalog.text, pg_catalog.text) IS
    'internal: the JSON array of strings under key (NULL when absent); anything else is 22023 naming the key and the value';
