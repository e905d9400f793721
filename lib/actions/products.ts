"use server";

import { z } from "zod";
import { createProduct, updateProduct } from "@/lib/dal/products";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { checkbox } from "@/lib/platform/form-fields";
import { optionalIdField } from "@/lib/platform/ids";
import { productInputSchema } from "@/lib/validation/product";

export type ProductFormResult = FormResult<{ message: string }>;

/** An edit carries the product's updatedAt as loaded (an ISO instant): its concurrency token. */
const loadedAt = z
  .union([z.literal(""), z.iso.datetime()])
  .optional()
  .transform((v) => (v ? new Date(v) : null));

export const saveProductAction = formAction({
  name: "products.save",
  schema: productInputSchema.extend({ id: optionalIdField(), updatedAt: loadedAt, active: checkbox() }),
  messages: { conflict: "products.errors.conflict" },
  refuseOn: ["id", "updatedAt"],
  handler: async ({ id, updatedAt, ...input }, user) => {
    if (id === null) {
      await createProduct(user, input);
      return { ok: true, message: "products.form.saved", created: true };
    }
    if (updatedAt === null) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
    await updateProduct(user, id, updatedAt, input);
    return { ok: true, message: "products.form.saved", created: false };
  },
  revalidate: ["/products"],
  redirect: (_input, { created }) => (created ? "/products?saved=1" : null),
});
