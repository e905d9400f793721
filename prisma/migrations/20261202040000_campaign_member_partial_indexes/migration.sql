-- Three CampaignMember indexes hold a value for few members: the outbox message and the unsubscribe
-- token (email campaigns, once a member's mail is queued) and the assigned agent (phone follow-up).
-- As full indexes every member of every launch was written into each of them as a NULL entry, which
-- cost ~170 ms of the 50,000-member launch INSERT on PGlite. Partial indexes on the non-null values
-- serve every lookup we make (equality on the column implies it is not null) and keep uniqueness
-- (NULLs never conflicted). schema.prisma keeps @unique / @@index on these columns for the client's
-- types; a generated migration diff will show them as full indexes again: keep these partial ones.
DROP INDEX "CampaignMember_emailOutboxId_key";
CREATE UNIQUE INDEX "CampaignMember_emailOutboxId_key" ON "CampaignMember"("emailOutboxId") WHERE "emailOutboxId" IS NOT NULL;
DROP INDEX "CampaignMember_unsubscribeTokenHash_key";
CREATE UNIQUE INDEX "CampaignMember_unsubscribeTokenHash_key" ON "CampaignMember"("unsubscribeTokenHash") WHERE "unsubscribeTokenHash" IS NOT NULL;
DROP INDEX "CampaignMember_assignedToId_status_idx";
CREATE INDEX "CampaignMember_assignedToId_status_idx" ON "CampaignMember"("assignedToId", "status") WHERE "assignedToId" IS NOT NULL;
