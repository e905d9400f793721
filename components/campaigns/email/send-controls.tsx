"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { type CampaignEmailFormResult, changeCampaignEmailSendAction } from "@/lib/campaigns/email-actions";
import type { Snapshot } from "@/lib/platform/concurrency";

type Props = { campaignId: number; version: number; snapshot: Snapshot; changes: readonly ("start" | "pause" | "resume" | "cancel")[] };

/** Start, pause, resume and cancel buttons for the send (those the current state allows). */
export function SendControls({ campaignId, version, snapshot, changes }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CampaignEmailFormResult, FormData>(changeCampaignEmailSendAction, null);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {changes.map((change) => (
          <form key={change} action={action}>
            <input type="hidden" name="campaignId" value={campaignId} />
            <input type="hidden" name="version" value={version} />
            <input type="hidden" name="snapshot" value={JSON.stringify(snapshot)} />
            <input type="hidden" name="change" value={change} />
            <Button type="submit" variant={change === "cancel" ? "danger" : change === "start" ? "primary" : "secondary"} disabled={pending} data-testid={`send-${change}`}>
              {t(`campaignEmail.send.actions.${change}`)}
            </Button>
          </form>
        ))}
      </div>
      <div aria-live="polite">
        {state?.ok && state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null}
        {state && !state.ok ? <FormMessage tone="error">{t(Object.values(state.fieldErrors)[0] ?? state.message ?? "errors.unexpected")}</FormMessage> : null}
      </div>
    </div>
  );
}

/** Reloads the page's figures every few seconds while messages are being queued or delivered. */
export function ProgressRefresher({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 3_000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
