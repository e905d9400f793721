"use client";

import { useTranslations } from "next-intl";
import { VersionedDeleteButton } from "@/components/ui/versioned-delete-button";
import type { Snapshot } from "@/lib/platform/concurrency";
import { deleteReplyTemplateAction } from "@/lib/tickets/template-actions";

/** Deletes one template behind a confirmation dialog, at the version the list showed. */
export function ReplyTemplateDeleteButton({ id, version, snapshot, name }: { id: number; version: number; snapshot: Snapshot; name: string }) {
  const t = useTranslations("service.templates");
  return (
    <VersionedDeleteButton
      id={id}
      version={version}
      snapshot={snapshot}
      action={deleteReplyTemplateAction}
      texts={{
        button: t("delete.button"),
        buttonLabel: t("delete.label", { name }),
        title: t("delete.title", { name }),
        body: t("delete.body"),
        cancel: t("delete.cancel"),
        confirm: t("delete.confirm"),
      }}
      fieldLabels="service.templates.fields"
      triggerVariant="secondary"
    />
  );
}
