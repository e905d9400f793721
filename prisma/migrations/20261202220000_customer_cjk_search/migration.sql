-- The customer search for a term in Chinese characters: 王 (a surname some 7% of a Chinese base
-- shares), 王芳, 府井. The trigram indexes cannot look these up: pg_trgm takes trigrams from runs of
-- letters and digits, a one- or two-character term has none, and whether a CJK character counts as
-- a letter depends on the server's locale. Such a search read every customer (~110 ms at 100,000 on
-- PGlite, and ten times that at a million).
--
-- This index holds, for each customer, every character and every pair of adjacent characters of the
-- runs of non-ASCII characters in the name, e-mail and company (lower-cased, as the search compares).
-- A term's own grams (the same function on the term) are then a necessary condition for a match: a
-- run of a column that contains the term contains each of the term's characters and pairs. For a term
-- of one or two characters it is exact. The search keeps its LIKE test for the exact answer
-- (lib/customers/queries.ts filterConditions), and adds this condition only for a term with a
-- non-ASCII character (an ASCII term has no grams: the condition would hold for everyone).
--
-- ' ' joins the columns: ASCII, so no pair spans two columns.
CREATE FUNCTION "customer_search_grams"(name TEXT, email TEXT, company TEXT) RETURNS TEXT[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(run, i, k.n)), '{}')
    FROM regexp_split_to_table(lower(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(company, '')), '[\x01-\x7f]+') AS run
   CROSS JOIN LATERAL generate_series(1, char_length(run)) AS i
   CROSS JOIN (VALUES (1), (2)) AS k(n)
   WHERE i + k.n - 1 <= char_length(run)
$$;

-- Prisma's schema language cannot express an index on a function: schema.prisma names it in a
-- comment, and a generated migration diff would drop it: keep this one.
CREATE INDEX "Customer_search_grams_idx" ON "Customer" USING GIN ("customer_search_grams"("name", "email", "company"));
