import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { ConflictPanel } from "@/components/ui/conflict-panel";
import { messagesFor } from "@/lib/i18n/messages";
import type { ConflictView } from "@/lib/platform/concurrency";

const conflict: ConflictView = {
  version: 5,
  changes: [
    { field: "amount", old: "100.00", current: "120.00" },
    { field: "active", old: "true", current: "false" },
    { field: "nextStep", old: null, current: "Call CFO" },
  ],
  current: { amount: "120.00", active: "false", nextStep: "Call CFO" },
};

function render(props: Partial<Parameters<typeof ConflictPanel>[0]>, locale: "en" | "zh-CN" = "en"): string {
  const panel = createElement(ConflictPanel, { conflict, label: (f: string) => `<${f}>`, ...props });
  // The provider's props type requires `children`, so they travel in the props object.
  const provider = { locale, messages: messagesFor(locale), timeZone: "UTC", children: panel };
  return renderToStaticMarkup(createElement(NextIntlClientProvider, provider));
}

describe("the conflict panel", () => {
  test("lists each changed field with what the editor saw, what is saved now and the editor's own value", () => {
    const html = render({ show: (f, v) => (f === "amount" ? `¥${v}` : undefined), yours: (f) => (f === "amount" ? "110.00" : undefined), onOverwrite: () => undefined });
    expect(html).toContain("Someone else saved this record while you were editing it");
    expect(html).toMatch(/&lt;amount&gt;.*¥100\.00.*¥120\.00.*110\.00/s);
    // Flags read as yes/no, an empty value as "(empty)".
    expect(html).toMatch(/&lt;active&gt;.*Yes.*No/s);
    expect(html).toMatch(/&lt;nextStep&gt;.*\(empty\).*Call CFO/s);
    expect(html).toContain("Reload (discard my changes)");
    expect(html).toContain("Save mine over theirs");
  });

  test("without an overwrite handler there is only reload; with no changed fields it says so", () => {
    const html = render({ conflict: { ...conflict, changes: [] } });
    expect(html).not.toContain("Save mine over theirs");
    expect(html).toContain("None of the fields shown here differ now");
  });

  test("speaks the user's language", () => {
    expect(render({}, "zh-CN")).toContain("其他人保存了该记录");
  });
});
