import Link from "next/link";

export type KeysetPagerLabels = { nav: string; newest: string; older: string };

/**
 * "Newest" / "Older" for lists paged by a keyset cursor (newest first), where no page count exists:
 * the first page's link drops the cursor, the next page's carries it. Shown only when there is
 * somewhere to go. The caller words the labels and builds both URLs, so filters stay in the links.
 */
export function KeysetPager({ newestHref, olderHref, labels }: { newestHref: string | null; olderHref: string | null; labels: KeysetPagerLabels }) {
  if (!newestHref && !olderHref) return null;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-2 hover:bg-slate-100";
  return (
    <nav aria-label={labels.nav} className="flex items-center justify-between text-sm">
      {newestHref ? (
        <Link href={newestHref} className={link}>
          {labels.newest}
        </Link>
      ) : (
        <span />
      )}
      {olderHref ? (
        <Link href={olderHref} rel="next" className={link}>
          {labels.older}
        </Link>
      ) : null}
    </nav>
  );
}
