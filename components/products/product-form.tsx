"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { type ProductFormResult, saveProductAction } from "@/lib/products/actions";
import { formatMoney } from "@/lib/platform/format";
import type { Snapshot } from "@/lib/platform/concurrency";

type ProductValues = { id: number; sku: string; name: string; categoryId: number; listPrice: string; unitCost: string; active: boolean; version: number; snapshot: Snapshot };

export function ProductForm({ product, categories }: { product?: ProductValues; categories: { id: number; name: string }[] }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ProductFormResult, FormData>(saveProductAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const err = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  const submitted = state && !state.ok ? state.values : undefined;
  const val = (f: string, saved: string | undefined) => submitted?.[f] ?? saved ?? "";
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase(product ? { version: product.version, snapshot: product.snapshot } : null, conflict);
  return (
    <form ref={formRef} action={action} noValidate className="flex flex-col gap-4" aria-label={product ? t("products.form.edit") : t("products.form.create")}>
      {product ? (
        <>
          <input type="hidden" name="id" value={product.id} />
          <VersionFields base={base} />
        </>
      ) : null}
      {state?.ok ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null}
      {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
      {conflict ? (
        <ConflictPanel
          conflict={conflict}
          label={(f) => t(`products.fields.${f}`)}
          show={(f, v) => (f === "listPrice" || f === "unitCost" ? formatMoney(v) : undefined)}
          yours={(f) => (f === "active" ? undefined : submitted?.[f])}
          onOverwrite={overwrite}
          pending={pending}
        />
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="pr-sku" name="sku" label={t("products.fields.sku")} defaultValue={val("sku", product?.sku)} error={err("sku")} required autoComplete="off" />
        <Field id="pr-name" name="name" label={t("products.fields.name")} defaultValue={val("name", product?.name)} error={err("name")} required />
        <SelectField id="pr-categoryId" name="categoryId" label={t("products.fields.category")} defaultValue={val("categoryId", product ? String(product.categoryId) : "")} error={err("categoryId")} required>
          <option value="">{t("products.form.chooseCategory")}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <label className="flex items-center gap-2 self-end text-sm">
          <input type="checkbox" name="active" defaultChecked={submitted ? submitted.active === "on" : product ? product.active : true} />
          {t("products.fields.active")}
        </label>
        <Field id="pr-listPrice" name="listPrice" inputMode="decimal" label={t("products.fields.listPrice")} defaultValue={val("listPrice", product?.listPrice)} error={err("listPrice")} required placeholder="0.00" />
        <Field id="pr-unitCost" name="unitCost" inputMode="decimal" label={t("products.fields.unitCost")} defaultValue={val("unitCost", product?.unitCost)} error={err("unitCost")} required placeholder="0.00" />
      </div>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {t("products.form.save")}
        </Button>
      </div>
    </form>
  );
}
