import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TaskForm } from "@/components/tasks/task-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/platform/auth/session";
import { pickableUsers } from "@/lib/platform/auth/scope-filters";
import { getTask, linkOptions } from "@/lib/tasks/queries";
import { requireIdParam } from "@/lib/platform/ids";

export async function generateMetadata() {
  const t = await getTranslations("tasks");
  return { title: t("form.editTitle") };
}

export default async function EditTaskPage({ params }: { params: Promise<{ taskId: string }> }) {
  const user = await requireUser();
  const id = requireIdParam((await params).taskId);
  const task = await getTask(user, id);
  if (!task) notFound();
  const t = await getTranslations();
  const [owners, links] = await Promise.all([pickableUsers(user, "task.edit"), linkOptions(user)]);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t("tasks.form.editTitle")}</h1>
      <Card>
        {task.canEdit ? (
          <TaskForm
            initial={{
              id: task.id,
              version: task.version,
              snapshot: task.snapshot,
              title: task.title,
              notes: task.notes ?? "",
              dueAt: task.dueAt.toISOString(),
              reminderAt: task.reminderAt?.toISOString() ?? null,
              customerId: task.customer?.id ?? null,
              opportunityId: task.opportunity?.id ?? null,
              ownerId: task.owner.id,
            }}
            owners={owners.some((o) => o.id === task.owner.id) ? owners : [...owners, task.owner]}
            customers={task.customer && !links.customers.some((c) => c.id === task.customer?.id) ? [...links.customers, task.customer] : links.customers}
            opportunities={task.opportunity && !links.opportunities.some((o) => o.id === task.opportunity?.id) ? [...links.opportunities, { ...task.opportunity, customerId: 0 }] : links.opportunities}
          />
        ) : (
          <p>{task.title}</p>
        )}
      </Card>
    </div>
  );
}
