-- CreateEnum
CREATE TYPE "SourceType" AS ENUM ('url', 'file', 'text', 'qa');

-- CreateEnum
CREATE TYPE "SourceStatus" AS ENUM ('queued', 'processing', 'ready', 'failed');

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('ready', 'failed');

-- CreateTable
CREATE TABLE "bots" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "public_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "languages" TEXT[] DEFAULT ARRAY['de']::TEXT[],
    "embedding_provider" TEXT NOT NULL DEFAULT 'offline',
    "embedding_model" TEXT NOT NULL DEFAULT 'chatwerk-hash-v1',
    "embedding_dimensions" INTEGER NOT NULL DEFAULT 384,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "bots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_sources" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "bot_id" TEXT NOT NULL,
    "type" "SourceType" NOT NULL,
    "name" TEXT NOT NULL,
    "status" "SourceStatus" NOT NULL DEFAULT 'queued',
    "config" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "document_count" INTEGER NOT NULL DEFAULT 0,
    "chunk_count" INTEGER NOT NULL DEFAULT 0,
    "failed_count" INTEGER NOT NULL DEFAULT 0,
    "schedule" TEXT NOT NULL DEFAULT 'none',
    "last_run_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "data_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "documents" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "bot_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "content_hash" TEXT NOT NULL,
    "status" "DocumentStatus" NOT NULL DEFAULT 'ready',
    "error" TEXT,
    "chunk_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "bots_public_id_key" ON "bots"("public_id");

-- CreateIndex
CREATE INDEX "bots_workspace_id_idx" ON "bots"("workspace_id");

-- CreateIndex
CREATE INDEX "data_sources_workspace_id_bot_id_idx" ON "data_sources"("workspace_id", "bot_id");

-- CreateIndex
CREATE INDEX "documents_workspace_id_bot_id_idx" ON "documents"("workspace_id", "bot_id");

-- CreateIndex
CREATE UNIQUE INDEX "documents_source_id_key_key" ON "documents"("source_id", "key");

-- AddForeignKey
ALTER TABLE "bots" ADD CONSTRAINT "bots_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_sources" ADD CONSTRAINT "data_sources_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_sources" ADD CONSTRAINT "data_sources_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "data_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;
