import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TimeZoneSync } from "@/components/calendar/time-zone-sync";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { RemindersPanel } from "@/components/tasks/reminders-panel";
import { TaskTable } from "@/components/tasks/task-table";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { requireUser } from "@/lib/platform/auth/session";
import { NotAllowedError } from "@/lib/platform/errors";
import { pickableUsers } from "@/lib/platform/auth/scope-filters";
import { listTasks, remindersDue } from "@/lib/tasks/queries";
import { parseTaskView, TASK_VIEWS, type TaskView } from "@/lib/calendar/rules/tasks";
import { dayRange, localDateOf } from "@/lib/platform/time-zone";
import { Pager } from "@/components/ui/pager";
import { now as clockNow } from "@/lib/platform/clock";
import { parseIdParam, parsePageParam } from "@/lib/platform/id-param";

export async function generateMetadata() {
  const t = await getTranslations("tasks");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TasksPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const view = parseTaskView(one("view"));
  const ownerId = parseIdParam(one("owner"));
  const page = parsePageParam(one("page"));
  const timeZone = await viewerTimeZone();
  const now = clockNow();
  const endOfToday = dayRange(localDateOf(now, timeZone), timeZone).end;
  const t = await getTranslations();

  let list;
  try {
    list = await listTasks(user, { view, ownerId, page, now, endOfToday });
  } catch (error) {
    if (error instanceof NotAllowedError) notFound();
    throw error;
  }
  const [reminders, owners] = await Promise.all([remindersDue(user, now, 10), pickableUsers(user, "task.read")]);
  const href = (over: { view?: TaskView; page?: number }) => {
    const p = new URLSearchParams();
    p.set("view", over.view ?? view);
    if (ownerId) p.set("owner", String(ownerId));
    if ((over.page ?? 1) > 1) p.set("page", String(over.page));
    return `/tasks?${p.toString()}`;
  };

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <TimeZoneSync current={timeZone} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("tasks.title")}</h1>
        <Button asChild>
          <Link href="/tasks/new">{t("tasks.new")}</Link>
        </Button>
      </div>
      {one("saved") === "1" ? <FormMessage tone="success">{t("tasks.saved")}</FormMessage> : null}
      <RemindersPanel reminders={reminders.items} total={reminders.total} timeZone={timeZone} />
      <nav aria-label={t("tasks.views.label")} className="flex flex-wrap gap-1 border-b border-slate-200">
        {TASK_VIEWS.map((v) => (
          <Link
            key={v}
            href={href({ view: v })}
            aria-current={v === view ? "page" : undefined}
            className={v === view ? "border-b-2 border-brand-600 px-3 py-2 text-sm font-semibold text-brand-700" : "px-3 py-2 text-sm text-slate-600 hover:text-slate-900"}
          >
            {t(`tasks.views.${v}`)}
          </Link>
        ))}
      </nav>
      {owners.length > 1 ? (
        <form method="get" action="/tasks" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="view" value={view} />
          <div className="flex flex-col gap-1">
            <label htmlFor="task-owner-filter" className="text-sm font-medium text-slate-700">
              {t("tasks.ownerFilter")}
            </label>
            <select id="task-owner-filter" name="owner" defaultValue={ownerId ? String(ownerId) : ""} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
              <option value="">{t("tasks.everyone")}</option>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.id === user.id ? t("tasks.me", { name: o.name }) : o.name}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">
            {t("tasks.apply")}
          </Button>
        </form>
      ) : null}
      <p role="status" className="text-sm text-slate-600" data-testid="task-count">
        {t("tasks.count", { count: list.total })}
      </p>
      {list.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">{t(`tasks.empty.${view}`)}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("tasks.empty.hint")}</p>
        </div>
      ) : (
        <TaskTable tasks={list.items} now={now} timeZone={timeZone} showOwner={owners.length > 1} caption={t(`tasks.views.${view}`)} />
      )}
      <Pager
        page={list.page}
        pages={list.pages}
        hrefFor={(n) => href({ page: n })}
        labels={{ nav: t("tasks.pagination.label"), prev: t("tasks.pagination.prev"), next: t("tasks.pagination.next"), position: t("tasks.pagination.page", { page: list.page, pages: list.pages }) }}
      />
    </div>
  );
}
