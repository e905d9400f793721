import { getTranslations } from "next-intl/server";
import { cn } from "./cn";

/**
 * The loading state of a list page: a title bar, a filter block and placeholder rows (or cards, for
 * the board), announced to screen readers as loading.
 */
export async function PageSkeleton({ filterHeight = "h-16", rows = 6, cards = false }: { filterHeight?: string; rows?: number; cards?: boolean }) {
  const t = await getTranslations("common");
  const placeholders = Array.from({ length: rows }, (_, i) => <div key={i} className={cn("animate-pulse rounded", cards ? "h-24 bg-slate-100" : "h-10 bg-slate-100")} />);
  return (
    <div role="status" aria-live="polite" className="mx-auto flex max-w-7xl flex-col gap-4">
      <span className="sr-only">{t("loading")}</span>
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      <div className={cn(filterHeight, "animate-pulse rounded-lg bg-slate-200")} />
      {cards ? <div className="grid gap-3 md:grid-cols-4">{placeholders}</div> : placeholders}
    </div>
  );
}
