-- Hand-written: keep a chunk's embedding inside the row instead of in TOAST. A 384-dimension
-- vector (1.5 kB) plus the text pushed rows over the 2 kB TOAST threshold, so every exact
-- vector comparison cost about three extra buffer reads; small bots are searched exactly
-- (decision 016), where this made a 2,400-chunk bot's search about 3x faster. Vectors do
-- not compress, so MAIN keeps them inline unless a row could not fit a page at all.
-- Applies to rows written from now on; existing ones move when they are rewritten.
ALTER TABLE "chunks" ALTER COLUMN "embedding" SET STORAGE MAIN;

-- The tsvector stays inline too: full-text search ranks every matching row (ts_rank_cd reads
-- its tsvector), and with the embedding now inline the toaster would otherwise move or
-- compress the tsvector first. What goes out of line instead is the chunk's text, which a
-- search reads only for the few rows it returns.
ALTER TABLE "chunks" ALTER COLUMN "tsv" SET STORAGE MAIN;

-- MAIN alone does not keep a column inline: PostgreSQL still moves MAIN columns out of line
-- once a row exceeds toast_tuple_target (about 2 kB by default), and an embedding plus a
-- tsvector is more than that, so at 100,000 chunks ranking each full-text match cost ~5
-- buffer reads (the tsvector fetched from TOAST). A target of 4 kB keeps the embedding and the
-- tsvector inline and moves only a long chunk's text out.
ALTER TABLE "chunks" SET (toast_tuple_target = 4080);
