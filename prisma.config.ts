import { defineConfig } from "prisma/config";

// Prisma 7 reads no .env by itself and env() throws when a variable is unset; the embedded
// database needs no URL, so an unset DATABASE_URL is allowed here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
