import type { Extension } from "@electric-sql/pglite";

export declare const PGLITE_EXTENSIONS: { vector: Extension; btree_gin: Extension };
