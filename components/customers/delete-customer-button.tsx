"use client";

import { useTranslations } from "next-intl";
import { VersionedDeleteButton } from "@/components/ui/versioned-delete-button";
import { deleteCustomerAction } from "@/lib/customers/actions";
import type { Snapshot } from "@/lib/platform/concurrency";

/** Soft delete (the recycle bin keeps the customer) behind a confirmation dialog. */
export function DeleteCustomerButton({ id, version, snapshot, name }: { id: number; version: number; snapshot: Snapshot; name: string }) {
  const t = useTranslations();
  return (
    <VersionedDeleteButton
      id={id}
      version={version}
      snapshot={snapshot}
      action={deleteCustomerAction}
      texts={{ button: t("customers.delete.button"), title: t("customers.delete.title", { name }), body: t("customers.delete.body"), cancel: t("common.cancel"), confirm: t("customers.delete.confirm") }}
      fieldLabels="customers.fields"
    />
  );
}
