import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { TaskDto } from "@/lib/tasks/queries";
import { TaskDoneButton } from "./task-done-button";

/** A task list as a table: title (edit link), due, owner, links, and complete/reopen. */
export async function TaskTable({ tasks, now, timeZone, showOwner, caption }: { tasks: TaskDto[]; now: Date; timeZone: string; showOwner: boolean; caption: string }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { timeZone, dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">{t("tasks.columns.title")}</th>
            <th scope="col" className="px-3 py-2">{t("tasks.columns.due")}</th>
            {showOwner ? <th scope="col" className="px-3 py-2">{t("tasks.columns.owner")}</th> : null}
            <th scope="col" className="px-3 py-2">{t("tasks.columns.about")}</th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">{t("tasks.columns.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => {
            const overdue = task.status === "OPEN" && task.dueAt < now;
            return (
              <tr key={task.id} className="border-t border-slate-100 align-top" data-testid="task-row">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {task.canEdit ? (
                    <Link href={`/tasks/${task.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {task.title}
                    </Link>
                  ) : (
                    task.title
                  )}
                  {task.notes ? <p className="mt-0.5 line-clamp-2 font-normal text-slate-500">{task.notes}</p> : null}
                </th>
                <td className="px-3 py-2 whitespace-nowrap">
                  {when(task.dueAt)}
                  {overdue ? (
                    <Badge tone="red" className="ml-2">
                      {t("tasks.overdueBadge")}
                    </Badge>
                  ) : null}
                  {task.status === "DONE" ? (
                    <Badge tone="green" className="ml-2">
                      {t("tasks.doneBadge")}
                    </Badge>
                  ) : null}
                </td>
                {showOwner ? <td className="px-3 py-2">{task.owner.name}</td> : null}
                <td className="px-3 py-2">
                  {task.customer ? (
                    <Link href={`/customers/${task.customer.id}`} className="text-brand-700 hover:underline">
                      {task.customer.name}
                    </Link>
                  ) : null}
                  {task.opportunity ? (
                    <>
                      {task.customer ? " · " : null}
                      <Link href={`/opportunities/${task.opportunity.id}`} className="text-brand-700 hover:underline">
                        {task.opportunity.name}
                      </Link>
                    </>
                  ) : null}
                </td>
                <td className="px-3 py-2">{task.canEdit && task.status !== "CANCELLED" ? <TaskDoneButton id={task.id} done={task.status === "DONE"} title={task.title} version={task.version} snapshot={task.snapshot} /> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
