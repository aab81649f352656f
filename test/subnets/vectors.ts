// subtensor's `tests/epoch.rs::test_yuma_3_liquid_alpha_disabled` targets, shared by the reference's and the
// contract's tests of it: per epoch, the bonds of validators 0-2 on UIDs 2-4, and every UID's dividends (to 1e-3).
import { expect } from "chai";

export const YUMA3_TARGET_BONDS: number[][][] = [
  [[0, 0.025, 0], [0, 0.025, 0], [0, 0.025, 0]],
  [[0, 0.0494, 0], [0, 0.0494, 0], [0, 0.0494, 0]],
  [[0, 0.0731, 0], [0, 0.0731, 0], [0, 0.0481, 0.025]],
  [[0, 0.0963, 0], [0, 0.0963, 0], [0, 0.0719, 0.0244]],
  [[0, 0.1189, 0], [0, 0.1189, 0], [0, 0.0951, 0.0238]],
  [[0, 0.1409, 0], [0, 0.1409, 0], [0, 0.1178, 0.0232]],
];

export const YUMA3_TARGET_DIVIDENDS: number[][] = [
  [0.33, 0.33, 0.34, 0, 0],
  [0.33, 0.33, 0.34, 0, 0],
  [0.3734, 0.3734, 0.2532, 0, 0],
  [0.3611, 0.3611, 0.2779, 0, 0],
  [0.3541, 0.3541, 0.2919, 0, 0],
  [0.3495, 0.3495, 0.3009, 0, 0],
];

/**
 * The scenario's results to the unit, per epoch: the u16 dividends of validators 0-2, then the u16 bonds of
 * validators 0-2 on servers 3 and 4.
 */
export const YUMA3_PINNED: number[][] = [
  [21626, 21626, 22281, 1638, 0, 1638, 0, 1638, 0],
  [21626, 21626, 22281, 3235, 0, 3235, 0, 3235, 0],
  [24470, 24470, 16593, 4792, 0, 4792, 0, 3154, 1638],
  [23662, 23662, 18209, 6310, 0, 6310, 0, 4713, 1597],
  [23203, 23203, 19128, 7790, 0, 7790, 0, 6233, 1557],
  [22907, 22907, 19720, 9233, 0, 9233, 0, 7715, 1518],
];

/** A stored u16 proportion within subtensor's epsilon (1e-3) of its target. */
export function expectNear(u16: number, target: number, label: string): void {
  expect(Math.abs(u16 / 65535 - target) <= 1e-3, `${label}: ${u16 / 65535} vs ${target}`).to.equal(true);
}
