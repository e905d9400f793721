"use client";

import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  type CollisionDetection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import * as Menu from "@radix-ui/react-dropdown-menu";
import { GripVertical } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConflictPanel } from "@/components/ui/conflict-panel";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import { TextareaField } from "@/components/ui/select-field";
import { moveStageAction } from "@/lib/opportunities/actions";
import type { ConflictView } from "@/lib/platform/concurrency";
import type { BoardCard, BoardColumn } from "@/lib/opportunities/board";
import { formatMoney } from "@/lib/platform/format";
import { formatCents, parseCents } from "@/lib/platform/money";
import { STAGES } from "@/lib/opportunities/rules/stages";
import type { OpportunityStage } from "@/lib/platform/enums";

type Props = { columns: BoardColumn[]; moreHref: Record<string, string> };
type Notice = { tone: "error" | "success"; text: string; link?: { href: string; label: string }; conflict?: { view: ConflictView; retry: () => void } };

/** Why a move was refused: the rule's own message (a lost reason is required…) before the generic one. */
const refusalOf = (outcome: { fieldErrors: Record<string, string>; message: string | null } | null) =>
  (outcome && (Object.values(outcome.fieldErrors)[0] ?? outcome.message)) ?? "errors.notAllowed";

const addMoney = (a: string, b: string, sign: 1n | -1n) => formatCents((parseCents(a) ?? 0n) + sign * (parseCents(b) ?? 0n));

/** Moves a card between columns in local state; WON/LOST have no column, so the card leaves the board. */
function relocate(columns: BoardColumn[], card: BoardCard, to: OpportunityStage, patch: Partial<BoardCard>): BoardColumn[] {
  return columns.map((col) => {
    if (col.stage === card.stage && col.stage !== to) {
      return { ...col, count: col.count - 1, amount: addMoney(col.amount, card.amount, -1n), cards: col.cards.filter((c) => c.id !== card.id) };
    }
    if (col.stage === to && card.stage !== to) {
      return { ...col, count: col.count + 1, amount: addMoney(col.amount, card.amount, 1n), cards: [{ ...card, ...patch, stage: to }, ...col.cards] };
    }
    return col;
  });
}

/** Drop zones under the pointer win; the keyboard sensor has no pointer, so fall back to overlap. */
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

export function OpportunityBoard({ columns: initial, moreHref }: Props) {
  const t = useTranslations();
  const [columns, setColumns] = useState(initial);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [dragging, setDragging] = useState<BoardCard | null>(null);
  const [losing, setLosing] = useState<BoardCard | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [, startTransition] = useTransition();
  // A fresh server render (after revalidation or a filter change) replaces the local state.
  const [source, setSource] = useState(initial);
  if (source !== initial) {
    setSource(initial);
    setColumns(initial);
  }

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor));
  const stageName = (s: string) => t(`enums.oppStage.${s}`);
  const findCard = (id: number) => columns.flatMap((c) => c.cards).find((c) => c.id === id);

  const move = (card: BoardCard, to: OpportunityStage, lostReason: string | null = null) => {
    if (card.stage === to) return;
    if (to === "LOST" && !lostReason) {
      setLosing(card);
      setReason("");
      setReasonError(undefined);
      return;
    }
    // Show the move at once; the server's answer confirms it or puts the card back.
    setColumns((cols) => relocate(cols, card, to, {}));
    setNotice(null);
    startTransition(async () => {
      // What the card showed, by the detail form's field names: a refused move names what changed.
      const seen = { name: card.name, amount: card.amount, stage: card.stage, expectedCloseDate: card.expectedCloseDate };
      const outcome = await moveStageAction({ id: card.id, version: card.version, stage: to, lostReason, seen });
      if (outcome?.ok) {
        setColumns((cols) => cols.map((col) => ({ ...col, cards: col.cards.map((c) => (c.id === card.id ? { ...c, version: outcome.result.version, idleDays: 0, stale: false } : c)) })));
        setNotice({
          tone: "success",
          text: t("opportunities.board.moved", { name: card.name, stage: stageName(to) }),
          link: to === "WON" || to === "LOST" ? { href: `/opportunities/${card.id}`, label: t("opportunities.board.openDeal") } : undefined,
        });
      } else {
        setColumns((cols) => {
          // Put it back where it was, as it was (WON/LOST moves left no card to find).
          const restored = cols.map((col) => ({ ...col, cards: col.cards.filter((c) => c.id !== card.id) }));
          const movedCol = cols.find((c) => c.stage === to);
          const fixed = restored.map((col) => (movedCol && col.stage === to ? { ...col, count: col.count - 1, amount: addMoney(col.amount, card.amount, -1n) } : col));
          return fixed.map((col) => (col.stage === card.stage ? { ...col, count: col.count + 1, amount: addMoney(col.amount, card.amount, 1n), cards: [card, ...col.cards] } : col));
        });
        const conflict = outcome?.conflict;
        setNotice({
          tone: "error",
          text: t("opportunities.board.refused", { name: card.name, reason: t(refusalOf(outcome)) }),
          // Moving anyway is a move against the version stored now (itself refused if a third save comes first).
          conflict: conflict ? { view: conflict, retry: () => move({ ...card, version: conflict.version }, to, lostReason) } : undefined,
        });
      }
    });
  };

  const onDragStart = (e: DragStartEvent) => setDragging(findCard(Number(e.active.id)) ?? null);
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    const card = findCard(Number(e.active.id));
    const to = e.over?.id as OpportunityStage | undefined;
    if (card && to) move(card, to);
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => t("opportunities.board.a11y.picked", { name: findCard(Number(active.id))?.name ?? "" }),
    onDragOver: ({ active, over }) => (over ? t("opportunities.board.a11y.over", { name: findCard(Number(active.id))?.name ?? "", stage: stageName(String(over.id)) }) : t("opportunities.board.a11y.outside")),
    onDragEnd: ({ active, over }) => (over ? t("opportunities.board.a11y.dropped", { name: findCard(Number(active.id))?.name ?? "", stage: stageName(String(over.id)) }) : t("opportunities.board.a11y.cancelled")),
    onDragCancel: () => t("opportunities.board.a11y.cancelled"),
  };

  const confirmLost = () => {
    if (!losing) return;
    if (!reason.trim()) {
      setReasonError(t("opportunities.validation.lostReason"));
      return;
    }
    const card = losing;
    setLosing(null);
    move(card, "LOST", reason.trim());
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("opportunities.board.a11y.instructions") } }}
    >
      <div aria-live="polite" className="min-h-[2.5rem]" data-testid="board-notice">
        {notice ? (
          <FormMessage tone={notice.tone}>
            {notice.text}
            {notice.link ? (
              <>
                {" "}
                <Link href={notice.link.href} className="underline">
                  {notice.link.label}
                </Link>
              </>
            ) : null}
          </FormMessage>
        ) : null}
        {notice?.conflict ? (
          <ConflictPanel
            conflict={notice.conflict.view}
            label={(f) => t(`opportunities.fields.${f}`)}
            show={(f, v) => (f === "stage" ? stageName(v) : f === "amount" ? formatMoney(v) : v)}
            onOverwrite={notice.conflict.retry}
          />
        ) : null}
      </div>
      <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-4">
        {columns.map((col) => (
          <Column key={col.stage} column={col} title={stageName(col.stage)} moreHref={moreHref[col.stage]}>
            {col.cards.map((card) => (
              <Card key={card.id} card={card} onMove={move} hidden={dragging?.id === card.id} />
            ))}
          </Column>
        ))}
      </div>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <ClosedZone stage="WON" label={t("opportunities.board.dropWon")} />
        <ClosedZone stage="LOST" label={t("opportunities.board.dropLost")} />
      </div>
      <DragOverlay>{dragging ? <CardBody card={dragging} overlay /> : null}</DragOverlay>
      <Dialog open={losing !== null} onOpenChange={(open) => (open ? null : setLosing(null))} title={t("opportunities.board.lostTitle", { name: losing?.name ?? "" })} description={t("opportunities.board.lostHint")}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            confirmLost();
          }}
          className="flex flex-col gap-3"
        >
          <TextareaField id="lost-reason" label={t("opportunities.fields.lostReason")} value={reason} onChange={(e) => setReason(e.target.value)} error={reasonError} required rows={3} autoFocus />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setLosing(null)}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" variant="danger">
              {t("opportunities.board.markLost")}
            </Button>
          </div>
        </form>
      </Dialog>
    </DndContext>
  );
}

function Card({ card, onMove, hidden }: { card: BoardCard; onMove: (card: BoardCard, to: OpportunityStage) => void; hidden: boolean }) {
  const t = useTranslations();
  const stageName = (s: string) => t(`enums.oppStage.${s}`);
  const { attributes, listeners, setNodeRef } = useDraggable({ id: String(card.id), disabled: !card.canMove });
  return (
    <li ref={setNodeRef} className={cn(hidden && "opacity-40")} data-testid={`card-${card.id}`} aria-label={card.name}>
      <CardBody card={card}>
        {card.canMove ? (
          <div className="flex items-center gap-1">
            <button
              type="button"
              className="rounded p-1 text-slate-500 hover:bg-slate-100 focus:outline-2 focus:outline-brand-600"
              aria-label={t("opportunities.board.dragHandle", { name: card.name })}
              data-testid={`drag-${card.id}`}
              {...attributes}
              {...listeners}
            >
              <GripVertical className="h-4 w-4" aria-hidden="true" />
            </button>
            <Menu.Root>
              <Menu.Trigger asChild>
                <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100" aria-label={t("opportunities.board.moveToFor", { name: card.name })}>
                  {t("opportunities.board.moveTo")}
                </button>
              </Menu.Trigger>
              <Menu.Portal>
                <Menu.Content className="z-50 min-w-40 rounded-md border border-slate-200 bg-white p-1 shadow-lg" align="end">
                  {STAGES.filter((s) => s !== card.stage).map((s) => (
                    <Menu.Item key={s} className="cursor-pointer rounded px-2 py-1 text-sm outline-none data-[highlighted]:bg-brand-50" onSelect={() => onMove(card, s)}>
                      {stageName(s)}
                    </Menu.Item>
                  ))}
                </Menu.Content>
              </Menu.Portal>
            </Menu.Root>
          </div>
        ) : null}
      </CardBody>
    </li>
  );
}

function CardBody({ card, overlay, children }: { card: BoardCard; overlay?: boolean; children?: ReactNode }) {
  const t = useTranslations();
  return (
    <div className={cn("flex flex-col gap-1 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-sm", overlay && "shadow-lg ring-2 ring-brand-500")}>
      <div className="flex items-start justify-between gap-2">
        <Link href={`/opportunities/${card.id}`} className="font-medium text-brand-700 hover:underline">
          {card.name}
        </Link>
        {children}
      </div>
      <div className="text-slate-700">{card.customerName}</div>
      <div className="flex flex-wrap items-center justify-between gap-1 text-xs text-slate-600">
        <span className="font-semibold tabular-nums text-slate-900">{formatMoney(card.amount)}</span>
        <span>{t("opportunities.board.closes", { date: card.expectedCloseDate })}</span>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-1 text-xs text-slate-600">
        <span>{card.ownerName}</span>
        {card.stale ? <Badge tone="gold">{t("opportunities.stale.badge", { days: card.idleDays })}</Badge> : null}
      </div>
    </div>
  );
}

function Column({ column, title, moreHref: more, children }: { column: BoardColumn; title: string; moreHref?: string; children: ReactNode }) {
  const t = useTranslations();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage });
  return (
    <section ref={setNodeRef} aria-labelledby={`col-${column.stage}`} data-testid={`column-${column.stage}`} className={cn("flex flex-col gap-2 rounded-lg border border-slate-200 bg-slate-50 p-3", isOver && "border-brand-500 bg-brand-50")}>
      <header>
        <h2 id={`col-${column.stage}`} className="font-semibold text-slate-900">
          {title}
        </h2>
        <p className="text-xs text-slate-600" data-testid={`column-total-${column.stage}`}>
          {t("opportunities.board.columnTotal", { count: column.count, amount: formatMoney(column.amount) })}
        </p>
      </header>
      {column.cards.length === 0 ? <p className="rounded border border-dashed border-slate-300 p-3 text-center text-xs text-slate-500">{t("opportunities.board.emptyColumn")}</p> : null}
      <ul className="flex flex-col gap-2">{children}</ul>
      {column.hasMore && more ? (
        <Link href={more} className="text-center text-sm text-brand-700 underline" scroll={false}>
          {t("opportunities.board.showMore", { shown: column.cards.length, count: column.count })}
        </Link>
      ) : null}
    </section>
  );
}

function ClosedZone({ stage, label }: { stage: "WON" | "LOST"; label: string }) {
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  return (
    <div
      ref={setNodeRef}
      data-testid={`column-${stage}`}
      className={cn(
        "rounded-lg border-2 border-dashed p-4 text-center text-sm font-medium",
        stage === "WON" ? "border-emerald-300 text-emerald-800" : "border-red-300 text-red-800",
        isOver && (stage === "WON" ? "bg-emerald-50" : "bg-red-50"),
      )}
    >
      {label}
    </div>
  );
}
