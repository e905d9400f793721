import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/platform/auth/permissions";
import { formatDateTime } from "@/lib/platform/format";
import { getSegment } from "@/lib/segments/queries";
import { segmentName } from "./segment-name";

/**
 * The drill context of a customer list filtered by a segment: which segment, how many members and
 * how fresh, a way back to the segment and a way out of the filter.
 */
export async function SegmentDrillChip({ user, segmentId, clearHref }: { user: Actor; segmentId: number; clearHref: string }) {
  const [t, segment] = await Promise.all([getTranslations(), getSegment(user, segmentId)]);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-slate-200 bg-brand-50 px-3 py-2 text-sm text-slate-700" data-testid="segment-context">
      <span className="font-medium">
        {segment
          ? t("segments.drill.chip", { name: segmentName(t, segment), count: segment.memberCount, at: segment.refreshedAt ? formatDateTime(segment.refreshedAt) : t("segments.drill.never") })
          : t("segments.drill.gone", { id: segmentId })}
      </span>
      {segment ? (
        <Link className="text-brand-700 underline" href={`/segments/${segmentId}`}>
          {t("segments.drill.open")}
        </Link>
      ) : null}
      <Link className="text-brand-700 underline" href={clearHref}>
        {t("segments.drill.clear")}
      </Link>
    </div>
  );
}
