"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { ConflictError } from "@/lib/dal/errors";
import { createProduct, updateProduct } from "@/lib/dal/products";
import { type ConflictView, expectedFromForm } from "@/lib/platform/concurrency";
import { versionSchema } from "@/lib/validation/customer";
import { productInputSchema } from "@/lib/validation/product";
import { dalFailure, fieldErrorsOf, type FormFailure } from "./form-result";

export type ProductFormResult =
  | { ok: true; message: string }
  | (FormFailure & { values?: Record<string, string>; conflict?: ConflictView })
  | null;

export async function saveProductAction(_prev: ProductFormResult, formData: FormData): Promise<ProductFormResult> {
  const user = await requireUser();
  const values: Record<string, string> = {};
  for (const k of ["sku", "name", "categoryId", "listPrice", "unitCost"]) {
    const v = formData.get(k);
    if (typeof v === "string") values[k] = v;
  }
  const parsed = productInputSchema.safeParse({ ...values, active: formData.get("active") === "on" });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "validation.fix", values };
  const rawId = formData.get("id");
  let id: number;
  try {
    if (rawId) {
      const target = versionSchema.safeParse(rawId);
      const expected = expectedFromForm(formData);
      if (!target.success || !expected) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
      id = target.data;
      await updateProduct(user, id, expected, parsed.data);
    } else {
      id = (await createProduct(user, parsed.data)).id;
    }
  } catch (error) {
    if (error instanceof ConflictError) return { ok: false, fieldErrors: {}, message: "products.errors.conflict", conflict: error.toView(), values };
    return { ...dalFailure(error), values };
  }
  revalidatePath("/products");
  if (!rawId) redirect("/products?saved=1");
  return { ok: true, message: "products.form.saved" };
}
