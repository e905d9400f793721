import { LOCALES, type Locale } from "@/lib/i18n/config";
import { TICKET_CATEGORIES, type TicketCategory } from "@/lib/tickets/rules/categories";

/**
 * Reply templates: canned replies per ticket category and language, with placeholders the reply
 * form fills in for the ticket at hand. Pure: the data layer stores them, the browser fills them.
 */

/** What a template may refer to: the customer's name, the contact's, the signed-in agent's, the ticket number, the subject. */
export const REPLY_TEMPLATE_PLACEHOLDERS = ["customer", "contact", "agent", "ticket", "subject"] as const;
export type ReplyTemplatePlaceholder = (typeof REPLY_TEMPLATE_PLACEHOLDERS)[number];

/** Values for the placeholders; a missing one leaves its placeholder standing, so the agent sees what to fill in. */
export type ReplyTemplateValues = Partial<Record<ReplyTemplatePlaceholder, string | null>>;

/** Templates are written in the languages the app speaks. */
export const REPLY_TEMPLATE_LOCALES = LOCALES;

export const REPLY_TEMPLATE_NAME_MAX = 100;
/** Half of a message's limit (10,000): room for the agent's own words around a template. */
export const REPLY_TEMPLATE_BODY_MAX = 5000;

export type ReplyTemplateDraft = { category: TicketCategory; locale: Locale; name: string; body: string };

// One pass over the body: a value is inserted as plain text and never read for placeholders itself
// (a subject that contains "{agent}" stays as the customer wrote it).
const PLACEHOLDER = new RegExp(`\\{(${REPLY_TEMPLATE_PLACEHOLDERS.join("|")})\\}`, "g");

/** The body with each known placeholder replaced by its value; unknown placeholders and ones without a value stay as they are. */
export function fillTemplate(body: string, values: ReplyTemplateValues): string {
  return body.replace(PLACEHOLDER, (match, key: ReplyTemplatePlaceholder) => {
    const value = values[key];
    return value === undefined || value === null || value === "" ? match : value;
  });
}

/**
 * The templates as a reply form offers them: the viewer's language first, then the others, each
 * group in the order given (the data layer sorts by name).
 */
export function inViewerOrder<T extends { locale: string }>(templates: readonly T[], locale: string): T[] {
  return [...templates.filter((t) => t.locale === locale), ...templates.filter((t) => t.locale !== locale)];
}

type Pair = { en: { name: string; body: string }; zh: { name: string; body: string } };

const EN_SIGN_OFF = "Best regards,\n{agent}\nCustomer Service";
const ZH_SIGN_OFF = "祝好！\n{agent}\n客户服务部";

const en = (name: string, paragraphs: string[]) => ({ name, body: `Dear {contact},\n\n${paragraphs.join("\n\n")}\n\n${EN_SIGN_OFF}` });
const zh = (name: string, paragraphs: string[]) => ({ name, body: `{contact}，您好：\n\n${paragraphs.join("\n\n")}\n\n${ZH_SIGN_OFF}` });

const DEFAULTS: Record<TicketCategory, Pair[]> = {
  technical: [
    {
      en: en("Acknowledgement", [
        'Thank you for contacting us about "{subject}". We have logged your request as ticket #{ticket}, and our technical team is already looking into it.',
        "We will update you as soon as we know more. If anything changes in the meantime, simply reply to this email.",
      ]),
      zh: zh("确认收到", ["感谢您就“{subject}”与我们联系。我们已将您的问题登记为工单 #{ticket}，技术支持团队正在排查。", "一有进展我们会第一时间告知您。如果情况有变化，请直接回复此邮件。"]),
    },
    {
      en: en("Need more information", [
        "Thank you for your patience with ticket #{ticket}. To find the cause quickly, could you please send us:",
        "- the exact error message or a screenshot\n- when the problem started and how often it occurs\n- the product model or version you are using",
        "As soon as we have these details we will continue straight away.",
      ]),
      zh: zh("需要更多信息", ["感谢您对工单 #{ticket} 的耐心等待。为了尽快查明原因，麻烦您提供以下信息：", "- 具体的错误提示或截图\n- 问题开始出现的时间及出现频率\n- 您使用的产品型号或版本", "收到这些信息后我们会立即继续处理。"]),
    },
    {
      en: en("Resolved", [
        'We are glad to let you know that the problem reported in ticket #{ticket} ("{subject}") has been resolved.',
        "Please check that everything works as expected on your side. If the problem comes back, just reply to this email and we will reopen the ticket.",
        "Thank you for your patience.",
      ]),
      zh: zh("问题已解决", ["很高兴通知您，工单 #{ticket}（“{subject}”）中反映的问题已经解决。", "请您确认一切恢复正常。如问题再次出现，直接回复此邮件即可，我们会重新打开工单。", "感谢您的耐心与理解。"]),
    },
  ],
  billing: [
    {
      en: en("Acknowledgement", [
        'Thank you for your message about "{subject}". We have registered it as ticket #{ticket}, and our billing team is reviewing the account of {customer}.',
        "We will get back to you within one business day.",
      ]),
      zh: zh("确认收到", ["感谢您就“{subject}”与我们联系。我们已登记为工单 #{ticket}，账务团队正在核查{customer}的账户。", "我们将在一个工作日内给您答复。"]),
    },
    {
      en: en("Invoice details needed", [
        "To look into ticket #{ticket}, could you please send us the invoice number, the amount in question and, if you have already paid, the payment date and a copy of the payment receipt?",
        "With these details we can check the charge right away.",
      ]),
      zh: zh("需要账单信息", ["为了处理工单 #{ticket}，麻烦您提供发票号码、有疑问的金额；如已付款，请一并提供付款日期和付款凭证。", "收到后我们会马上核对相关费用。"]),
    },
    {
      en: en("Billing corrected", [
        "We have checked the billing for {customer} (ticket #{ticket}) and corrected it. The updated invoice will reach you separately, and any amount paid in excess will be credited to your account.",
        "We apologise for the inconvenience. If anything is still unclear, please reply to this email.",
      ]),
      zh: zh("账单已更正", ["我们已核查{customer}的账单（工单 #{ticket}）并完成更正。更新后的发票将另行发送给您，多付的款项将退回至您的账户。", "给您带来不便，敬请谅解。如仍有疑问，请直接回复此邮件。"]),
    },
  ],
  account: [
    {
      en: en("Acknowledgement", [
        'Thank you for contacting us about "{subject}". Your request has been registered as ticket #{ticket}, and we are taking care of it.',
        "We will confirm by email as soon as the change to the account of {customer} is done.",
      ]),
      zh: zh("确认收到", ["感谢您就“{subject}”与我们联系。您的请求已登记为工单 #{ticket}，我们正在处理。", "{customer}的账户变更完成后，我们会通过邮件向您确认。"]),
    },
    {
      en: en("Identity check", [
        "To protect the account of {customer}, we need to confirm that the request in ticket #{ticket} comes from an authorised person.",
        "Please reply from the email address registered with us, or tell us the registered phone number and the date of your most recent order.",
        "Thank you for your understanding.",
      ]),
      zh: zh("身份核验", ["为保障{customer}的账户安全，我们需要确认工单 #{ticket} 中的请求来自授权人员。", "请使用在我们这里登记的邮箱回复，或告知登记的电话号码以及最近一次订单的日期。", "感谢您的理解与配合。"]),
    },
    {
      en: en("Account updated", [
        "The change you asked for in ticket #{ticket} has been made to the account of {customer}.",
        "If you did not request this change, or if anything looks wrong, please contact us right away.",
      ]),
      zh: zh("账户已更新", ["您在工单 #{ticket} 中申请的变更已在{customer}的账户中完成。", "如果这不是您本人的申请，或发现任何异常，请立即与我们联系。"]),
    },
  ],
  orders: [
    {
      en: en("Acknowledgement", [
        'Thank you for your message about "{subject}". We have logged it as ticket #{ticket} and are checking the order status with our warehouse.',
        "We will let you know as soon as we have an update.",
      ]),
      zh: zh("确认收到", ["感谢您就“{subject}”与我们联系。我们已登记为工单 #{ticket}，正在与仓库核实订单状态。", "一有最新进展我们会立即通知您。"]),
    },
    {
      en: en("Order number needed", [
        "To look into ticket #{ticket}, could you please send us the order number and, if the problem concerns particular items, their names or a photo?",
        "We will follow up as soon as we receive them.",
      ]),
      zh: zh("需要订单号", ["为了处理工单 #{ticket}，麻烦您提供订单号；如问题涉及具体商品，请一并告知商品名称或提供照片。", "收到后我们会尽快跟进。"]),
    },
    {
      en: en("Order update", [
        "Here is an update on ticket #{ticket}: we have sorted out the problem with the order for {customer}. You will receive the tracking details in a separate email once the goods have left our warehouse.",
        "Thank you for your patience, and please reply to this email if you have any further questions.",
      ]),
      zh: zh("订单进展", ["关于工单 #{ticket} 的最新进展：{customer}的订单问题已处理完毕。货物出库后，您将另行收到物流跟踪信息。", "感谢您的耐心等待。如有其他问题，请直接回复此邮件。"]),
    },
  ],
  complaint: [
    {
      en: en("Apology and acknowledgement", [
        'Thank you for telling us about "{subject}", and we are sorry for the trouble this has caused you.',
        "We take your feedback seriously: your complaint has been registered as ticket #{ticket}, and I am personally following it up. You will hear from us within one business day.",
      ]),
      zh: zh("致歉并确认收到", ["感谢您告诉我们“{subject}”的情况，给您带来困扰，我们深表歉意。", "我们非常重视您的反馈：您的投诉已登记为工单 #{ticket}，由我亲自跟进，我们会在一个工作日内给您答复。"]),
    },
    {
      en: en("Follow-up call", [
        "To understand your complaint (ticket #{ticket}) fully, I would like to call you. Could you please let me know a convenient time and the best number to reach you?",
        "Thank you for giving us the chance to put this right.",
      ]),
      zh: zh("电话回访", ["为了更全面地了解您的投诉（工单 #{ticket}），我希望能与您通个电话。请告知您方便的时间和联系电话。", "感谢您给我们改进的机会。"]),
    },
    {
      en: en("Resolution", [
        "We have completed our review of your complaint (ticket #{ticket}). We have taken steps so that this does not happen again, and we would like to apologise once more for the inconvenience.",
        "If you are not satisfied with this outcome, please reply to this email and we will look at it again.",
      ]),
      zh: zh("处理结果", ["我们已完成对您投诉（工单 #{ticket}）的调查处理，并已采取措施避免类似情况再次发生。再次为给您带来的不便致歉。", "如您对处理结果仍不满意，请直接回复此邮件，我们会再次跟进。"]),
    },
  ],
  general: [
    {
      en: en("Acknowledgement", [
        'Thank you for contacting us about "{subject}". We have received your request (ticket #{ticket}) and will reply within one business day.',
      ]),
      zh: zh("确认收到", ["感谢您就“{subject}”与我们联系。我们已收到您的请求（工单 #{ticket}），将在一个工作日内给您答复。"]),
    },
    {
      en: en("Need more information", [
        "Thank you for your message (ticket #{ticket}). So that we can give you the right answer, could you please tell us a little more about what you need?",
        "We look forward to hearing from you.",
      ]),
      zh: zh("需要更多信息", ["感谢您的来信（工单 #{ticket}）。为了给您准确的答复，能否请您再详细说明一下您的需求？", "期待您的回复。"]),
    },
    {
      en: en("Answered", [
        "We hope our reply has answered your question in ticket #{ticket}. We will now close the ticket; if you need anything else, simply reply to this email.",
        "Thank you for choosing us.",
      ]),
      zh: zh("问题已答复", ["希望我们的回复已解答您在工单 #{ticket} 中的问题。我们将关闭此工单；如还有其他需要，直接回复此邮件即可。", "感谢您的信任与支持。"]),
    },
  ],
};

/** The templates a fresh installation starts with: two or three per category, in English and in Simplified Chinese. */
export const DEFAULT_REPLY_TEMPLATES: readonly ReplyTemplateDraft[] = TICKET_CATEGORIES.flatMap((category) =>
  DEFAULTS[category].flatMap((pair): ReplyTemplateDraft[] => [
    { category, locale: "en", ...pair.en },
    { category, locale: "zh-CN", ...pair.zh },
  ]),
);
