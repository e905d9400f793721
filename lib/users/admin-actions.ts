"use server";

import { z } from "zod";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { checkbox, idField, optionalIdField, snapshotField } from "@/lib/platform/form-fields";
import { createUser, updateUser } from "@/lib/users/admin";

export type UserAdminFormResult = FormResult<{ message: string }>;

/** A text input: anything missing reads as blank; the data layer's schemas judge the content. */
const text = () => z.unknown().transform((v) => (typeof v === "string" ? v.trim() : ""));

/** Skills typed as one field: commas, semicolons or spaces separate them ("billing, vip zh"). */
const skillsText = () => text().transform((v) => v.split(/[\s,;，、]+/).filter((s) => s !== ""));

/** The instant the edit form loaded (hidden input): anything else did not come from our form. */
const instantField = () =>
  z.unknown().transform((value, ctx) => {
    const ms = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value) ? Date.parse(value) : Number.NaN;
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: "custom", message: "validation.badField" });
      return z.NEVER;
    }
    return new Date(ms);
  });

const userForm = {
  name: text(),
  role: text(),
  teamId: optionalIdField("validation.choose"),
  skills: skillsText(),
  phoneExtension: text(),
};

export const createUserAction = formAction({
  name: "users.create",
  schema: z.object({ ...userForm, email: text(), password: z.unknown().transform((v) => (typeof v === "string" ? v : "")) }),
  secret: ["password"],
  messages: { invalid: "validation.fix" },
  handler: async (input, user) => {
    await createUser(user, { ...input, phoneExtension: input.phoneExtension || null });
    return { ok: true, message: "users.admin.created" };
  },
  revalidate: ["/admin/users"],
});

export const updateUserAction = formAction({
  name: "users.update",
  schema: z.object({ ...userForm, id: idField(), updatedAt: instantField(), snapshot: snapshotField(), active: checkbox() }),
  refuseOn: ["id", "updatedAt"],
  messages: { conflict: "users.admin.conflict" },
  handler: async ({ id, updatedAt, snapshot, ...fields }, user) => {
    await updateUser(user, id, updatedAt, { ...fields, phoneExtension: fields.phoneExtension || null }, snapshot);
    return { ok: true, message: "users.admin.saved" };
  },
  revalidate: ["/admin/users"],
});
