"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { type CampaignFormResult, createCampaignAction, updateCampaignAction } from "@/lib/campaigns/actions";
import { CAMPAIGN_TYPES } from "@/lib/campaigns/rules/status";
import { MAX_FATIGUE_DAYS, MAX_GRACE_DAYS, MAX_HOLDOUT_PCT } from "@/lib/campaigns/schema";
import type { Snapshot } from "@/lib/platform/concurrency";

export type CampaignFormValues = {
  id?: number;
  version?: number;
  snapshot?: Snapshot;
  /** Launched: the audience and what drew it are frozen (shown, sent unchanged). */
  launched: boolean;
  name: string;
  type: string;
  description: string;
  objective: string;
  offer: string;
  startDate: string;
  endDate: string;
  budget: string;
  expectedResponses: string;
  ownerId: string;
  graceDays: string;
  attributePromotedOnly: boolean;
  holdoutPct: string;
  fatigueDays: string;
  promotedProductIds: number[];
  promotedCategoryIds: number[];
  audience: "segment" | "filters";
  segmentId: string;
  audienceFilter: string;
};

type Option = { id: number; name: string };

export function CampaignForm({
  initial,
  owners,
  segments,
  products,
  categories,
  timeZone,
}: {
  initial: CampaignFormValues;
  owners: Option[];
  segments: (Option & { memberCount: number })[];
  products: Option[];
  categories: Option[];
  timeZone: string;
}) {
  const t = useTranslations();
  const editing = initial.id !== undefined;
  const [state, action, pending] = useActionState<CampaignFormResult, FormData>(editing ? updateCampaignAction : createCampaignAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const values = failed?.values;
  const lists = failed?.lists;
  const err = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  const value = (f: keyof CampaignFormValues & string) => values?.[f] ?? String(initial[f] ?? "");
  const conflict = failed?.conflict;
  const { base, formRef, overwrite } = useVersionBase(initial.version !== undefined && initial.snapshot ? { version: initial.version, snapshot: initial.snapshot } : null, conflict);
  const [audience, setAudience] = useState<"segment" | "filters">((values?.audience as "segment" | "filters" | undefined) ?? initial.audience);
  const frozen = initial.launched;
  const chosen = (f: "promotedProductIds" | "promotedCategoryIds") => (lists?.[f] ?? initial[f].map(String));

  return (
    <form ref={formRef} action={action} noValidate className="grid gap-4 sm:grid-cols-2" aria-label={t(editing ? "campaigns.form.editTitle" : "campaigns.form.newTitle")}>
      {editing ? <input type="hidden" name="id" value={initial.id} /> : null}
      <VersionFields base={base} />
      <div className="sm:col-span-2">
        <Field id="cmp-name" name="name" label={t("campaigns.fields.name")} defaultValue={value("name")} error={err("name")} required maxLength={160} />
      </div>
      {frozen ? (
        <>
          <input type="hidden" name="type" value={initial.type} />
          <p className="text-sm">
            <span className="font-medium text-slate-700">{t("campaigns.fields.type")}: </span>
            {t(`campaigns.type.${initial.type}`)}
          </p>
        </>
      ) : (
        <SelectField id="cmp-type" name="type" label={t("campaigns.fields.type")} defaultValue={value("type")} error={err("type")} required>
          {CAMPAIGN_TYPES.map((c) => (
            <option key={c} value={c}>
              {t(`campaigns.type.${c}`)}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField id="cmp-owner" name="ownerId" label={t("campaigns.fields.ownerId")} defaultValue={value("ownerId")} error={err("ownerId")} required>
        {owners.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      {frozen ? (
        <>
          <input type="hidden" name="startDate" value={initial.startDate} />
          <p className="text-sm">
            <span className="font-medium text-slate-700">{t("campaigns.fields.startDate")}: </span>
            {initial.startDate}
          </p>
        </>
      ) : (
        <Field id="cmp-start" name="startDate" type="date" label={t("campaigns.fields.startDate")} defaultValue={value("startDate")} error={err("startDate")} required />
      )}
      <Field id="cmp-end" name="endDate" type="date" label={t("campaigns.fields.endDate")} defaultValue={value("endDate")} error={err("endDate")} required />
      <p className="text-xs text-slate-500 sm:col-span-2">{t("campaigns.form.periodHint", { zone: timeZone })}</p>
      <Field id="cmp-budget" name="budget" inputMode="decimal" label={t("campaigns.fields.budget")} defaultValue={value("budget")} error={err("budget")} required />
      <Field
        id="cmp-expected"
        name="expectedResponses"
        inputMode="numeric"
        label={t("campaigns.fields.expectedResponses")}
        defaultValue={value("expectedResponses")}
        error={err("expectedResponses")}
        aria-describedby="cmp-expected-hint"
      />
      <p id="cmp-expected-hint" className="-mt-3 text-xs text-slate-500 sm:col-start-2">
        {t("campaigns.form.expectedHint")}
      </p>
      <div className="sm:col-span-2">
        <TextareaField id="cmp-objective" name="objective" rows={2} label={t("campaigns.fields.objective")} defaultValue={value("objective")} error={err("objective")} />
      </div>
      <div className="sm:col-span-2">
        <TextareaField id="cmp-offer" name="offer" rows={2} label={t("campaigns.fields.offer")} defaultValue={value("offer")} error={err("offer")} />
      </div>
      <div className="sm:col-span-2">
        <TextareaField id="cmp-description" name="description" rows={2} label={t("campaigns.fields.description")} defaultValue={value("description")} error={err("description")} />
      </div>
      <SelectField
        id="cmp-products"
        name="promotedProductIds"
        multiple
        size={6}
        label={t("campaigns.fields.promotedProductIds")}
        defaultValue={chosen("promotedProductIds")}
        error={err("promotedProductIds")}
        hint={t("campaigns.form.multiHint")}
      >
        {products.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="cmp-categories"
        name="promotedCategoryIds"
        multiple
        size={6}
        label={t("campaigns.fields.promotedCategoryIds")}
        defaultValue={chosen("promotedCategoryIds")}
        error={err("promotedCategoryIds")}
        hint={t("campaigns.form.multiHint")}
      >
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <Field id="cmp-grace" name="graceDays" inputMode="numeric" label={t("campaigns.fields.graceDays")} defaultValue={value("graceDays")} error={err("graceDays")} max={MAX_GRACE_DAYS} />
      <div className="flex flex-col gap-1">
        <label className="mt-6 flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" name="attributePromotedOnly" defaultChecked={values ? values.attributePromotedOnly === "on" : initial.attributePromotedOnly} aria-describedby={errors.attributePromotedOnly ? "cmp-promoted-error" : undefined} />
          {t("campaigns.fields.attributePromotedOnly")}
        </label>
        {err("attributePromotedOnly") ? (
          <p id="cmp-promoted-error" className="text-sm text-red-700">
            {err("attributePromotedOnly")}
          </p>
        ) : null}
      </div>

      <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3 sm:col-span-2">
        <legend className="px-1 text-sm font-semibold text-slate-800">{t("campaigns.form.audience")}</legend>
        {frozen ? (
          <>
            <input type="hidden" name="audience" value={initial.audience} />
            <input type="hidden" name="segmentId" value={initial.segmentId} />
            <input type="hidden" name="audienceFilter" value={initial.audienceFilter} />
            <input type="hidden" name="holdoutPct" value={initial.holdoutPct} />
            <input type="hidden" name="fatigueDays" value={initial.fatigueDays} />
            <p className="text-sm text-slate-600">{t("campaigns.form.frozen")}</p>
          </>
        ) : (
          <>
            <div className="flex flex-wrap gap-4" role="radiogroup" aria-label={t("campaigns.form.audience")}>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="audience" value="segment" checked={audience === "segment"} onChange={() => setAudience("segment")} />
                {t("campaigns.form.audienceSegment")}
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="audience" value="filters" checked={audience === "filters"} onChange={() => setAudience("filters")} />
                {t("campaigns.form.audienceFilters")}
              </label>
            </div>
            {audience === "segment" ? (
              <SelectField id="cmp-segment" name="segmentId" label={t("campaigns.fields.segmentId")} defaultValue={value("segmentId")} error={err("segmentId")}>
                <option value="">{t("campaigns.form.chooseSegment")}</option>
                {segments.map((s) => (
                  <option key={s.id} value={s.id}>
                    {t("campaigns.form.segmentOption", { name: s.name, count: s.memberCount })}
                  </option>
                ))}
              </SelectField>
            ) : (
              <Field
                id="cmp-filter"
                name="audienceFilter"
                label={t("campaigns.fields.audienceFilter")}
                defaultValue={value("audienceFilter")}
                error={err("audienceFilter")}
                aria-describedby="cmp-filter-hint"
                placeholder="region=East+China&tier=VIP"
              />
            )}
            {audience === "filters" ? (
              <p id="cmp-filter-hint" className="text-xs text-slate-500">
                {t("campaigns.form.filterHint")}{" "}
                <Link href="/customers" className="text-brand-700 underline">
                  {t("campaigns.form.openCustomerList")}
                </Link>
              </p>
            ) : null}
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="cmp-holdout" name="holdoutPct" inputMode="numeric" label={t("campaigns.fields.holdoutPct")} defaultValue={value("holdoutPct")} error={err("holdoutPct")} max={MAX_HOLDOUT_PCT} />
              <Field id="cmp-fatigue" name="fatigueDays" inputMode="numeric" label={t("campaigns.fields.fatigueDays")} defaultValue={value("fatigueDays")} error={err("fatigueDays")} max={MAX_FATIGUE_DAYS} />
            </div>
            <p className="text-xs text-slate-500">{t("campaigns.form.holdoutHint")}</p>
          </>
        )}
      </fieldset>

      <div className="flex flex-col gap-2 sm:col-span-2">
        {failed?.message ? <FormMessage tone="error">{t(failed.message)}</FormMessage> : null}
        {conflict ? (
          <ConflictPanel
            conflict={conflict}
            label={(f) => t(`campaigns.fields.${f}`)}
            show={(f, v) => (f === "type" ? t(`campaigns.type.${v}`) : f === "status" ? t(`campaigns.status.${v}`) : f === "ownerId" ? (owners.find((o) => String(o.id) === v)?.name ?? v) : undefined)}
            onOverwrite={() => overwrite()}
            pending={pending}
          />
        ) : null}
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {t(editing ? "campaigns.form.save" : "campaigns.form.create")}
          </Button>
          <Button variant="secondary" asChild>
            <Link href={editing ? `/campaigns/${initial.id}` : "/campaigns"}>{t("campaigns.form.cancel")}</Link>
          </Button>
        </div>
      </div>
    </form>
  );
}
