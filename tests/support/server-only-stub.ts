// Replaces the `server-only` guard in Vitest, where no React Server Component bundle exists.
export {};
