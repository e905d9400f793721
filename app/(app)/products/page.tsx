import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { listCategories, listProducts, parseProductQuery, type ProductDto, type ProductQuery } from "@/lib/products/mutations";
import { formatMoney } from "@/lib/platform/format";
import { Pager } from "@/components/ui/pager";

export async function generateMetadata() {
  const t = await getTranslations("products");
  return { title: t("list.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function queryString(q: ProductQuery): string {
  const s = new URLSearchParams();
  if (q.q) s.set("q", q.q);
  if (q.categoryId) s.set("category", String(q.categoryId));
  if (q.active !== "active") s.set("active", q.active);
  if (q.page > 1) s.set("page", String(q.page));
  const text = s.toString();
  return text ? `/products?${text}` : "/products";
}

export default async function ProductsPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const query = parseProductQuery(params);
  if (Object.entries(params).some(([k, v]) => v === "" && k !== "saved")) redirect(queryString(query));
  const t = await getTranslations("products");
  const tImport = await getTranslations("productImport");
  const [page, categories] = await Promise.all([listProducts(user, query), listCategories(user)]);
  const editable = can(user, "product.edit");
  // Rows arrive ordered by category: group consecutive rows under their category's heading.
  const groups: { category: string; items: ProductDto[] }[] = [];
  for (const item of page.items) {
    const last = groups[groups.length - 1];
    if (last && last.category === item.category.name) last.items.push(item);
    else groups.push({ category: item.category.name, items: [item] });
  }
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("list.title")}</h1>
        {editable ? (
          <div className="flex gap-2">
            <Button asChild>
              <Link href="/products/new">{t("list.new")}</Link>
            </Button>
            <Button variant="secondary" asChild>
              <Link href="/products/import">{tImport("nav")}</Link>
            </Button>
          </div>
        ) : null}
      </div>
      {params.saved === "1" ? <FormMessage tone="success">{t("form.saved")}</FormMessage> : null}
      <form method="get" action="/products" role="search" aria-label={t("filters.label")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4">
        <div className="sm:col-span-2">
          <Field id="pf-q" name="q" type="search" label={t("filters.search")} defaultValue={query.q ?? ""} placeholder={t("filters.searchHint")} />
        </div>
        <SelectField id="pf-category" name="category" label={t("fields.category")} defaultValue={query.categoryId ? String(query.categoryId) : ""}>
          <option value="">{t("filters.any")}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="pf-active" name="active" label={t("fields.active")} defaultValue={query.active}>
          <option value="active">{t("filters.active")}</option>
          <option value="inactive">{t("filters.inactive")}</option>
          <option value="all">{t("filters.all")}</option>
        </SelectField>
        <div className="flex gap-2 sm:col-span-4">
          <Button type="submit">{t("filters.apply")}</Button>
          <Button variant="secondary" asChild>
            <Link href="/products">{t("filters.clear")}</Link>
          </Button>
        </div>
      </form>
      <p className="text-sm text-slate-600" role="status">
        {t("list.count", { count: page.total })}
      </p>
      {groups.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">{t("list.empty")}</h2>
        </div>
      ) : (
        groups.map((g) => (
          <section key={g.category} aria-labelledby={`cat-${g.category}`} className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <h2 id={`cat-${g.category}`} className="border-b border-slate-200 px-3 py-2 text-base font-semibold">
              {g.category}
            </h2>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{g.category}</caption>
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">{t("fields.sku")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("fields.name")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("fields.listPrice")}</th>
                  {page.showCost ? <th scope="col" className="px-3 py-2 text-right font-medium">{t("fields.unitCost")}</th> : null}
                  <th scope="col" className="px-3 py-2 font-medium">{t("fields.active")}</th>
                </tr>
              </thead>
              <tbody>
                {g.items.map((p) => (
                  <tr key={p.id} className="border-t border-slate-100">
                    <td className="px-3 py-2 font-mono text-xs">{p.sku}</td>
                    <td className="px-3 py-2">
                      {editable ? (
                        <Link href={`/products/${p.id}`} className="text-brand-700 hover:underline">
                          {p.name}
                        </Link>
                      ) : (
                        p.name
                      )}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums" data-testid="list-price">{formatMoney(p.listPrice)}</td>
                    {page.showCost ? <td className="px-3 py-2 text-right tabular-nums">{formatMoney(p.unitCost)}</td> : null}
                    <td className="px-3 py-2">{p.active ? <Badge tone="green">{t("filters.active")}</Badge> : <Badge>{t("filters.inactive")}</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
      <Pager
        page={query.page}
        pages={page.pages}
        hrefFor={(n) => queryString({ ...query, page: n })}
        labels={{ nav: t("list.pagination"), prev: t("list.prev"), next: t("list.next"), position: t("list.page", { page: query.page, pages: page.pages }) }}
      />
    </div>
  );
}
