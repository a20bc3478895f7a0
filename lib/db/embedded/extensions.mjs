// The PGlite extensions every embedded database loads (the app's worker, test scratch
// databases, benches): pgvector for embeddings and btree_gin for the bot-scoped full-text
// index (migration 20261122072813). Plain JavaScript so the worker thread can import it.
import { vector } from "@electric-sql/pglite-pgvector";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";

export const PGLITE_EXTENSIONS = { vector, btree_gin };
