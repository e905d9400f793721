-- The call queue's "next call" (lib/call-lists/mutations.ts nextCallStatement): the open records of a
-- list in call order (priority DESC, id), so FOR UPDATE SKIP LOCKED walks the index from the top and
-- stops at the first due, unlocked row instead of sorting every open record on each call. Partial:
-- finished records (most of a worked list) are not in it. The second serves "next call" over every
-- list a manager may work.
CREATE INDEX "CallListEntry_queue_idx" ON "CallListEntry" ("callListId", "priority" DESC, "id") WHERE "status" IN ('QUEUED', 'CALLBACK');
CREATE INDEX "CallListEntry_queue_all_idx" ON "CallListEntry" ("priority" DESC, "id") WHERE "status" IN ('QUEUED', 'CALLBACK');
