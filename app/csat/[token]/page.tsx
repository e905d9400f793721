import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PublicCardPage } from "@/components/shell/public-card-page";
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
    <PublicCardPage title={t("title")}>
      {link ? <CsatForm token={token} subject={link.subject} /> : <p data-testid="csat-invalid">{t("errors.invalid")}</p>}
    </PublicCardPage>
  );
}
