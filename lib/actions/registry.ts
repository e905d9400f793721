import "server-only";
import * as appointments from "./appointments";
import * as customers from "./customers";
import * as leads from "./leads";
import * as locale from "./locale";
import * as opportunities from "./opportunities";
import * as partners from "./partners";
import * as products from "./products";
import * as quotes from "./quotes";
import * as salesTargets from "./sales-targets";
import * as scores from "./scores";
import * as search from "./search";
import * as setup from "./setup";
import * as tasks from "./tasks";
import { type RegisteredAction, registeredActions } from "@/lib/platform/form-action";

/**
 * Every actions module, so that every server action is enumerable from one place: the factory
 * registers each action by name as its module loads. tests/unit/action-registry.test.ts fails when a
 * file in lib/actions is missing here or exports a function the factory did not build; the fuzz test
 * (tests/integration/action-fuzz.test.ts) posts malformed input to each registered action.
 */
export const ACTION_MODULES = { appointments, customers, leads, locale, opportunities, partners, products, quotes, salesTargets, scores, search, setup, tasks };

export function allActions(): RegisteredAction[] {
  return registeredActions();
}
