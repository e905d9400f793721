"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { PURCHASE_MODELS } from "@/lib/scoring/rules/purchase-model";
import { saveAnalyticsSettingsAction, type ScoreFormResult } from "@/lib/scoring/actions";
import type { AnalyticsSettings } from "@/lib/scoring/rules/settings";
import type { Snapshot } from "@/lib/platform/concurrency";

type FieldSpec = { name: string; value: number; percent?: boolean };

function pct(v: number): number {
  return Math.round(v * 100 * 1e6) / 1e6;
}

/** The tunable cut points and model settings; percentages on screen, fractions in storage. */
export function AnalyticsSettingsForm({ settings, version, snapshot }: { settings: AnalyticsSettings; version: number; snapshot: Snapshot }) {
  const t = useTranslations();
  const [result, action, pending] = useActionState<ScoreFormResult, FormData>(saveAnalyticsSettingsAction, null);
  const conflict = result && !result.ok ? result.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  const errors = result && !result.ok ? result.fieldErrors : {};
  const submitted = result && !result.ok ? result.values : undefined;
  const groups: { title: string; fields: FieldSpec[] }[] = [
    {
      title: t("adminScores.settings.groups.tiers"),
      fields: [
        { name: "periodMonths", value: settings.periodMonths },
        { name: "pyramid.vip", value: pct(settings.pyramid.vip), percent: true },
        { name: "pyramid.major", value: pct(settings.pyramid.major), percent: true },
        { name: "pyramid.medium", value: pct(settings.pyramid.medium), percent: true },
        { name: "abc.shareA", value: pct(settings.abc.shareA), percent: true },
        { name: "abc.shareB", value: pct(settings.abc.shareB), percent: true },
      ],
    },
    {
      title: t("adminScores.settings.groups.clv"),
      fields: [
        { name: "clv.horizonMonths", value: settings.clv.horizonMonths },
        { name: "clv.annualDiscountRate", value: pct(settings.clv.annualDiscountRate), percent: true },
        { name: "churnAlertThreshold", value: pct(settings.churnAlertThreshold), percent: true },
        { name: "upgradeHorizonDays", value: settings.upgradeHorizonDays },
      ],
    },
    {
      title: t("adminScores.settings.groups.lifecycle"),
      fields: [
        { name: "lifecycle.acquisitionDays", value: settings.lifecycle.acquisitionDays },
        { name: "lifecycle.buildUpDays", value: settings.lifecycle.buildUpDays },
        { name: "lifecycle.declineInactiveDays", value: settings.lifecycle.declineInactiveDays },
        { name: "lifecycle.exitInactiveDays", value: settings.lifecycle.exitInactiveDays },
        { name: "lifecycle.declinePAlive", value: settings.lifecycle.declinePAlive },
        { name: "lifecycle.exitPAlive", value: settings.lifecycle.exitPAlive },
        { name: "lifecycle.declineDrop", value: pct(settings.lifecycle.declineDrop), percent: true },
        { name: "lifecycle.growthRise", value: pct(settings.lifecycle.growthRise), percent: true },
      ],
    },
    {
      title: t("adminScores.settings.groups.rules"),
      fields: [
        { name: "rules.minSupport", value: pct(settings.rules.minSupport), percent: true },
        { name: "rules.minConfidence", value: pct(settings.rules.minConfidence), percent: true },
        { name: "rules.minLift", value: settings.rules.minLift },
      ],
    },
  ];
  const errorFor = (name: string) => {
    const key = errors[name] ?? errors[name.split(".")[0]];
    return key ? t(key) : undefined;
  };
  const percentField = new Set(groups.flatMap((g) => g.fields.filter((f) => f.percent).map((f) => f.name)));
  const fieldLabel = (name: string) => t(`adminScores.settings.fields.${name.replace(".", "_")}`);
  // Stored values are fractions; the panel shows them as the form does.
  const show = (name: string, v: string) => (name === "purchaseModel" ? t(`adminScores.purchaseModelOptions.${v}`) : percentField.has(name) ? `${pct(Number(v))} %` : v);
  return (
    <form ref={formRef} action={action} className="flex flex-col gap-5" noValidate>
      <VersionFields base={base} />
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
          {result.message ? t(result.message) : null}
        </p>
      ) : null}
      {conflict ? <ConflictPanel conflict={conflict} label={fieldLabel} show={show} onOverwrite={overwrite} pending={pending} /> : null}
      {groups.map((group) => (
        <fieldset key={group.title} className="grid gap-3 md:grid-cols-3">
          <legend className="mb-2 text-sm font-semibold text-slate-800">{group.title}</legend>
          {group.title === t("adminScores.settings.groups.clv") ? (
            <SelectField
              id="s-purchaseModel"
              name="purchaseModel"
              label={t("adminScores.settings.fields.purchaseModel")}
              defaultValue={submitted?.purchaseModel ?? settings.purchaseModel}
              error={errorFor("purchaseModel")}
            >
              {PURCHASE_MODELS.map((m) => (
                <option key={m} value={m}>
                  {t(`adminScores.purchaseModelOptions.${m}`)}
                </option>
              ))}
            </SelectField>
          ) : null}
          {group.fields.map((f) => (
            <Field
              key={f.name}
              id={`s-${f.name}`}
              name={f.name}
              type="number"
              step="any"
              inputMode="decimal"
              defaultValue={submitted?.[f.name] ?? f.value}
              label={`${t(`adminScores.settings.fields.${f.name.replace(".", "_")}`)}${f.percent ? " (%)" : ""}`}
              error={errorFor(f.name)}
            />
          ))}
        </fieldset>
      ))}
      <div>
        <Button type="submit" disabled={pending}>
          {t("adminScores.settings.save")}
        </Button>
      </div>
    </form>
  );
}
