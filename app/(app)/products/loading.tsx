import { getTranslations } from "next-intl/server";

export default async function ProductsLoading() {
  const t = await getTranslations("common");
  return (
    <div role="status" aria-live="polite" className="mx-auto flex max-w-7xl flex-col gap-4">
      <span className="sr-only">{t("loading")}</span>
      <div className="h-8 w-40 animate-pulse rounded bg-slate-200" />
      <div className="h-16 animate-pulse rounded-lg bg-slate-200" />
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-10 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
