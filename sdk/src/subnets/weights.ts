import { SdkError } from "../errors.js";

// Weights as validators set them: u16 values over UIDs. Like subtensor's clients, the SDK scales the largest
// weight to 65535 (the epoch normalises rows anyway, so only the proportions matter) and keeps the
// precision of the others as high as u16 allows.

/** The largest u16 weight. */
export const U16_MAX = 65_535;

/** Weights that cannot be set: lengths differ, a UID repeats or is out of range, a weight is negative or not a number. */
export class InvalidWeightsError extends SdkError {}

/** UIDs and their u16 weights, in increasing UID order, zeros left out unless kept (see {@link ToU16WeightsOptions}). */
export interface U16Weights {
  uids: number[];
  weights: number[];
}

/** Options of {@link toU16Weights}. */
export interface ToU16WeightsOptions {
  /**
   * Name the UIDs whose weight is (or rounds to) zero, with a zero weight, rather than leave them out (the default).
   * The epoch tells the two apart only under liquid alpha, as subtensor does: a validator's bond on a UID it names
   * with zero decays, a bond on a UID it does not name is dropped.
   */
  keepZeros?: boolean;
}

/**
 * Turns weights given in any scale (numbers or bigints, e.g. scores or proportions) into u16 weights: the
 * largest becomes 65535 and the others keep their proportion to it, rounded to the nearest; UIDs are sorted
 * and weights that round to zero are left out (or kept as zeros with `keepZeros`).
 *
 * @example
 * import { toU16Weights } from "open-model-registry/sdk";
 * toU16Weights([2, 0, 1], [0.2, 0.5, 0.3]); // { uids: [0, 1, 2], weights: [65535, 39321, 26214] }
 * toU16Weights([0, 1], [1, 0], 255, { keepZeros: true }); // { uids: [0, 1], weights: [65535, 0] }
 */
export function toU16Weights(
  uids: readonly number[],
  weights: readonly (number | bigint)[],
  maxUid = 65_535,
  options: ToU16WeightsOptions = {},
): U16Weights {
  if (uids.length !== weights.length) {
    throw new InvalidWeightsError(
      `${uids.length} UIDs were given with ${weights.length} weights: give one weight per UID.`,
    );
  }
  if (uids.length === 0) throw new InvalidWeightsError("No weights were given: name at least one UID.");
  const seen = new Set<number>();
  for (const uid of uids) {
    if (!Number.isInteger(uid) || uid < 0 || uid > maxUid) {
      throw new InvalidWeightsError(`UID ${uid} is not a UID of this subnet (0 to ${maxUid}).`);
    }
    if (seen.has(uid)) throw new InvalidWeightsError(`UID ${uid} is given more than once.`);
    seen.add(uid);
  }
  const allBigint = weights.every((w) => typeof w === "bigint");
  let scaled: number[];
  if (allBigint) {
    const values = weights as bigint[];
    if (values.some((w) => w < 0n)) throw new InvalidWeightsError("Weights cannot be negative.");
    // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.max does not take
    const max = values.reduce((a, b) => (b > a ? b : a), 0n);
    if (max === 0n) throw new InvalidWeightsError("Every weight is zero: give at least one UID a weight.");
    // Rounded to the nearest: (2w * 65535 + max) / (2 max).
    scaled = values.map((w) => Number((2n * w * BigInt(U16_MAX) + max) / (2n * max)));
  } else {
    const values = weights.map(Number);
    for (const w of values) {
      if (!Number.isFinite(w) || w < 0)
        throw new InvalidWeightsError(`${w} is not a weight: weights are finite and not negative.`);
    }
    const max = Math.max(...values);
    if (max === 0) throw new InvalidWeightsError("Every weight is zero: give at least one UID a weight.");
    scaled = values.map((w) => Math.min(U16_MAX, Math.round((w / max) * U16_MAX)));
  }
  const pairs = uids
    .map((uid, i) => [uid, scaled[i]] as const)
    .filter(([, w]) => w > 0 || options.keepZeros === true)
    .sort((a, b) => a[0] - b[0]);
  return { uids: pairs.map(([uid]) => uid), weights: pairs.map(([, w]) => w) };
}

/**
 * Parses weights written as `uid:weight` pairs separated by commas or spaces ("0:0.5,3:0.25"), as the CLI takes them.
 *
 * @example
 * import { parseWeights } from "open-model-registry/sdk";
 * parseWeights("0:1, 2:3"); // { uids: [0, 2], weights: [1, 3] }
 */
export function parseWeights(text: string): { uids: number[]; weights: number[] } {
  const uids: number[] = [];
  const weights: number[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const match = /^(\d+)[:=]([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)$/i.exec(part);
    if (!match) throw new InvalidWeightsError(`"${part}" is not a weight: write uid:weight, e.g. 3:0.25.`);
    uids.push(Number(match[1]));
    weights.push(Number(match[2]));
  }
  if (uids.length === 0)
    throw new InvalidWeightsError("No weights were given: write uid:weight pairs, e.g. 0:0.7,3:0.3.");
  return { uids, weights };
}
