"use server";

import { z } from "zod";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { expectedOf, idField, optionalIdField, snapshotField, versionField } from "@/lib/platform/form-fields";
import { createTeam, updateTeam } from "@/lib/users/teams";

export type TeamFormResult = FormResult<{ message: string }>;

/** A text input: anything missing reads as blank; the data layer's schemas judge the content. */
const text = () => z.unknown().transform((v) => (typeof v === "string" ? v.trim() : ""));

export const createTeamAction = formAction({
  name: "teams.create",
  schema: z.object({ name: text() }),
  handler: async (input, user) => {
    await createTeam(user, input);
    return { ok: true, message: "users.teams.created" };
  },
  revalidate: ["/admin/teams", "/admin/users"],
});

export const updateTeamAction = formAction({
  name: "teams.update",
  schema: z.object({ id: idField(), version: versionField(), snapshot: snapshotField(), name: text(), managerId: optionalIdField("validation.choose") }),
  refuseOn: ["id", "version"],
  messages: { conflict: "users.teams.conflict" },
  handler: async ({ id, version, snapshot, ...fields }, user) => {
    await updateTeam(user, id, expectedOf({ version, snapshot }), fields);
    return { ok: true, message: "users.teams.saved" };
  },
  revalidate: ["/admin/teams", "/admin/users"],
});
