import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { RemindersPanel } from "@/components/tasks/reminders-panel";
import { TaskDoneButton } from "@/components/tasks/task-done-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { RepHome as RepHomeData } from "@/lib/home/queries";
import type { TaskDto } from "@/lib/tasks/queries";

/** The rep's day at a glance: reminders, today's meetings and tasks, overdue tasks, pipeline, deals needing attention. */
export async function RepHome({ home, timeZone }: { home: RepHomeData; timeZone: string }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const money = (v: string) => format.number(Number(v), { style: "currency", currency: "CNY" });
  const time = (d: Date) => format.dateTime(d, { timeZone, hour: "2-digit", minute: "2-digit" });
  const date = (d: Date) => format.dateTime(d, { timeZone, dateStyle: "medium" });

  const taskList = (tasks: TaskDto[], empty: string, showDate: boolean) =>
    tasks.length === 0 ? (
      <p className="text-sm text-slate-500">{empty}</p>
    ) : (
      <ul className="flex flex-col gap-2">
        {tasks.map((task) => (
          <li key={task.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <span>
              <span className="mr-2 text-slate-500">{showDate ? date(task.dueAt) : time(task.dueAt)}</span>
              <Link href={`/tasks/${task.id}`} className="font-medium text-brand-700 hover:underline">
                {task.title}
              </Link>
              {task.customer ? <span className="text-slate-500"> · {task.customer.name}</span> : null}
            </span>
            <TaskDoneButton id={task.id} done={false} title={task.title} version={task.version} snapshot={task.snapshot} />
          </li>
        ))}
      </ul>
    );

  return (
    <div className="flex flex-col gap-4" data-testid="rep-home">
      {home.reminders.total > 0 ? <RemindersPanel reminders={home.reminders.items} total={home.reminders.total} timeZone={timeZone} /> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card aria-labelledby="home-appointments">
          <div className="mb-2 flex items-center justify-between">
            <h2 id="home-appointments" className="text-lg font-semibold">
              {t("repHome.appointments")}
            </h2>
            <Link href={`/calendar?view=day&date=${home.today}`} className="text-sm text-brand-700 underline">
              {t("repHome.openCalendar")}
            </Link>
          </div>
          {home.appointments.length === 0 ? (
            <p className="text-sm text-slate-500">{t("repHome.noAppointments")}</p>
          ) : (
            <ul className="flex flex-col gap-2" aria-label={t("repHome.appointments")}>
              {home.appointments.map((a) => (
                <li key={a.id} className="text-sm">
                  <span className="mr-2 text-slate-500">{a.allDay ? t("calendar.allDay") : `${time(a.startsAt)}–${time(a.endsAt)}`}</span>
                  <Link href={`/calendar/${a.id}`} className="font-medium text-brand-700 hover:underline">
                    {a.title ?? t("calendar.busy")}
                  </Link>
                  {a.location ? <span className="text-slate-500"> · {a.location}</span> : null}
                  {a.completedAt ? (
                    <Badge tone="green" className="ml-2">
                      {t("calendar.done")}
                    </Badge>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="home-tasks">
          <div className="mb-2 flex items-center justify-between">
            <h2 id="home-tasks" className="text-lg font-semibold">
              {t("repHome.tasksToday")}
            </h2>
            <Link href="/tasks?view=today" className="text-sm text-brand-700 underline">
              {t("repHome.allTasks")}
            </Link>
          </div>
          {taskList(home.todayTasks, t("repHome.noTasksToday"), false)}
          <h3 className="mt-4 mb-2 flex items-center gap-2 text-base font-semibold">
            {t("repHome.overdue")}
            {home.overdueTasks.length > 0 ? <Badge tone="red">{home.overdueTasks.length}</Badge> : null}
          </h3>
          {taskList(home.overdueTasks, t("repHome.noOverdue"), true)}
        </Card>
      </div>
      <Card aria-labelledby="home-pipeline">
        <h2 id="home-pipeline" className="mb-2 text-lg font-semibold">
          {t("repHome.pipeline")}
        </h2>
        {home.pipeline.count === 0 ? (
          <p className="text-sm text-slate-500">{t("repHome.noPipeline")}</p>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">{t("repHome.pipelineCaption")}</caption>
            <thead className="text-left text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-4">{t("repHome.stage")}</th>
                <th scope="col" className="py-1 pr-4 text-right">{t("repHome.deals")}</th>
                <th scope="col" className="py-1 pr-4 text-right">{t("repHome.amount")}</th>
                <th scope="col" className="py-1 text-right">{t("repHome.weighted")}</th>
              </tr>
            </thead>
            <tbody>
              {home.pipeline.stages.map((s) => (
                <tr key={s.stage} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-4 text-left font-normal">{t(`repHome.stages.${s.stage}`)}</th>
                  <td className="py-1 pr-4 text-right tabular-nums">{s.count}</td>
                  <td className="py-1 pr-4 text-right tabular-nums">{money(s.amount)}</td>
                  <td className="py-1 text-right tabular-nums">{money(s.weighted)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t border-slate-300 font-semibold" data-testid="pipeline-total">
                <th scope="row" className="py-1 pr-4 text-left">{t("repHome.total")}</th>
                <td className="py-1 pr-4 text-right tabular-nums">{home.pipeline.count}</td>
                <td className="py-1 pr-4 text-right tabular-nums">{money(home.pipeline.amount)}</td>
                <td className="py-1 text-right tabular-nums">{money(home.pipeline.weighted)}</td>
              </tr>
            </tfoot>
          </table>
        )}
      </Card>
      <Card aria-labelledby="home-attention">
        <h2 id="home-attention" className="mb-2 text-lg font-semibold">
          {t("repHome.attention")}
        </h2>
        {home.attention.length === 0 ? (
          <p className="text-sm text-slate-500">{t("repHome.noAttention")}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {home.attention.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-2 text-sm">
                <Link href={`/opportunities/${d.id}`} className="font-medium text-brand-700 hover:underline">
                  {d.name}
                </Link>
                <span className="text-slate-500">
                  {d.customerName} · {t(`repHome.stages.${d.stage}`)} · {money(d.amount)} · {t("repHome.closes", { date: date(d.expectedCloseDate) })}
                </span>
                {d.reasons.map((r) => (
                  <Badge key={r} tone={r === "closingThisWeek" ? "gold" : "red"}>
                    {t(`repHome.reasons.${r}`, { days: home.staleDays })}
                  </Badge>
                ))}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
