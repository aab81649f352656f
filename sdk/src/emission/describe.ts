import { formatDuration } from "../durations.js";
import type { EmissionActivity, EmissionSettings } from "./types.js";

// The emission in words: a subnet's activity as `NetworkEmission.activity` returns it (the `Activity` enum), and
// the settings, as the CLI and a proposal's description write them.

/** The contract's `Activity` enum, in its order. */
export const EMISSION_ACTIVITIES: readonly EmissionActivity[] = ["active", "no-epoch", "overdue", "too-few-validators"];

/** The contract's `Activity` value as the SDK names it; an unknown value is named by its number. */
export function activityOf(value: unknown): EmissionActivity {
  return EMISSION_ACTIVITIES[Number(value)] ?? (`activity ${value}` as EmissionActivity);
}

/**
 * A subnet's activity in words, completing "Subnet 3 ...": with the settings, the figures they require; without,
 * naming the setting.
 *
 * @example
 * import { describeEmissionActivity } from "open-model-registry/sdk";
 * describeEmissionActivity("overdue", { graceBlocks: 7200, minValidators: 1 });
 * // "is overdue for its next epoch by more than 7200 blocks"
 */
export function describeEmissionActivity(
  activity: EmissionActivity,
  settings?: Pick<EmissionSettings, "graceBlocks" | "minValidators">,
): string {
  switch (activity) {
    case "active":
      return "is active";
    case "no-epoch":
      return "has completed no epoch";
    case "overdue":
      return settings
        ? `is overdue for its next epoch by more than ${settings.graceBlocks} blocks`
        : "is overdue for its next epoch by more than the grace the emission's settings allow (graceBlocks)";
    case "too-few-validators":
      if (!settings) return "has fewer validators with stake besides its owner than the emission's settings require";
      return settings.minValidators === 1
        ? "has no validator with stake besides its owner"
        : `has fewer than ${settings.minValidators} validators with stake besides its owner`;
    default:
      return `is not active (${activity})`;
  }
}

/**
 * The settings in words, as `emission show` and a proposal setting them write them.
 *
 * @example
 * import { describeEmissionSettings } from "open-model-registry/sdk";
 * describeEmissionSettings({ periodLength: 604800, rateBps: 50, capBps: 5000, graceBlocks: 7200, minValidators: 1 });
 * // "periods of 7 days, 0.5% of the reserve released in each, at most 50% of a release to one subnet,
 * //  7200 blocks of grace for a late epoch, 1 validator with stake besides the owner"
 */
export function describeEmissionSettings(settings: EmissionSettings): string {
  const validators = `${settings.minValidators} validator${settings.minValidators === 1 ? "" : "s"}`;
  return [
    `periods of ${formatDuration(settings.periodLength)}`,
    `${settings.rateBps / 100}% of the reserve released in each`,
    `at most ${settings.capBps / 100}% of a release to one subnet`,
    `${settings.graceBlocks} blocks of grace for a late epoch`,
    `${validators} with stake besides the owner`,
  ].join(", ");
}
