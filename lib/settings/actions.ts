"use server";

import { z } from "zod";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { expectedOf, snapshotField, versionField } from "@/lib/platform/form-fields";
import { saveSettingGroup } from "@/lib/settings/mutations";
import { pipelineForm, quotesForm, recycleBinForm, regionalForm } from "@/lib/settings/schema";

export type SettingsFormResult = FormResult<{ message: string }>;

const target = z.object({ version: versionField(), snapshot: snapshotField() });

export const saveRegionalSettingsAction = formAction({
  name: "settings.saveRegional",
  schema: z.intersection(target, regionalForm),
  refuseOn: ["version"],
  messages: { conflict: "settings.conflict" },
  handler: async ({ version, snapshot, ...value }, user) => {
    await saveSettingGroup(user, "regional", value, expectedOf({ version, snapshot }));
    return { ok: true, message: "settings.saved" };
  },
  // Currency and language show on every page.
  revalidate: [{ path: "/", type: "layout" }],
});

export const savePipelineSettingsAction = formAction({
  name: "settings.savePipeline",
  schema: z.intersection(target, pipelineForm),
  refuseOn: ["version"],
  messages: { conflict: "settings.conflict" },
  handler: async ({ version, snapshot, ...value }, user) => {
    await saveSettingGroup(user, "pipeline", value, expectedOf({ version, snapshot }));
    return { ok: true, message: "settings.saved" };
  },
  revalidate: ["/admin/settings", "/opportunities", "/opportunities/board", "/dashboards/pipeline", "/"],
});

export const saveQuoteSettingsAction = formAction({
  name: "settings.saveQuotes",
  schema: z.intersection(target, quotesForm),
  refuseOn: ["version"],
  messages: { conflict: "settings.conflict" },
  handler: async ({ version, snapshot, ...value }, user) => {
    await saveSettingGroup(user, "quotes", value, expectedOf({ version, snapshot }));
    return { ok: true, message: "settings.saved" };
  },
  revalidate: ["/admin/settings"],
});

export const saveRecycleBinSettingsAction = formAction({
  name: "settings.saveRecycleBin",
  schema: z.intersection(target, recycleBinForm),
  refuseOn: ["version"],
  messages: { conflict: "settings.conflict" },
  handler: async ({ version, snapshot, ...value }, user) => {
    await saveSettingGroup(user, "recycleBin", value, expectedOf({ version, snapshot }));
    return { ok: true, message: "settings.saved" };
  },
  revalidate: ["/admin/settings"],
});
