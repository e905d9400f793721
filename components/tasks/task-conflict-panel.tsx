"use client";

import { useFormatter, useTranslations } from "next-intl";
import { ConflictPanel } from "@/components/ui/conflict-panel";
import type { ConflictView } from "@/lib/platform/concurrency";

const LABELS: Record<string, string> = { owner: "ownerId", customer: "customerId", opportunity: "opportunityId" };

/** The conflict panel with the task's field names; times read in the browser's zone, like the form. */
export function TaskConflictPanel({ conflict, onOverwrite, pending }: { conflict: ConflictView; onOverwrite?: () => void; pending?: boolean }) {
  const t = useTranslations();
  const format = useFormatter();
  return (
    <ConflictPanel
      conflict={conflict}
      label={(f) => t(`tasks.fields.${LABELS[f] ?? f}`)}
      show={(f, v) => (f === "dueAt" || f === "reminderAt" ? format.dateTime(new Date(v), { dateStyle: "medium", timeStyle: "short" }) : f === "status" ? t(`tasks.statuses.${v}`) : v)}
      onOverwrite={onOverwrite}
      pending={pending}
    />
  );
}
