/**
 * The email campaign template: parsing, validation and rendering (pure: no I/O).
 *
 * A template is a subject and a plain-text body. The body may contain
 * - merge fields `{{name}}` (spaces inside the braces allowed) with an optional fallback used when the
 *   member's value is empty: `{{firstName | there}}`;
 * - links: a bare `https://…` (or `http://…`) address, or `[label](https://…)` to show a label. Merge
 *   fields may appear in a label but never inside an address: every address is fixed by the template,
 *   which is what lets the click redirect send a reader only to an address the campaign itself holds.
 * The subject takes merge fields only. An unknown field name is an error that names the field.
 *
 * Rendering gives the subject, a text part and an HTML part. Every value and every piece of template
 * text is HTML-escaped; the only markup is ours (paragraphs, line breaks, links). Each link's address
 * is replaced by whatever `linkHref(index, url)` returns (the tracked redirect in a real send), and
 * the one-click unsubscribe footer, in both languages, is appended to both parts.
 */

/**
 * The merge fields, each a customer or campaign value as text (empty when unknown):
 * - firstName: the first word of the customer's name; a name without spaces (Chinese names) whole
 * - customerName: the customer's name
 * - company: the customer's company
 * - ownerName: the customer's owner (sales rep)
 * - tier: the customer's current value tier (VIP, Major, Medium, Small)
 * - region: the customer's region
 * - campaignName, offer: the campaign's name and offer
 */
export const MERGE_FIELDS = ["firstName", "customerName", "company", "ownerName", "tier", "region", "campaignName", "offer"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Record<MergeField, string>;

export const SUBJECT_MAX = 200;
export const BODY_MAX = 20_000;
export const FROM_NAME_MAX = 100;
export const MAX_LINKS = 50;
export const URL_MAX = 2_000;
export const FALLBACK_MAX = 100;

export type TemplateIssueCode = "required" | "tooLong" | "unknownField" | "unclosedField" | "fieldInLink" | "badLink" | "tooManyLinks" | "lineBreak";
export type TemplateIssue = { part: "subject" | "body"; code: TemplateIssueCode; name?: string };

type TextNode = { kind: "text"; text: string };
type FieldNode = { kind: "field"; name: string; fallback: string };
type Inline = TextNode | FieldNode;
type LinkNode = { kind: "link"; index: number; url: string; label: Inline[] | null };
export type TemplateNode = Inline | LinkNode;

const FIELD = /\{\{([^{}]*)\}\}/g;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
// A markdown link `[label](url)` or a bare address. Addresses stop at white space and at characters
// that cannot end one in running text; trailing punctuation is given back to the text below.
const LINK = /\[([^\]\n]{1,300})\]\(([^)\s]{1,2100})\)|(https?:\/\/[^\s<>"'`[\]{}()]+)/gi;
const TRAILING_PUNCTUATION = /[.,;:!?。，；：！？]+$/;

const isMergeField = (name: string): name is MergeField => (MERGE_FIELDS as readonly string[]).includes(name);

/** Text with merge fields → inline nodes, reporting unknown names and unclosed braces. */
function parseInline(text: string, part: TemplateIssue["part"], issues: TemplateIssue[]): Inline[] {
  const nodes: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(FIELD)) {
    if (match.index > last) nodes.push({ kind: "text", text: text.slice(last, match.index) });
    const [rawName, ...rest] = match[1].split("|");
    const name = rawName.trim();
    const fallback = rest.join("|").trim();
    if (!FIELD_NAME.test(name) || !isMergeField(name)) issues.push({ part, code: "unknownField", name: name.slice(0, 40) });
    else if (fallback.length > FALLBACK_MAX) issues.push({ part, code: "tooLong", name });
    nodes.push({ kind: "field", name, fallback });
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push({ kind: "text", text: text.slice(last) });
  for (const node of nodes) {
    if (node.kind === "text" && (node.text.includes("{{") || node.text.includes("}}"))) {
      issues.push({ part, code: "unclosedField" });
      break;
    }
  }
  return nodes;
}

function validUrl(url: string): boolean {
  if (url.length > URL_MAX || !/^https?:\/\//i.test(url)) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== "" && parsed.username === "" && parsed.password === "";
  } catch {
    return false;
  }
}

export type ParsedTemplate = { subject: Inline[]; body: TemplateNode[]; links: string[]; issues: TemplateIssue[] };

/** Parses and validates a template. `links` are the body's addresses by index, in order of appearance. */
export function parseTemplate(template: { subject: string; body: string }): ParsedTemplate {
  const issues: TemplateIssue[] = [];
  const subjectText = template.subject;
  const bodyText = template.body.replace(/\r\n?/g, "\n");
  if (subjectText.trim() === "") issues.push({ part: "subject", code: "required" });
  if (subjectText.length > SUBJECT_MAX) issues.push({ part: "subject", code: "tooLong" });
  if (/[\r\n]/.test(subjectText)) issues.push({ part: "subject", code: "lineBreak" });
  if (bodyText.trim() === "") issues.push({ part: "body", code: "required" });
  if (bodyText.length > BODY_MAX) issues.push({ part: "body", code: "tooLong" });
  const subject = parseInline(subjectText, "subject", issues);

  const body: TemplateNode[] = [];
  const links: string[] = [];
  let last = 0;
  const pushText = (text: string) => {
    if (text !== "") body.push(...parseInline(text, "body", issues));
  };
  for (const match of bodyText.matchAll(LINK)) {
    const [whole, label, markdownUrl, bareUrl] = match;
    let url = markdownUrl ?? bareUrl;
    let consumed = whole;
    if (bareUrl) {
      const trailing = TRAILING_PUNCTUATION.exec(bareUrl)?.[0] ?? "";
      url = bareUrl.slice(0, bareUrl.length - trailing.length);
      consumed = url;
    }
    pushText(bodyText.slice(last, match.index));
    last = match.index + consumed.length;
    const fieldFollows = bareUrl !== undefined && bodyText.startsWith("{{", match.index + bareUrl.length);
    if (fieldFollows || url.includes("{{") || url.includes("}}") || /%7B%7B/i.test(url)) {
      issues.push({ part: "body", code: "fieldInLink" });
      continue;
    }
    if (!validUrl(url)) {
      issues.push({ part: "body", code: "badLink", name: url.slice(0, 80) });
      continue;
    }
    body.push({ kind: "link", index: links.length, url, label: label === undefined ? null : parseInline(label, "body", issues) });
    links.push(url);
  }
  pushText(bodyText.slice(last));
  if (links.length > MAX_LINKS) issues.push({ part: "body", code: "tooManyLinks" });
  return { subject, body, links, issues: dedupeIssues(issues) };
}

function dedupeIssues(issues: TemplateIssue[]): TemplateIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.part}:${i.code}:${i.name ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The template's link addresses by index (what a click token's link index points into). */
export function templateLinks(body: string): string[] {
  return parseTemplate({ subject: "x", body }).links;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function fieldText(node: FieldNode, values: MergeValues): string {
  const value = isMergeField(node.name) ? values[node.name].trim() : "";
  return value !== "" ? value : node.fallback;
}

const inlineText = (nodes: Inline[], values: MergeValues) => nodes.map((n) => (n.kind === "text" ? n.text : fieldText(n, values))).join("");

/** The first word of a name; a name without spaces (Chinese names) whole. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}

const TIER_LABELS: Record<string, string> = { VIP: "VIP", MAJOR: "Major", MEDIUM: "Medium", SMALL: "Small" };

/** The merge values of one customer for one campaign. */
export function mergeValues(input: { customerName: string; company: string | null; ownerName: string | null; tier: string | null; region: string | null; campaignName: string; offer: string | null }): MergeValues {
  return {
    firstName: firstNameOf(input.customerName),
    customerName: input.customerName,
    company: input.company ?? "",
    ownerName: input.ownerName ?? "",
    tier: input.tier ? (TIER_LABELS[input.tier] ?? input.tier) : "",
    region: input.region ?? "",
    campaignName: input.campaignName,
    offer: input.offer ?? "",
  };
}

export type RenderedEmail = { subject: string; text: string; html: string };

export type RenderOptions = {
  /** The address a link is sent with (the tracked redirect in a real send; the address itself in a preview). */
  linkHref: (index: number, url: string) => string;
  /** The one-click unsubscribe address, or null (a test send or preview has none that works). */
  unsubscribeUrl: string | null;
};

const FOOTER_TEXT = {
  intro: "You receive this email because you are a customer of ours. / 您收到此邮件是因为您是我们的客户。",
  unsubscribe: "Unsubscribe / 退订",
  noLink: "(Test message: real sends carry a one-click unsubscribe link here. / 测试邮件：正式发送时此处为一键退订链接。)",
};

/** Renders a valid template for one member. Call only with a template whose parse had no issues. */
export function renderEmail(parsed: Pick<ParsedTemplate, "subject" | "body">, values: MergeValues, options: RenderOptions): RenderedEmail {
  const subject = inlineText(parsed.subject, values).replace(/\s+/g, " ").trim();
  let text = "";
  let html = "";
  for (const node of parsed.body) {
    if (node.kind === "link") {
      const href = options.linkHref(node.index, node.url);
      const label = node.label ? inlineText(node.label, values) : null;
      text += label ? `${label} (${href})` : href;
      html += `<a href="${escapeHtml(href)}">${escapeHtml(label ?? node.url)}</a>`;
    } else {
      const value = node.kind === "text" ? node.text : fieldText(node, values);
      text += value;
      html += escapeHtml(value);
    }
  }
  const paragraphs = html
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => `<p>${p.replace(/\n/g, "<br>\n")}</p>`);
  const footerText = options.unsubscribeUrl ? `${FOOTER_TEXT.unsubscribe}: ${options.unsubscribeUrl}` : FOOTER_TEXT.noLink;
  const footerHtml = options.unsubscribeUrl ? `<a href="${escapeHtml(options.unsubscribeUrl)}">${escapeHtml(FOOTER_TEXT.unsubscribe)}</a>` : escapeHtml(FOOTER_TEXT.noLink);
  return {
    subject,
    text: `${text.trimEnd()}\n\n--\n${FOOTER_TEXT.intro}\n${footerText}\n`,
    html:
      `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>` +
      `${paragraphs.join("\n")}\n<hr>\n<p style="font-size:12px;color:#555">${escapeHtml(FOOTER_TEXT.intro)}<br>\n${footerHtml}</p></body></html>`,
  };
}

/** The body part of a rendered HTML mail (for an in-page preview beside the app's own markup). */
export function htmlBodyOf(html: string): string {
  const match = /<body>([\s\S]*)<\/body>/.exec(html);
  return match ? match[1] : html;
}
