/**
 * Which opt-out (stop-call list entry) forbids outbound contact on which channel. Inbound contact is
 * never refused: a customer who calls in is served, whatever they opted out of.
 */
import { Channel, type Direction } from "@/lib/platform/enums";

export type DoNotContactFlags = { dncPhone: boolean; dncEmail: boolean; dncMail: boolean; dncSms: boolean };
export type DoNotContactFlag = keyof DoNotContactFlags;

export const CHANNELS = Object.values(Channel);

// A fax goes over the phone line, so the phone opt-out covers it (as telemarketing rules treat it).
// Visits, outlets, events, web, advertising responses and service contacts have no opt-out flag.
export const CHANNEL_OPT_OUT: Partial<Record<Channel, DoNotContactFlag>> = {
  PHONE: "dncPhone",
  FAX: "dncPhone",
  EMAIL: "dncEmail",
  DIRECT_MAIL: "dncMail",
};

/** The opt-out that refuses this contact, or null when it may go ahead. */
export function optOutRefusal(channel: Channel, direction: Direction, flags: DoNotContactFlags): DoNotContactFlag | null {
  if (direction !== "OUTBOUND") return null;
  const flag = CHANNEL_OPT_OUT[channel];
  return flag && flags[flag] ? flag : null;
}

export function hasAnyOptOut(flags: DoNotContactFlags): boolean {
  return flags.dncPhone || flags.dncEmail || flags.dncMail || flags.dncSms;
}
