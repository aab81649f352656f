import type { OfferingStatus } from "./types.js";

// Where a sale stands, as the contract's `IModelOffering.Status` numbers it.

/** The contract's `IModelOffering.Status`, by its number. */
export const OFFERING_STATUSES: readonly OfferingStatus[] = [
  "Upcoming",
  "Live",
  "Ended",
  "Failed",
  "Succeeded",
  "Oversubscribed",
  "Cancelled",
];

const FINAL_STATUSES: ReadonlySet<OfferingStatus> = new Set(["Failed", "Succeeded", "Oversubscribed", "Cancelled"]);

/**
 * The name of the contract's status number.
 *
 * @example
 * import { statusName } from "open-model-registry/sdk";
 * statusName(5n); // "Oversubscribed"
 */
export function statusName(value: unknown): OfferingStatus {
  return OFFERING_STATUSES[Number(value)] ?? "Upcoming";
}

/**
 * Whether a status is final: Failed, Succeeded, Oversubscribed or Cancelled.
 *
 * @example
 * import { isFinalStatus } from "open-model-registry/sdk";
 * isFinalStatus("Ended"); // false: the sale waits for someone to finalise it
 */
export function isFinalStatus(status: OfferingStatus): boolean {
  return FINAL_STATUSES.has(status);
}
