"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { buildCallListAction, type CallListFormResult } from "@/lib/call-lists/actions";

type Options = {
  campaigns: { id: number; name: string }[];
  segments: { id: number; name: string; memberCount: number }[];
  agents: { id: number; name: string; role: string }[];
};

/** The build form: source (a running phone campaign or a segment), name, script, attempts, retry delay, agents. */
export function BuildCallListForm({ options, initial }: { options: Options; initial: { source: "campaign" | "segment"; campaignId: string; segmentId: string } }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CallListFormResult, FormData>(buildCallListAction, null);
  const failed = state && !state.ok ? state : null;
  const values = failed?.values ?? {};
  const [source, setSource] = useState<string>(values.source ?? initial.source);
  const err = (f: string) => (failed?.fieldErrors[f] ? t(failed.fieldErrors[f]) : undefined);
  const chosenAgents = new Set(failed?.lists?.agentIds ?? []);
  const agentsError = err("agentIds");
  return (
    <form action={action} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-label={t("callLists.form.title")} noValidate>
      {failed?.message ? <FormMessage tone="error">{t(failed.message)}</FormMessage> : null}
      <Field id="list-name" name="name" label={t("callLists.form.name")} required maxLength={160} defaultValue={values.name ?? ""} error={err("name")} />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-700">{t("callLists.form.source")}</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="source" value="campaign" checked={source === "campaign"} onChange={() => setSource("campaign")} />
            {t("callLists.form.fromCampaign")}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="source" value="segment" checked={source === "segment"} onChange={() => setSource("segment")} />
            {t("callLists.form.fromSegment")}
          </label>
        </div>
        {err("source") ? <p className="text-sm text-red-700">{err("source")}</p> : null}
      </fieldset>
      {source === "campaign" ? (
        <SelectField id="list-campaign" name="campaignId" label={t("callLists.form.campaign")} hint={t("callLists.form.campaignHint")} defaultValue={values.campaignId ?? initial.campaignId} error={err("campaignId")}>
          <option value="">{t("callLists.form.choose")}</option>
          {options.campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      ) : (
        <SelectField id="list-segment" name="segmentId" label={t("callLists.form.segment")} defaultValue={values.segmentId ?? initial.segmentId} error={err("segmentId")}>
          <option value="">{t("callLists.form.choose")}</option>
          {options.segments.map((s) => (
            <option key={s.id} value={s.id}>
              {t("callLists.form.segmentOption", { name: s.name, count: s.memberCount })}
            </option>
          ))}
        </SelectField>
      )}
      {source === "campaign" && options.campaigns.length === 0 ? <p className="text-sm text-slate-600">{t("callLists.form.noCampaigns")}</p> : null}
      <TextareaField id="list-script" name="script" label={t("callLists.form.script")} hint={t("callLists.form.scriptHint")} rows={5} maxLength={5000} defaultValue={values.script ?? ""} error={err("script")} />
      <div className="flex flex-wrap gap-4">
        <Field id="list-max-attempts" name="maxAttempts" type="number" min={1} max={10} label={t("callLists.form.maxAttempts")} defaultValue={values.maxAttempts ?? "3"} error={err("maxAttempts")} className="w-32" />
        <Field id="list-retry" name="retryMinutes" type="number" min={5} max={10080} label={t("callLists.form.retryMinutes")} defaultValue={values.retryMinutes ?? "120"} error={err("retryMinutes")} className="w-32" />
      </div>
      <fieldset className="flex flex-col gap-2" aria-describedby={agentsError ? "list-agents-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">{t("callLists.form.agents")}</legend>
        {options.agents.length === 0 ? (
          <p className="text-sm text-slate-600">{t("callLists.form.noAgents")}</p>
        ) : (
          <div className="grid max-h-64 grid-cols-1 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 text-sm sm:grid-cols-2">
            {options.agents.map((a) => (
              <label key={a.id} className="flex items-center gap-2">
                <input type="checkbox" name="agentIds" value={a.id} defaultChecked={chosenAgents.has(String(a.id))} />
                {a.name} <span className="text-slate-500">· {t(`roles.${a.role}`)}</span>
              </label>
            ))}
          </div>
        )}
        {agentsError ? (
          <p id="list-agents-error" className="text-sm text-red-700">
            {agentsError}
          </p>
        ) : null}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending} data-testid="build-call-list">
          {pending ? t("callLists.form.building") : t("callLists.form.submit")}
        </Button>
      </div>
    </form>
  );
}
