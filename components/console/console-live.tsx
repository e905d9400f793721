"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

type ConsoleEvent = { type: "ringing" | "answered" | "ended"; callId: string; from: string; customerIds: number[]; touchpointId?: number };

/**
 * Listens for the agent's telephony events (server-sent events from /api/console/events; the browser
 * reconnects by itself) and pops the caller: a ringing call opens the console on the caller's number
 * at once. The live region announces calls to screen-reader users.
 */
export function ConsoleLive() {
  const t = useTranslations("console");
  const router = useRouter();
  const [connected, setConnected] = useState(false);
  const [call, setCall] = useState<ConsoleEvent | null>(null);

  useEffect(() => {
    const source = new EventSource("/api/console/events");
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener("cti", (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as ConsoleEvent;
      setCall(event);
      if (event.type === "ringing") router.push(`/console?q=${encodeURIComponent(event.from)}&call=${encodeURIComponent(event.callId)}`);
      if (event.type === "ended") router.refresh();
    });
    return () => source.close();
  }, [router]);

  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <span data-testid="console-connection" data-connected={connected ? "yes" : "no"} className={connected ? "text-emerald-700" : "text-slate-500"}>
        {connected ? t("live.connected") : t("live.connecting")}
      </span>
      <p aria-live="assertive" data-testid="console-call" className="font-medium text-slate-900">
        {call ? t(`live.${call.type}`, { from: call.from }) : null}
      </p>
    </div>
  );
}
