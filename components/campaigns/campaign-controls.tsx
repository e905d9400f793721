"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import {
  addCostLineAction,
  type CampaignFormResult,
  changeCampaignStatusAction,
  launchCampaignAction,
  recordResponseAction,
  removeCostLineAction,
} from "@/lib/campaigns/actions";
import type { Snapshot } from "@/lib/platform/concurrency";

type Versioned = { id: number; version: number; snapshot: Snapshot };

function Outcome({ state }: { state: CampaignFormResult }) {
  const t = useTranslations();
  if (!state) return null;
  if (state.ok) return state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null;
  const first = Object.values(state.fieldErrors)[0];
  return <FormMessage tone="error">{t(first ?? state.message ?? "errors.unexpected")}</FormMessage>;
}

/** Launch now (with a confirmation step) and the plain status changes the workflow allows. */
export function CampaignStatusControls({ campaign, next, canLaunch }: { campaign: Versioned; next: string[]; canLaunch: boolean }) {
  const t = useTranslations();
  const [launchState, launch, launching] = useActionState<CampaignFormResult, FormData>(launchCampaignAction, null);
  const [statusState, change, changing] = useActionState<CampaignFormResult, FormData>(changeCampaignStatusAction, null);
  const [confirming, setConfirming] = useState(false);
  const hidden = (
    <>
      <input type="hidden" name="id" value={campaign.id} />
      <input type="hidden" name="version" value={campaign.version} />
      <input type="hidden" name="snapshot" value={JSON.stringify(campaign.snapshot)} />
    </>
  );
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        {canLaunch ? (
          confirming ? (
            <form action={launch} className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 p-2">
              {hidden}
              <span className="text-sm">{t("campaigns.actions.launchConfirm")}</span>
              <Button type="submit" disabled={launching}>
                {launching ? t("campaigns.actions.launching") : t("campaigns.actions.launchYes")}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
                {t("campaigns.actions.no")}
              </Button>
            </form>
          ) : (
            <Button type="button" onClick={() => setConfirming(true)} data-testid="launch-campaign">
              {t("campaigns.actions.launch")}
            </Button>
          )
        ) : null}
        {next.map((status) => (
          <form key={status} action={change}>
            {hidden}
            <input type="hidden" name="status" value={status} />
            <Button type="submit" variant="secondary" disabled={changing}>
              {t(`campaigns.actions.to.${status}`)}
            </Button>
          </form>
        ))}
      </div>
      <div aria-live="polite">
        <Outcome state={launchState} />
        <Outcome state={statusState} />
      </div>
    </div>
  );
}

export function AddCostForm({ campaignId, today }: { campaignId: number; today: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CampaignFormResult, FormData>(addCostLineAction, null);
  const failed = state && !state.ok ? state : null;
  const err = (f: string) => (failed?.fieldErrors[f] ? t(failed.fieldErrors[f]) : undefined);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" aria-label={t("campaigns.costs.add")}>
      <input type="hidden" name="campaignId" value={campaignId} />
      <Field id="cost-description" name="description" label={t("campaigns.costs.description")} defaultValue={failed?.values?.description ?? ""} error={err("description")} maxLength={300} />
      <Field id="cost-amount" name="amount" inputMode="decimal" label={t("campaigns.costs.amount")} defaultValue={failed?.values?.amount ?? ""} error={err("amount")} className="w-32" />
      <Field id="cost-date" name="incurredOn" type="date" label={t("campaigns.costs.incurredOn")} defaultValue={failed?.values?.incurredOn ?? today} error={err("incurredOn")} />
      <Button type="submit" disabled={pending}>
        {t("campaigns.costs.add")}
      </Button>
      <div aria-live="polite" className="w-full">
        {state?.ok ? <FormMessage tone="success">{t("campaigns.costs.added")}</FormMessage> : failed?.message && Object.keys(failed.fieldErrors).length === 0 ? <FormMessage tone="error">{t(failed.message)}</FormMessage> : null}
      </div>
    </form>
  );
}

export function RemoveCostButton({ campaignId, costId, label }: { campaignId: number; costId: number; label: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CampaignFormResult, FormData>(removeCostLineAction, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="costId" value={costId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={label}>
        {t("campaigns.costs.remove")}
      </Button>
      {state && !state.ok ? <span className="ml-2 text-sm text-red-700">{t(state.message ?? "errors.unexpected")}</span> : null}
    </form>
  );
}

const RESPONSE_CHOICES = ["CONTACTED", "RESPONDED", "CONVERTED", "DECLINED", "OPTED_OUT"] as const;

/** A member's response: a status and a save button, labelled with the customer's name. */
export function MemberResponseForm({ memberId, status, customerName }: { memberId: number; status: string; customerName: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CampaignFormResult, FormData>(recordResponseAction, null);
  const id = `member-${memberId}-status`;
  return (
    <form action={action} className="flex items-end gap-2">
      <input type="hidden" name="memberId" value={memberId} />
      <SelectField id={id} name="status" label={t("campaigns.members.recordFor", { name: customerName })} defaultValue={status === "TARGETED" ? "CONTACTED" : status} className="py-1">
        {RESPONSE_CHOICES.map((s) => (
          <option key={s} value={s}>
            {t(`campaigns.memberStatus.${s}`)}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("campaigns.members.record")}
      </Button>
      {state && !state.ok ? <span role="alert" className="text-sm text-red-700">{t(Object.values(state.fieldErrors)[0] ?? state.message ?? "errors.unexpected")}</span> : null}
    </form>
  );
}
