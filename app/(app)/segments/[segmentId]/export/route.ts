import { getCurrentUser } from "@/lib/platform/auth/session";
import { NotAllowedError } from "@/lib/platform/errors";
import { parseIdParam } from "@/lib/platform/id-param";
import { exportDefinition } from "@/lib/segments/queries";

/**
 * The segment's definition as a JSON download (the import form reads it back). The data layer checks
 * the right and audits the export; a segment the user may not read looks like one that does not exist.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ segmentId: string }> }): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return new Response("not allowed", { status: 401 });
  const id = parseIdParam((await params).segmentId);
  if (id === null) return new Response("not found", { status: 404 });
  try {
    const definition = await exportDefinition(user, id);
    const stem = definition.name.replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60) || `segment-${id}`;
    return new Response(`${JSON.stringify(definition, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="segment-${id}.json"; filename*=UTF-8''${encodeURIComponent(stem)}.json`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotAllowedError) return new Response("not found", { status: 404 });
    throw error;
  }
}
