-- Hand-written: pgvector is required for knowledge-base embeddings (ARCHITECTURE 8).
-- Servers without pgvector are stopped before this runs with instructions (lib/db/open-database.ts).
CREATE EXTENSION IF NOT EXISTS vector;
