import Link from "next/link";

export type PagerLabels = { nav: string; prev: string; next: string; position: string };

/**
 * Previous / "page n of m" / next for lists paged by number. The caller words the labels (each
 * feature has its own messages) and builds each page's URL, so filters stay in the link.
 */
export function Pager({ page, pages, hrefFor, labels }: { page: number; pages: number; hrefFor: (page: number) => string; labels: PagerLabels }) {
  if (pages <= 1) return null;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-2 hover:bg-slate-100";
  return (
    <nav aria-label={labels.nav} className="flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} rel="prev" className={link}>
          {labels.prev}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">{labels.position}</span>
      {page < pages ? (
        <Link href={hrefFor(page + 1)} rel="next" className={link}>
          {labels.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
