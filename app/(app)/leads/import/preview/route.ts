import { getCurrentUser } from "@/lib/platform/auth/session";
import { leadImport } from "@/lib/leads/import";
import { previewImport } from "@/lib/platform/import/handlers";

/** The file's columns, the mapping and the first rows with their problems; writes nothing. */
export async function POST(request: Request): Promise<Response> {
  return previewImport(leadImport, request, await getCurrentUser());
}
