-- Hand-written (listed in the drift test): HNSW indexes for the other embedding sizes a bot
-- can choose (lib/kb/bot-embedder.ts SUPPORTED_DIMENSIONS). Partial, so each covers only the
-- chunks of its size; an empty one costs nothing.
CREATE INDEX "chunks_embedding_768_hnsw" ON "chunks"
  USING hnsw ((embedding::vector(768)) vector_cosine_ops) WHERE embedding_dims = 768;
CREATE INDEX "chunks_embedding_1024_hnsw" ON "chunks"
  USING hnsw ((embedding::vector(1024)) vector_cosine_ops) WHERE embedding_dims = 1024;
CREATE INDEX "chunks_embedding_1536_hnsw" ON "chunks"
  USING hnsw ((embedding::vector(1536)) vector_cosine_ops) WHERE embedding_dims = 1536;
