import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/lib/platform/auth/session";
import { customerImport } from "@/lib/customers/import";
import { runImport } from "@/lib/platform/import/handlers";

/** Runs the import in one transaction, streaming its progress and then the report as NDJSON. */
export async function POST(request: Request): Promise<Response> {
  return runImport(customerImport, request, await getCurrentUser(), () => revalidatePath("/customers"));
}
