import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { Customer360Sections } from "@/lib/customers/customer-360-sections";
import { formatDate, formatMoney } from "@/lib/platform/format";

const TABLE = "w-full text-left text-sm";
const TH = "px-2 py-1.5 text-xs font-medium uppercase text-slate-600";
const TD = "px-2 py-1.5 border-t border-slate-100";

export async function OrdersSection({ orders }: { orders: Customer360Sections["orders"] }) {
  const t = await getTranslations();
  return (
    <div className="flex flex-col gap-2">
      <dl className="flex flex-wrap gap-6 text-sm">
        <div>
          <dt className="text-slate-500">{t("customers.orders.count")}</dt>
          <dd className="text-lg font-semibold tabular-nums">{orders.count}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("customers.orders.total")}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="orders-total">
            {formatMoney(orders.total)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("customers.orders.margin")}</dt>
          <dd className="text-lg font-semibold tabular-nums">{formatMoney(orders.margin)}</dd>
        </div>
      </dl>
      {orders.recent.length === 0 ? (
        <p className="text-sm text-slate-600">{t("customers.orders.empty")}</p>
      ) : (
        <table className={TABLE}>
          <caption className="sr-only">{t("customers.orders.recent")}</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>
                #
              </th>
              <th scope="col" className={TH}>
                {t("customers.orders.date")}
              </th>
              <th scope="col" className={TH}>
                {t("customers.orders.status")}
              </th>
              <th scope="col" className={TH}>
                {t("customers.orders.lines")}
              </th>
              <th scope="col" className={`${TH} text-right`}>
                {t("customers.orders.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.recent.map((o) => (
              <tr key={o.id}>
                <td className={TD}>{o.id}</td>
                <td className={TD}>{formatDate(o.orderedAt)}</td>
                <td className={TD}>{t(`enums.orderStatus.${o.status}`)}</td>
                <td className={TD}>{o.lines}</td>
                <td className={`${TD} text-right tabular-nums`}>{formatMoney(o.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export async function OpportunitiesSection({ rows }: { rows: Customer360Sections["opportunities"] }) {
  const t = await getTranslations();
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("customers.opportunities.empty")}</p>;
  return (
    <table className={TABLE}>
      <caption className="sr-only">{t("customers.sections.opportunities")}</caption>
      <thead>
        <tr>
          <th scope="col" className={TH}>
            {t("customers.opportunities.name")}
          </th>
          <th scope="col" className={TH}>
            {t("customers.opportunities.stage")}
          </th>
          <th scope="col" className={`${TH} text-right`}>
            {t("customers.opportunities.amount")}
          </th>
          <th scope="col" className={TH}>
            {t("customers.opportunities.close")}
          </th>
          <th scope="col" className={TH}>
            {t("customers.fields.owner")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => (
          <tr key={o.id}>
            <td className={TD}>{o.name}</td>
            <td className={TD}>
              {t(`enums.oppStage.${o.stage}`)} ({o.probability}%)
            </td>
            <td className={`${TD} text-right tabular-nums`}>{formatMoney(o.amount)}</td>
            <td className={TD}>{formatDate(o.expectedCloseDate)}</td>
            <td className={TD}>{o.ownerName}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export async function CampaignsSection({ rows }: { rows: Customer360Sections["campaigns"] }) {
  const t = await getTranslations();
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("customers.campaigns.empty")}</p>;
  return (
    <ul className="flex flex-col gap-1 text-sm">
      {rows.map((c) => (
        <li key={c.campaignId} className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{c.name}</span>
          <Badge>{t(`enums.campaignType.${c.type}`)}</Badge>
          <span className="text-slate-600">{t(`enums.memberStatus.${c.memberStatus}`)}</span>
        </li>
      ))}
    </ul>
  );
}

export async function TicketsSection({ rows, hidden }: { rows: Customer360Sections["tickets"]; hidden: number }) {
  const t = await getTranslations();
  return (
    <div className="flex flex-col gap-2">
      {rows.length === 0 && hidden === 0 ? <p className="text-sm text-slate-600">{t("customers.tickets.empty")}</p> : null}
      {hidden > 0 ? <p className="text-sm text-slate-600">{t("customers.tickets.hidden", { count: hidden })}</p> : null}
      {rows.length > 0 ? (
        <table className={TABLE}>
          <caption className="sr-only">{t("customers.sections.tickets")}</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>
                #
              </th>
              <th scope="col" className={TH}>
                {t("customers.tickets.subject")}
              </th>
              <th scope="col" className={TH}>
                {t("customers.tickets.status")}
              </th>
              <th scope="col" className={TH}>
                {t("customers.tickets.priority")}
              </th>
              <th scope="col" className={TH}>
                {t("customers.tickets.opened")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className={TD}>{r.id}</td>
                <td className={TD}>{r.subject}</td>
                <td className={TD}>{t(`service.statuses.${r.status}`)}</td>
                <td className={TD}>{t(`service.priorities.${r.priority}`)}</td>
                <td className={TD}>{formatDate(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
