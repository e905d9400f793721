import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/lib/platform/auth/session";
import { productImport } from "@/lib/products/import";
import { runImport } from "@/lib/platform/import/handlers";

/** Runs the import in one transaction, streaming its progress and then the report as NDJSON. */
export async function POST(request: Request): Promise<Response> {
  return runImport(productImport, request, await getCurrentUser(), () => revalidatePath("/products"));
}
