-- Knowledge chunks with pgvector embeddings (skipped on servers without pgvector in tests).
-- CreateTable
CREATE TABLE "chunks" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "bot_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "document_id" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "title_path" TEXT NOT NULL,
    "url" TEXT,
    "language" TEXT NOT NULL DEFAULT 'simple',
    "embedding_dims" INTEGER NOT NULL,
    "embedding" vector,
    "tsv" tsvector,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chunks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "chunks_workspace_id_bot_id_idx" ON "chunks"("workspace_id", "bot_id");

-- CreateIndex
CREATE INDEX "chunks_document_id_idx" ON "chunks"("document_id");

-- AddForeignKey
ALTER TABLE "chunks" ADD CONSTRAINT "chunks_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chunks" ADD CONSTRAINT "chunks_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chunks" ADD CONSTRAINT "chunks_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "data_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chunks" ADD CONSTRAINT "chunks_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (not expressible in schema.prisma; listed in the drift test):

-- Full-text vector kept by a trigger: the text-search configuration follows the chunk's
-- language, and a generated column cannot use regconfig lookups (not immutable).
CREATE FUNCTION chunks_tsv_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.tsv := setweight(to_tsvector(
      (CASE NEW.language WHEN 'german' THEN 'german' WHEN 'english' THEN 'english' ELSE 'simple' END)::regconfig,
      coalesce(NEW.title_path, '')), 'A')
    || setweight(to_tsvector(
      (CASE NEW.language WHEN 'german' THEN 'german' WHEN 'english' THEN 'english' ELSE 'simple' END)::regconfig,
      NEW.text), 'B');
  RETURN NEW;
END
$$;

CREATE TRIGGER chunks_tsv BEFORE INSERT OR UPDATE OF text, title_path, language ON "chunks"
  FOR EACH ROW EXECUTE FUNCTION chunks_tsv_update();

CREATE INDEX "chunks_tsv_gin" ON "chunks" USING gin ("tsv");

-- One HNSW index per embedding dimension, used by queries that filter on embedding_dims
-- and cast to the same type (lib/kb/search).
CREATE INDEX "chunks_embedding_384_hnsw" ON "chunks"
  USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE embedding_dims = 384;
