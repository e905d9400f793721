"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { type AppointmentFormResult, completeAppointmentAction } from "@/lib/calendar/actions";

export function CompleteAppointmentButton({ id, hasCustomer }: { id: number; hasCustomer: boolean }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<AppointmentFormResult, FormData>(completeAppointmentAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-slate-600">{t(hasCustomer ? "calendar.complete.hintTouchpoint" : "calendar.complete.hintNoCustomer")}</p>
      <div>
        <Button type="submit" disabled={pending}>
          {t("calendar.complete.button")}
        </Button>
      </div>
      {state?.ok ? <FormMessage tone="success">{t("calendar.completed")}</FormMessage> : null}
      {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
    </form>
  );
}
