-- bots.vector_search comes from 20261122072815_bot_search_mode (kept apart so servers
-- without pgvector, like the native test server, can apply it without this one).

-- AlterTable
ALTER TABLE "chunks" ADD COLUMN     "ann" BOOLEAN NOT NULL DEFAULT false;

-- Hand-written (listed in the drift test):

-- Full-text search is always scoped to one bot: a GIN index on (bot_id, tsv) lets the
-- index scan itself stay inside the bot instead of collecting every tenant's matches first
-- (btree_gin supplies the GIN operator class for text; a contrib extension shipped with
-- PostgreSQL and PGlite).
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP INDEX IF EXISTS "chunks_tsv_gin";
CREATE INDEX "chunks_bot_tsv_gin" ON "chunks" USING gin ("bot_id", "tsv");

-- Small bots are searched exactly and stay out of the HNSW graphs (inserting into them was
-- most of the ingestion time); a bot that grows past the threshold is moved into them by a
-- background job (lib/kb/vector-index.ts). Chunks that exist now stay in the graphs, so
-- nothing is rebuilt from scratch; the job promotes their bots when it first runs.
UPDATE "chunks" SET "ann" = true;

DROP INDEX IF EXISTS "chunks_embedding_384_hnsw";
DROP INDEX IF EXISTS "chunks_embedding_768_hnsw";
DROP INDEX IF EXISTS "chunks_embedding_1024_hnsw";
DROP INDEX IF EXISTS "chunks_embedding_1536_hnsw";
CREATE INDEX "chunks_embedding_384_hnsw" ON "chunks"
  USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE embedding_dims = 384 AND ann;
CREATE INDEX "chunks_embedding_768_hnsw" ON "chunks"
  USING hnsw ((embedding::vector(768)) vector_cosine_ops) WHERE embedding_dims = 768 AND ann;
CREATE INDEX "chunks_embedding_1024_hnsw" ON "chunks"
  USING hnsw ((embedding::vector(1024)) vector_cosine_ops) WHERE embedding_dims = 1024 AND ann;
CREATE INDEX "chunks_embedding_1536_hnsw" ON "chunks"
  USING hnsw ((embedding::vector(1536)) vector_cosine_ops) WHERE embedding_dims = 1536 AND ann;
