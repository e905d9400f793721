/**
 * Tasks and appointments for the demo users, placed relative to `now` so that "today" and "this
 * week" views have something in them whenever the demo starts. One rep per team gets a deliberate
 * double booking, so the calendar's conflict warning can be seen.
 */
import { TableWriter } from "@/lib/platform/db/bulk";
import { APPOINTMENT_LOCATIONS, APPOINTMENT_TITLES, TASK_TITLES } from "./catalog";
import { Random, labelOf } from "./random";
import { DAY, HOUR, MINUTE, type Reservoir, type UserRef, type World } from "./world";

export function createCalendarWriters() {
  return {
    task: new TableWriter("Task", {
      title: "text",
      notes: "text",
      dueAt: "timestamp",
      reminderAt: "timestamp",
      status: "enum:TaskStatus",
      ownerId: "int",
      customerId: "int",
      opportunityId: "int",
      completedAt: "timestamp",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    }),
    appointment: new TableWriter("Appointment", {
      title: "text",
      location: "text",
      startsAt: "timestamp",
      endsAt: "timestamp",
      allDay: "bool",
      timeZone: "text",
      ownerId: "int",
      customerId: "int",
      opportunityId: "int",
      completedAt: "timestamp",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    }),
    attendee: new TableWriter("AppointmentAttendee", { appointmentId: "int", userId: "int" }, false),
  };
}

export type CalendarWriters = ReturnType<typeof createCalendarWriters>;

// The demo company sits in China (UTC+8); appointment times are chosen in local office hours.
const TIME_ZONE = "Asia/Shanghai";
const UTC_OFFSET_HOURS = 8;

export function generateCalendar(world: World, writers: CalendarWriters): void {
  const rng = new Random(world.seed, labelOf("calendar"));
  const day0 = Math.floor(world.now / DAY) * DAY;
  /** A UTC instant for a local (UTC+8) wall-clock hour, `dayOffset` days from today. */
  const local = (dayOffset: number, hour: number) => day0 + dayOffset * DAY + (hour - UTC_OFFSET_HOURS) * HOUR;
  const empty: Reservoir = { customers: [], openOpportunities: [] };

  const addTask = (
    owner: UserRef,
    title: string,
    dueAt: number,
    status: "OPEN" | "DONE" | "CANCELLED",
    links: { customerId: number | null; opportunityId: number | null },
  ) => {
    const createdAt = Math.min(dueAt, world.now) - rng.uniform(1, 10) * DAY;
    const completedAt = status === "DONE" ? Math.min(world.now - HOUR, dueAt - rng.uniform(0, 1) * DAY) : null;
    writers.task.add({
      title,
      notes: status === "OPEN" && rng.chance(0.4) ? "Check the customer's recent tickets first." : null,
      dueAt,
      reminderAt: status === "OPEN" ? dueAt - 30 * MINUTE : null,
      status,
      ownerId: owner.id,
      customerId: links.customerId,
      opportunityId: links.opportunityId,
      completedAt,
      createdAt,
      updatedAt: completedAt ?? createdAt,
    });
  };

  const addAppointment = (
    owner: UserRef,
    title: string,
    startsAt: number,
    minutes: number,
    links: { customerId: number | null; opportunityId: number | null },
    attendees: UserRef[] = [],
    location: string = rng.pick(APPOINTMENT_LOCATIONS),
  ) => {
    const endsAt = startsAt + minutes * MINUTE;
    const createdAt = Math.min(startsAt, world.now) - rng.uniform(2, 14) * DAY;
    const completedAt = endsAt < world.now ? endsAt : null;
    const id = writers.appointment.add({
      title,
      location,
      startsAt,
      endsAt,
      allDay: false,
      timeZone: TIME_ZONE,
      ownerId: owner.id,
      customerId: links.customerId,
      opportunityId: links.opportunityId,
      completedAt,
      createdAt,
      updatedAt: completedAt ?? createdAt,
    });
    const people = [owner, ...attendees.filter((a) => a.id !== owner.id)];
    for (const person of people) writers.attendee.add({ appointmentId: id, userId: person.id });
  };

  const teamFirstRep = new Set<number>();
  for (const team of Object.keys(world.repsByTeam)) {
    const first = world.repsByTeam[team][0];
    if (first) teamFirstRep.add(first.id);
  }

  for (const rep of world.reps) {
    const r = world.reservoirs.get(rep.id) ?? empty;
    const customer = (i: number) => (r.customers.length > 0 ? r.customers[i % r.customers.length] : null);
    const opportunity = (i: number) => (r.openOpportunities.length > 0 ? r.openOpportunities[i % r.openOpportunities.length] : null);
    const withOpportunity = (i: number) => {
      const o = opportunity(i);
      return o ? { customerId: o.customerId, opportunityId: o.id } : { customerId: customer(i), opportunityId: null };
    };
    const titles = rng.sample(TASK_TITLES, 7);

    addTask(rep, titles[0], local(-rng.int(1, 4), 17), "OPEN", { customerId: customer(0), opportunityId: null });
    addTask(rep, titles[1], local(0, rng.int(11, 17)), "OPEN", withOpportunity(0));
    addTask(rep, titles[2], local(0, rng.int(15, 18)), "OPEN", { customerId: customer(1), opportunityId: null });
    addTask(rep, titles[3], local(rng.int(1, 4), rng.int(9, 17)), "OPEN", withOpportunity(1));
    addTask(rep, titles[4], local(rng.int(7, 11), 10), "OPEN", { customerId: customer(2), opportunityId: null });
    addTask(rep, titles[5], local(-rng.int(2, 7), 16), "DONE", { customerId: customer(3), opportunityId: null });
    addTask(rep, titles[6], local(-rng.int(3, 10), 11), "CANCELLED", { customerId: customer(4), opportunityId: null });

    const meetings = rng.sample(APPOINTMENT_TITLES.filter((t) => t !== "Team pipeline review"), 6);
    addAppointment(rep, meetings[0], local(0, 10), 60, { customerId: customer(0), opportunityId: null }, [], "Customer site");
    addAppointment(rep, meetings[1], local(0, 14), 90, withOpportunity(0));
    addAppointment(rep, meetings[2], local(rng.int(1, 2), rng.int(9, 16)), 60, withOpportunity(1));
    addAppointment(rep, meetings[3], local(rng.int(3, 6), rng.int(9, 16)), 60, { customerId: customer(2), opportunityId: null });
    addAppointment(rep, meetings[4], local(-1, 15), 60, { customerId: customer(3), opportunityId: null });
    addAppointment(rep, meetings[5], local(-rng.int(4, 8), 10), 120, withOpportunity(2));
    if (teamFirstRep.has(rep.id)) {
      // Overlaps the 10:00 meeting on purpose.
      addAppointment(rep, "Contract negotiation", local(0, 10) + 30 * MINUTE, 60, withOpportunity(1), [], "Video call");
    }
  }

  for (const manager of world.managers) {
    const team = world.repsByTeam[manager.team ?? ""] ?? [];
    addTask(manager, "Review team forecast", local(0, 16), "OPEN", { customerId: null, opportunityId: null });
    addTask(manager, "Approve discount requests", local(rng.int(1, 3), 11), "OPEN", { customerId: null, opportunityId: null });
    addTask(manager, "Prepare monthly sales report", local(-rng.int(2, 5), 17), "DONE", { customerId: null, opportunityId: null });
    addAppointment(manager, "Team pipeline review", local(rng.int(1, 3), 9), 60, { customerId: null, opportunityId: null }, team, "Summit office, meeting room 1");
    addAppointment(manager, "Team pipeline review", local(-rng.int(5, 7), 9), 60, { customerId: null, opportunityId: null }, team, "Summit office, meeting room 1");
  }

  for (const agent of world.agents) {
    addTask(agent, "Call back customer about open ticket", local(0, rng.int(10, 17)), "OPEN", { customerId: null, opportunityId: null });
    addTask(agent, "Review call list progress", local(rng.int(1, 4), 15), "OPEN", { customerId: null, opportunityId: null });
    addTask(agent, "Update knowledge base article", local(-rng.int(1, 5), 12), "DONE", { customerId: null, opportunityId: null });
  }

  const admin = world.users.find((u) => u.role === "ADMIN");
  if (admin) {
    addTask(admin, "Review audit log for denied actions", local(rng.int(0, 2), 11), "OPEN", { customerId: null, opportunityId: null });
  }
}
