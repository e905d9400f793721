"use server";

import { createProduct, updateProduct } from "@/lib/products/mutations";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { checkbox, expectedOf, optionalIdField, snapshotField } from "@/lib/platform/form-fields";

import { productInputSchema } from "@/lib/products/schema";

export type ProductFormResult = FormResult<{ message: string }>;

export const saveProductAction = formAction({
  name: "products.save",
  // An edit carries the version it was loaded at and what the form showed (lib/platform/concurrency.ts).
  schema: productInputSchema.extend({ id: optionalIdField(), version: optionalIdField(), snapshot: snapshotField(), active: checkbox() }),
  messages: { conflict: "products.errors.conflict" },
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot, ...input }, user) => {
    if (id === null) {
      await createProduct(user, input);
      return { ok: true, message: "products.form.saved", created: true };
    }
    if (version === null) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
    await updateProduct(user, id, expectedOf({ version, snapshot }), input);
    return { ok: true, message: "products.form.saved", created: false };
  },
  revalidate: ["/products"],
  redirect: (_input, { created }) => (created ? "/products?saved=1" : null),
});
