/**
 * The two "buy till you die" purchase models behind one interface, so the score job and CLV do not
 * care which one spoke. Pareto/NBD is the default: its P(alive) falls with time for customers who
 * never repeated, where BG/NBD keeps them alive with probability 1 however long ago they bought.
 */

import { conditionalExpectedPurchases, probabilityAlive, type BgNbdParams } from "@/lib/scoring/rules/bg-nbd";
import {
  paretoNbdConditionalExpectedPurchases,
  paretoNbdProbabilityAlive,
  type ParetoNbdParams,
} from "@/lib/scoring/rules/pareto-nbd";

export const PURCHASE_MODELS = ["pareto-nbd", "bg-nbd"] as const;
export type PurchaseModelName = (typeof PURCHASE_MODELS)[number];

export interface PurchaseModel {
  name: PurchaseModelName;
  params: BgNbdParams | ParetoNbdParams;
  /** Expected repeat purchases in (T, T + t] for a customer with history (x, t_x, T). */
  expectedPurchases(t: number, x: number, tx: number, T: number): number;
  /** P(alive | x, t_x, T). */
  pAlive(x: number, tx: number, T: number): number;
}

export function bgNbdModel(params: BgNbdParams): PurchaseModel {
  return {
    name: "bg-nbd",
    params,
    expectedPurchases: (t, x, tx, T) => conditionalExpectedPurchases(params, t, x, tx, T),
    pAlive: (x, tx, T) => probabilityAlive(params, x, tx, T),
  };
}

export function paretoNbdModel(params: ParetoNbdParams): PurchaseModel {
  return {
    name: "pareto-nbd",
    params,
    expectedPurchases: (t, x, tx, T) => paretoNbdConditionalExpectedPurchases(params, t, x, tx, T),
    pAlive: (x, tx, T) => paretoNbdProbabilityAlive(params, x, tx, T),
  };
}
