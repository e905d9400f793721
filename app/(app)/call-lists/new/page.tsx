import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BuildCallListForm } from "@/components/call-lists/build-form";
import { buildFormOptions } from "@/lib/call-lists/queries";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { parseIdParam } from "@/lib/platform/id-param";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("callLists");
  return { title: t("form.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Build a call list (admins and managers). `?campaign=<id>` or `?segment=<id>` preselects the source. */
export default async function NewCallListPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "callList.manage")) notFound();
  const params = await searchParams;
  const [t, options] = await Promise.all([getTranslations(), buildFormOptions(user)]);
  const campaign = parseIdParam(one(params.campaign));
  const segment = parseIdParam(one(params.segment));
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("callLists.form.title")}</h1>
        <p className="text-sm text-slate-600">{t("callLists.form.intro")}</p>
      </div>
      <BuildCallListForm
        options={options}
        initial={{ source: segment !== null ? "segment" : options.campaigns.length > 0 ? "campaign" : "segment", campaignId: campaign !== null ? String(campaign) : "", segmentId: segment !== null ? String(segment) : "" }}
      />
    </div>
  );
}
