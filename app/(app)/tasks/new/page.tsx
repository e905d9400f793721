import { getTranslations } from "next-intl/server";
import { TaskForm } from "@/components/tasks/task-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/platform/auth/session";
import { pickableUsers } from "@/lib/platform/auth/scope-filters";
import { linkOptions } from "@/lib/tasks/queries";

export async function generateMetadata() {
  const t = await getTranslations("tasks");
  return { title: t("form.newTitle") };
}

export default async function NewTaskPage() {
  const user = await requireUser();
  const t = await getTranslations();
  const [owners, links] = await Promise.all([pickableUsers(user, "task.edit"), linkOptions(user)]);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t("tasks.form.newTitle")}</h1>
      <Card>
        <TaskForm
          initial={{ title: "", notes: "", dueAt: null, reminderAt: null, customerId: null, opportunityId: null, ownerId: user.id }}
          owners={owners}
          customers={links.customers}
          opportunities={links.opportunities}
        />
      </Card>
    </div>
  );
}
