import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { readCsatLink } from "@/lib/tickets/csat";
import { CsatForm } from "./csat-form";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("csat");
  return { title: t("title"), robots: { index: false, follow: false } };
}

/**
 * The public rating page a customer reaches from the mail sent when their ticket was resolved. No
 * sign-in: the link's token is the credential. It shows the ticket's subject and nothing else; an
 * unknown, used or expired link gets the same neutral answer.
 */
export default async function CsatPage({ params }: Props) {
  const { token } = await params;
  const link = await readCsatLink(token);
  const t = await getTranslations("csat");
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-md">
        <h1 className="mb-4 text-center text-2xl font-semibold text-brand-900">{t("title")}</h1>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {link ? <CsatForm token={token} subject={link.subject} /> : <p data-testid="csat-invalid">{t("errors.invalid")}</p>}
        </div>
        <div className="mt-4 flex justify-center">
          <LocaleSwitch />
        </div>
      </div>
    </main>
  );
}
