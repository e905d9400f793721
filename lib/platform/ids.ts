import { notFound } from "next/navigation";
import { parseIdParam } from "./id-param";

/** For pages: the id, or the not-found page (a malformed id looks like a missing record). */
export function requireIdParam(raw: string | readonly string[] | undefined | null): number {
  const id = parseIdParam(raw);
  if (id === null) notFound();
  return id;
}
