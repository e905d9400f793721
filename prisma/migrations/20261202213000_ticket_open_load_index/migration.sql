-- Each routing decision reads every agent's load: the count of their open tickets and their latest
-- assignment (lib/tickets/routing.ts candidates). That read went through the status index and then
-- the heap of every open assigned ticket: at 200,000 tickets, 17,700 of them on 3,350 pages, 13 ms
-- of a ~21 ms decision on PGlite. This index holds just those tickets' agent and assignment instant,
-- in agent order, so the load is an index-only scan and a grouped read in order: ~5 ms.
--
-- Its predicate lists the open statuses of lib/tickets/rules/status.ts OPEN_TICKET_STATUSES (a test
-- compares them: tests/integration/tickets.test.ts). Prisma's schema language has no partial index:
-- schema.prisma names it in a comment, and a generated migration diff would drop it: keep this one.
CREATE INDEX "Ticket_open_assignee_idx" ON "Ticket"("assigneeId", "assignedAt")
  WHERE "assigneeId" IS NOT NULL AND "status" IN ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'REOPENED');
