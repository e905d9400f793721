import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PublicCardPage } from "@/components/shell/public-card-page";
import { UnsubscribeForm } from "@/components/campaigns/email/unsubscribe-form";
import { readUnsubscribeLink } from "@/lib/campaigns/email-tokens";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("campaignEmail.unsubscribe");
  return { title: t("title"), robots: { index: false, follow: false } };
}

/**
 * The public unsubscribe page a campaign mail links to. No sign-in: the link's token is the
 * credential. Opening it changes nothing (mail scanners open links); the confirm button opts the
 * customer out of email. A used link says so kindly; an unknown or expired one gets a neutral answer.
 */
export default async function UnsubscribePage({ params }: Props) {
  const { token } = await params;
  const link = await readUnsubscribeLink(token);
  const t = await getTranslations("campaignEmail.unsubscribe");
  return (
    <PublicCardPage title={t("title")}>
      {link.state === "valid" ? (
        <UnsubscribeForm token={token} campaignName={link.campaignName} />
      ) : link.state === "used" ? (
        <p data-testid="unsubscribe-used">{t("used")}</p>
      ) : (
        <p data-testid="unsubscribe-invalid">{t("invalid")}</p>
      )}
    </PublicCardPage>
  );
}
