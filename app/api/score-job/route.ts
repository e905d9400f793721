import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/platform/auth/session";
import { NotAllowedError } from "@/lib/platform/errors";
import { getScoreJobStatus } from "@/lib/scoring/jobs";

// Polled by the admin page for the progress bar of a running recompute.
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  try {
    return NextResponse.json(await getScoreJobStatus(user), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof NotAllowedError) return NextResponse.json({ error: "not allowed" }, { status: 403 });
    throw error;
  }
}
