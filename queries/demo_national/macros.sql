-- Helpers of the national-shape demo generator (sinergi.data.demo.national_sql). Randomness is hash-based: a row's
-- key is a hash of (seed, row id), and draw(key, n) is its n-th uniform draw, computed the same way by any thread, so
-- the build is deterministic for a seed and runs in parallel without a random-number stream. (DuckDB's
-- multi-argument hash(a, b, c) combines weakly: hash(42, i, 1) and hash(42, i, 11) correlate at 0.97; a single
-- 64-bit value hashed after xor does not.)
-- privacy: admin-only (a statement of the demo generator, never read by a page)
create or replace temp macro u01(h) as h / 18446744073709551616.0;
create or replace temp macro row_key(seed, x) as hash(xor(hash(x), hash(seed)));
create or replace temp macro hdraw(key, n) as hash(xor(key, n::ubigint));
create or replace temp macro draw(key, n) as u01(hdraw(key, n));
create or replace temp macro gauss(key, n) as sqrt(-2 * ln(greatest(draw(key, n), 1e-12))) * cos(2 * pi() * draw(key, n + 1000));
-- one value from a list given cumulative thresholds (length one less than the list) and a uniform draw
create or replace temp macro pick(vals, cum, u) as vals[len(list_filter(cum, lambda x: x <= u)) + 1];
-- one element of a list by a hash, uniformly
create or replace temp macro any_of(vals, h) as vals[(h % len(vals))::bigint + 1]
