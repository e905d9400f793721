import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ProductForm } from "@/components/products/product-form";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getProduct, listCategories } from "@/lib/products/mutations";
import { requireIdParam } from "@/lib/platform/ids";

type Props = { params: Promise<{ productId: string }> };

export async function generateMetadata() {
  const t = await getTranslations("products");
  return { title: t("form.edit") };
}

/** Editing a product is the admin's; everyone else reads the price list. */
export default async function ProductPage({ params }: Props) {
  const user = await requireUser();
  if (!can(user, "product.edit")) notFound();
  const id = requireIdParam((await params).productId);
  const [product, categories] = await Promise.all([getProduct(user, id), listCategories(user)]);
  if (!product || product.unitCost === null) notFound();
  const t = await getTranslations("products");
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <nav aria-label={t("form.breadcrumb")} className="text-sm">
        <Link href="/products" className="text-brand-700 hover:underline">
          {t("list.title")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{product.name}</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <ProductForm
          key={product.version}
          categories={categories}
          product={{ ...product, unitCost: product.unitCost, categoryId: product.category.id }}
        />
      </div>
    </div>
  );
}
