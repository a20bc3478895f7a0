import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file; migrations are applied by our own runner
// (lib/db/migrate.ts) because the native schema engine cannot be downloaded offline.
export default defineConfig({
  schema: "prisma/schema.prisma",
});
