-- AlterTable
ALTER TABLE "bots" ADD COLUMN     "vector_search" TEXT NOT NULL DEFAULT 'exact';
