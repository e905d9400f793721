import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ProgressRefresher, SendControls } from "@/components/campaigns/email/send-controls";
import { TemplateForm } from "@/components/campaigns/email/template-form";
import { TestSendForm } from "@/components/campaigns/email/test-send-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getCampaignEmailPage, previewCampaignEmail } from "@/lib/campaigns/email";
import { MERGE_FIELDS } from "@/lib/campaigns/rules/email-template";
import { requireUser } from "@/lib/platform/auth/session";
import { formatDateTime } from "@/lib/platform/format";
import { parseIdParam } from "@/lib/platform/id-param";

type Props = { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("campaignEmail");
  const id = parseIdParam((await params).campaignId);
  return { title: t("metaTitle", { id: id ?? 0 }) };
}

const SEND_CHANGES = { DRAFT: ["start"], SENDING: ["pause", "cancel"], PAUSED: ["resume", "cancel"], SENT: [], CANCELLED: [] } as const;

/** An email campaign's message: template with merge fields, preview per member, test send, and the send with its progress. */
export default async function CampaignEmailPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const id = parseIdParam((await params).campaignId);
  if (id === null) notFound();
  const memberParam = parseIdParam(one((await searchParams).member));
  const [page, t] = await Promise.all([getCampaignEmailPage(user, id), getTranslations()]);
  if (!page) notFound();
  const { campaign, email, counts } = page;
  const isEmail = campaign.type === "EMAIL";
  const closed = campaign.status === "CANCELLED" || campaign.status === "COMPLETED";
  const editable = page.canEdit && isEmail && !closed && email.status === "DRAFT";
  const preview = isEmail && email.exists && page.issues.length === 0 ? await previewCampaignEmail(user, id, memberParam) : null;
  const n = (v: number) => v.toLocaleString("en-US");
  const pending = counts.outbox.QUEUED + counts.outbox.SENDING;
  const changes = SEND_CHANGES[email.status].filter((c) => c !== "start" && c !== "resume" ? true : campaign.status === "ACTIVE" && page.issues.length === 0 && email.exists);

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4">
      <nav aria-label={t("campaigns.page.breadcrumb")} className="flex gap-2 text-sm">
        <Link href="/campaigns" className="text-brand-700 hover:underline">
          {t("campaigns.list.title")}
        </Link>
        <span aria-hidden="true">/</span>
        <Link href={`/campaigns/${id}`} className="text-brand-700 hover:underline">
          {campaign.name}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold text-slate-900">{t("campaignEmail.title", { name: campaign.name })}</h1>
      {!isEmail ? (
        <Card>
          <p className="text-sm text-slate-700">{t("campaignEmail.notEmail")}</p>
        </Card>
      ) : (
        <>
          <Card aria-labelledby="template-title">
            <h2 id="template-title" className="mb-3 text-base font-semibold">
              {t("campaignEmail.template.title")}
            </h2>
            {editable ? (
              <TemplateForm campaignId={id} version={email.version} snapshot={email.snapshot} subject={email.subject} body={email.body} ratePerMinute={email.ratePerMinute} />
            ) : (
              <div className="flex flex-col gap-2 text-sm">
                <p className="text-slate-600">{!page.canEdit ? t("campaignEmail.template.readOnly") : closed ? t("campaignEmail.template.closed") : t("campaignEmail.template.locked")}</p>
                <p>
                  <span className="font-medium">{t("campaignEmail.template.subject")}:</span> {email.subject || "—"}
                </p>
                <pre className="whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs">{email.body || "—"}</pre>
              </div>
            )}
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer text-brand-700">{t("campaignEmail.template.help")}</summary>
              <ul className="mt-2 grid gap-1 sm:grid-cols-2">
                {MERGE_FIELDS.map((f) => (
                  <li key={f}>
                    <code className="rounded bg-slate-100 px-1">{`{{${f}}}`}</code> — {t(`campaignEmail.fields.${f}`)}
                  </li>
                ))}
              </ul>
              <p className="mt-2 text-slate-600">{t("campaignEmail.template.syntax")}</p>
            </details>
            {page.issues.length > 0 ? (
              <ul className="mt-3 list-disc pl-5 text-sm text-red-700" data-testid="template-issues">
                {page.issues.map((i) => (
                  <li key={`${i.part}-${i.code}-${i.name ?? ""}`}>{t(`campaignEmail.issues.${i.code}`, { name: i.name ?? "" })}</li>
                ))}
              </ul>
            ) : null}
          </Card>

          <Card aria-labelledby="preview-title">
            <h2 id="preview-title" className="mb-3 text-base font-semibold">
              {t("campaignEmail.preview.title")}
            </h2>
            {!email.exists ? (
              <p className="text-sm text-slate-600">{t("campaignEmail.preview.noTemplate")}</p>
            ) : page.previewMembers.length === 0 ? (
              <p className="text-sm text-slate-600">{t("campaignEmail.preview.noMembers")}</p>
            ) : (
              <form method="get" className="mb-3 flex flex-wrap items-end gap-3">
                <div className="flex flex-col gap-1">
                  <label htmlFor="preview-member" className="text-sm font-medium text-slate-700">
                    {t("campaignEmail.preview.member")}
                  </label>
                  <select id="preview-member" name="member" defaultValue={preview?.member?.id ?? ""} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm">
                    {page.previewMembers.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                        {m.email ? ` <${m.email}>` : ""}
                      </option>
                    ))}
                  </select>
                </div>
                <Button type="submit" variant="secondary">
                  {t("campaignEmail.preview.show")}
                </Button>
              </form>
            )}
            {preview ? (
              <div className="flex flex-col gap-2 text-sm" data-testid="email-preview">
                <p>
                  <span className="font-medium">{t("campaignEmail.preview.to")}:</span> {preview.member ? `${preview.member.name}${preview.member.email ? ` <${preview.member.email}>` : ""}` : "—"}
                </p>
                <p>
                  <span className="font-medium">{t("campaignEmail.template.subject")}:</span> <span data-testid="preview-subject">{preview.subject}</span>
                </p>
                {/* Our own markup only: every value and template text was HTML-escaped by the renderer. */}
                <div className="prose max-w-none rounded-md border border-slate-200 p-3" data-testid="preview-body" dangerouslySetInnerHTML={{ __html: preview.htmlBody }} />
              </div>
            ) : null}
            {page.canEdit && preview ? (
              <div className="mt-4 border-t border-slate-100 pt-3">
                <h3 className="mb-2 text-sm font-semibold">{t("campaignEmail.test.title")}</h3>
                <TestSendForm campaignId={id} memberId={preview.member?.id ?? null} />
              </div>
            ) : null}
          </Card>

          <Card aria-labelledby="send-title">
            <h2 id="send-title" className="mb-3 text-base font-semibold">
              {t("campaignEmail.send.title")}
            </h2>
            <ProgressRefresher active={email.status === "SENDING" || pending > 0} />
            <p className="mb-2 text-sm" data-testid="send-status">
              {t("campaignEmail.send.status", { status: t(`campaignEmail.send.statuses.${email.status}`) })}
              {email.startedAt ? ` · ${t("campaignEmail.send.startedAt", { at: formatDateTime(email.startedAt) })}` : ""}
              {email.finishedAt ? ` · ${t("campaignEmail.send.finishedAt", { at: formatDateTime(email.finishedAt) })}` : ""}
            </p>
            {campaign.status !== "ACTIVE" && email.status === "DRAFT" ? <p className="mb-2 text-sm text-slate-600">{t("campaignEmail.send.launchFirst")}</p> : null}
            <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="send-progress">
              {[
                ["eligible", counts.eligible],
                ["skipped", counts.skipped],
                ["control", counts.control],
                ["queued", counts.queued],
                ["sent", counts.outbox.SENT],
                ["pending", pending],
                ["failed", counts.outbox.FAILED],
                ["clicked", counts.clicked],
                ["unsubscribed", counts.unsubscribed],
              ].map(([key, value]) => (
                <div key={key} className="rounded-md border border-slate-200 p-2" data-testid={`progress-${key}`}>
                  <dt className="text-xs text-slate-500">{t(`campaignEmail.send.counts.${key}`)}</dt>
                  <dd className="text-lg font-semibold tabular-nums">{n(Number(value))}</dd>
                </div>
              ))}
            </dl>
            {page.canEdit && changes.length > 0 ? (
              <div className="mt-3">
                <SendControls campaignId={id} version={email.version} snapshot={email.snapshot} changes={changes} />
              </div>
            ) : null}
          </Card>
        </>
      )}
    </div>
  );
}
