// subtensor's `tests/epoch.rs::test_yuma_3_liquid_alpha_disabled` targets, shared by the reference's and the
// contract's tests of it: per epoch, the bonds of validators 0-2 on UIDs 2-4, and every UID's dividends (to 1e-3).
// biome-ignore-all format: the golden matrices read best as they are printed, one row a line
import { expect } from "chai";

import type { EpochInput, LiquidAlpha } from "../../sdk/src/subnets/epoch.js";

/**
 * The epoch inputs the reference's cases share unless they say otherwise (subtensor's test runtime: kappa one half,
 * a bonds moving average of 0.9, a full bonds penalty, 1e9 rao of emission, an activity cutoff of 5000 blocks).
 */
export const EPOCH_DEFAULTS = {
  activityCutoff: 5000n,
  tempo: 10n,
  lastMechanismStepBlock: 0n,
  kappa: 32767,
  bondsMovingAverage: 900_000n,
  bondsPenalty: 65535,
  raoEmission: 1_000_000_000n,
} satisfies Partial<EpochInput>;

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

/** One epoch of {@link TEST_BONDS}. */
export interface TestBondsEpoch {
  name: string;
  /** The weights set before it, `[uid, dests, values]`: stored row max-upscaled to u16, as `set_weights` does. */
  weights: [uid: number, dests: number[], values: number[]][];
  /** Whether the block advances between the weights and the epoch. */
  nextBlock: boolean;
  /** The UID whose bonds (of validators 0-3) are checked after it, and their golden values. */
  column: number;
  bonds: number[];
  /** Every UID's golden emission, where subtensor's test checks it. */
  emission?: bigint[];
}

/** The stake of the 8 UIDs of {@link TEST_BONDS}. */
export const TEST_BONDS_STAKES: readonly bigint[] = [1n, 2n, 3n, 4n, 0n, 0n, 0n, 0n];

/**
 * subtensor's `tests/epoch.rs::test_bonds` (sparse path, Yuma3, liquid alpha and commit-reveal off, tempo 1), shared by
 * the reference's and the contract's tests of it: after a first epoch without weights, which issues permits to the
 * four staked UIDs and is followed by a block, each entry is one epoch.
 */
export const TEST_BONDS: readonly TestBondsEpoch[] = [
  {
    name: "epoch 1: all validators weight servers 0.1/0.2/0.3/0.4",
    weights: [0, 1, 2, 3].map((uid): [number, number[], number[]] => [uid, [4, 5, 6, 7], [16383, 32767, 49149, 65535]]),
    nextBlock: false,
    column: 4,
    bonds: [16383, 32767, 49151, 65535],
    emission: [49999998n, 99999999n, 150000000n, 200000001n, 49998779n, 100000610n, 149996337n, 200004272n],
  },
  {
    name: "epoch 2: val1 self-weight only",
    weights: [[0, [0], [65535]]],
    nextBlock: true,
    column: 4,
    bonds: [14582, 32767, 49151, 65535],
    emission: [44998351n, 101110561n, 151667215n, 202223870n, 49998779n, 100000610n, 149996337n, 200004272n],
  },
  { name: "epoch 3: val2 self-weight only", weights: [[1, [1], [65535]]], nextBlock: true, column: 4, bonds: [12603, 28321, 49151, 65535] },
  { name: "epoch 4: val3 self-weight only", weights: [[2, [2], [65535]]], nextBlock: true, column: 7, bonds: [12602, 28320, 49150, 65535] },
  { name: "epoch 5: val3 -> srv4 only", weights: [[2, [7], [65535]]], nextBlock: true, column: 7, bonds: [10951, 24609, 49150, 65535] },
  { name: "epoch 6: unchanged weights", weights: [], nextBlock: true, column: 7, bonds: [9559, 21482, 49150, 65535] },
  { name: "epoch 7: unchanged weights", weights: [], nextBlock: true, column: 7, bonds: [8376, 18824, 49150, 65535] },
];

/**
 * Checks epoch `e` of `test_yuma_3_liquid_alpha_disabled` against subtensor's targets ({@link YUMA3_TARGET_DIVIDENDS},
 * {@link YUMA3_TARGET_BONDS}), to 1e-3: `dividend(i)` reads UID i's u16 dividends, `bond(v, j)` validator v's u16
 * bond on UID j.
 */
export function expectYuma3Targets(e: number, dividend: (i: number) => number, bond: (v: number, j: number) => number): void {
  YUMA3_TARGET_DIVIDENDS[e].forEach((target, i) => {
    expectNear(dividend(i), target, `epoch ${e} dividend ${i}`);
  });
  for (let v = 0; v < 3; v++) {
    for (let j = 2; j < 5; j++) expectNear(bond(v, j), YUMA3_TARGET_BONDS[e][v][j - 2], `epoch ${e} bond ${v},${j}`);
  }
}

/**
 * subtensor's Yuma3 tests with liquid alpha on (`tests/epoch.rs`, `setup_yuma_3_scenario`: tempo 1, three validator
 * permits, kappa 32767, bonds penalty 0, bonds moving average 975000, alpha 0.1 to 0.3, steepness 1000). Validators
 * 0-2 weigh the servers from UID 3 on; `weights(e)` gives their rows for epoch `e` (u16 over the servers), or
 * undefined to keep the last ones. Targets per epoch: every UID's dividends, and the bonds of validators 0-2 on the
 * servers (subtensor states both; its own check compares only the dividends).
 */
export interface LiquidScenario {
  readonly name: string;
  readonly stakes: readonly bigint[];
  readonly epochs: number;
  readonly weights: (epoch: number) => number[][] | undefined;
  /** Epoch before whose run server 3's bonds are reset (subtensor's `do_reset_bonds`). */
  readonly resetAt?: number;
  /** Epoch -> targets; epochs without an entry are run unchecked. */
  readonly dividends: ReadonlyMap<number, readonly number[]>;
  readonly bonds: ReadonlyMap<number, readonly (readonly number[])[]>;
}

const M = 65535;
const H = Math.floor(M / 2);
const table = <T>(rows: readonly T[]): Map<number, T> => new Map(rows.map((r, e) => [e, r]));
const same = (row: number[]): number[][] => [row, row, row];

/**
 * Liquid alpha as subtensor's liquid alpha tests set it: the u16 bounds its setup derives from 0.1 and 0.3
 * (floor(I32F32(x) * 65535)), and a steepness of 1000.
 */
export const LIQUID_ALPHA: LiquidAlpha = { alphaLow: 6553, alphaHigh: 19660, steepness: 1000 };
/** subtensor's default liquid alpha: the bounds 0.7 and 0.9 as u16, and a steepness of 1000. */
export const DEFAULT_LIQUID_ALPHA: LiquidAlpha = { alphaLow: 45875, alphaHigh: 58982, steepness: 1000 };

export const LIQUID_SCENARIOS: readonly LiquidScenario[] = [
  {
    name: "test_yuma_3_kappa_moves_first",
    stakes: [8n, 1n, 1n, 0n, 0n],
    epochs: 6,
    weights: (e) =>
      [same([M, 0]), [[0, M], [M, 0], [M, 0]], [[0, M], [0, M], [M, 0]], same([0, M])][e],
    dividends: table([
      [0.8, 0.1, 0.1, 0, 0],
      [1.0, 0, 0, 0, 0],
      [0.9382, 0.0618, 0, 0, 0],
      [0.8819, 0.0773, 0.0407, 0, 0],
      [0.8564, 0.0844, 0.0592, 0, 0],
      [0.8418, 0.0884, 0.0697, 0, 0],
    ]),
    bonds: table([
      [[0.1013, 0], [0.1013, 0], [0.1013, 0]],
      [[0.0908, 0.1013], [0.3697, 0], [0.3697, 0]],
      [[0.0815, 0.1924], [0.317, 0.1013], [0.558, 0]],
      [[0.0731, 0.2742], [0.2765, 0.1924], [0.4306, 0.1013]],
      [[0.0656, 0.3478], [0.2435, 0.2742], [0.3589, 0.1924]],
      [[0.0588, 0.4139], [0.2157, 0.3478], [0.3089, 0.2742]],
    ]),
  },
  {
    name: "test_yuma_3_kappa_moves_second",
    stakes: [8n, 1n, 1n, 0n, 0n],
    epochs: 6,
    weights: (e) =>
      [same([M, 0]), [[M, 0], [0, M], [M, 0]], [[0, M], [0, M], [M, 0]], same([0, M])][e],
    dividends: table([
      [0.8, 0.1, 0.1, 0, 0],
      [0.8446, 0.0498, 0.1056, 0, 0],
      [0.6868, 0.3132, 0, 0, 0],
      [0.7421, 0.209, 0.0489, 0, 0],
      [0.7625, 0.1706, 0.0669, 0, 0],
      [0.773, 0.1508, 0.0762, 0, 0],
    ]),
    bonds: table([
      [[0.1013, 0], [0.1013, 0], [0.1013, 0]],
      [[0.1924, 0], [0.0908, 0.2987], [0.1924, 0]],
      [[0.1715, 0.1013], [0.0815, 0.3697], [0.4336, 0]],
      [[0.1531, 0.1924], [0.0731, 0.4336], [0.3608, 0.1013]],
      [[0.1369, 0.2742], [0.0656, 0.491], [0.3103, 0.1924]],
      [[0.1225, 0.3478], [0.0588, 0.5426], [0.2712, 0.2742]],
    ]),
  },
  {
    name: "test_yuma_3_kappa_moves_last",
    stakes: [8n, 1n, 1n, 0n, 0n],
    epochs: 6,
    weights: (e) =>
      [same([M, 0]), [[M, 0], [0, M], [M, 0]], [[M, 0], [0, M], [0, M]], same([0, M])][e],
    dividends: table([
      [0.8, 0.1, 0.1, 0, 0],
      [0.8446, 0.0498, 0.1056, 0, 0],
      [0.8966, 0.0333, 0.0701, 0, 0],
      [0.4663, 0.321, 0.2127, 0, 0],
      [0.5976, 0.234, 0.1683, 0, 0],
      [0.6592, 0.1932, 0.1475, 0, 0],
    ]),
    bonds: table([
      [[0.1013, 0], [0.1013, 0], [0.1013, 0]],
      [[0.1924, 0], [0.0908, 0.2987], [0.1924, 0]],
      [[0.2742, 0], [0.0815, 0.5081], [0.1715, 0.2987]],
      [[0.2416, 0.1013], [0.0731, 0.558], [0.1531, 0.3697]],
      [[0.2141, 0.1924], [0.0656, 0.6028], [0.1369, 0.4336]],
      [[0.1903, 0.2742], [0.0588, 0.643], [0.1225, 0.491]],
    ]),
  },
  {
    name: "test_yuma_3_one_epoch_switch",
    stakes: [33n, 33n, 34n, 0n, 0n],
    epochs: 6,
    weights: (e) => (e === 2 ? [[M, 0], [M, 0], [0, M]] : same([M, 0])),
    dividends: table([
      [0.33, 0.33, 0.34, 0, 0],
      [0.33, 0.33, 0.34, 0, 0],
      [0.3782, 0.3782, 0.2436, 0, 0],
      [0.3628, 0.3628, 0.2745, 0, 0],
      [0.3541, 0.3541, 0.2917, 0, 0],
      [0.3487, 0.3487, 0.3026, 0, 0],
    ]),
    bonds: table([
      [[0.1013, 0], [0.1013, 0], [0.1013, 0]],
      [[0.1924, 0], [0.1924, 0], [0.1924, 0]],
      [[0.2742, 0], [0.2742, 0], [0.1715, 0.2987]],
      [[0.3478, 0], [0.3478, 0], [0.2554, 0.2618]],
      [[0.4139, 0], [0.4139, 0], [0.3309, 0.2312]],
      [[0.4733, 0], [0.4733, 0], [0.3987, 0.2051]],
    ]),
  },
  {
    name: "test_yuma_3_stable_miner",
    stakes: [8n, 1n, 1n, 0n, 0n, 0n],
    epochs: 6,
    weights: (e) =>
      [
        same([H, 0, H]),
        [[H, 0, H], [0, H, H], [H, 0, H]],
        [[0, H, H], [0, H, H], [H, 0, H]],
        same([0, H, H]),
      ][e],
    dividends: table([
      [0.8, 0.1, 0.1, 0, 0, 0],
      [0.8226, 0.0745, 0.1028, 0, 0, 0],
      [0.775, 0.1685, 0.0565, 0, 0, 0],
      [0.7864, 0.1372, 0.0764, 0, 0, 0],
      [0.7912, 0.1241, 0.0847, 0, 0, 0],
      [0.7937, 0.1173, 0.089, 0, 0, 0],
    ]),
    bonds: table([
      [[0.0507, 0, 0.0507], [0.0507, 0, 0.0507], [0.0507, 0, 0.0507]],
      [[0.0962, 0, 0.0962], [0.0455, 0.1, 0.0962], [0.0962, 0, 0.0962]],
      [[0.0863, 0.0507, 0.1371], [0.0408, 0.1405, 0.1371], [0.177, 0, 0.1371]],
      [[0.0774, 0.0962, 0.1739], [0.0367, 0.177, 0.1739], [0.1579, 0.0507, 0.1739]],
      [[0.0694, 0.1371, 0.2069], [0.0329, 0.2097, 0.2069], [0.1411, 0.0962, 0.2069]],
      [[0.0623, 0.1739, 0.2366], [0.0296, 0.2391, 0.2366], [0.1263, 0.1371, 0.2366]],
    ]),
  },
  {
    name: "test_yuma_3_bonds_reset",
    stakes: [8n, 1n, 1n, 0n, 0n],
    epochs: 41,
    weights: (e) =>
      e === 0 ? same([M, 0]) : e === 1 ? [[M, 0], [0, M], [0, M]] : e <= 20 ? same([0, M]) : e === 21 ? [[0, M], [M, 0], [M, 0]] : same([M, 0]),
    resetAt: 20,
    dividends: new Map([
      [0, [0.8, 0.1, 0.1, 0, 0]],
      [1, [0.8944, 0.0528, 0.0528, 0, 0]],
      [2, [0.523, 0.2385, 0.2385, 0, 0]],
      [19, [0.7919, 0.104, 0.104, 0, 0]],
      [20, [0.7928, 0.1036, 0.1036, 0, 0]],
      [21, [0.8467, 0.0766, 0.0766, 0, 0]],
      [40, [0.7928, 0.1036, 0.1036, 0, 0]],
    ]),
    bonds: new Map([
      [0, [[0.1013, 0], [0.1013, 0], [0.1013, 0]]],
      [1, [[0.1924, 0], [0.0908, 0.2987], [0.0908, 0.2987]]],
      [2, [[0.1715, 0.1013], [0.0815, 0.3697], [0.0815, 0.3697]]],
      [19, [[0.0269, 0.8539], [0.0131, 0.8975], [0.0131, 0.8975]]],
      [20, [[0, 0.8687], [0, 0.9079], [0, 0.9079]]],
      [21, [[0, 0.882], [0.2987, 0.6386], [0.2987, 0.6386]]],
      [40, [[0.8687, 0.0578], [0.9079, 0.0523], [0.9079, 0.0523]]],
    ]),
  },
];

/**
 * The consensus exactness reproducer: Yuma3 with liquid alpha (subtensor's defaults), no bonds penalty, two
 * validators of equal stake; validator 0 names UID 2 only while it holds bonds on UIDs 2 and 3. subtensor's sparse
 * epoch gives the u16 dividends [31077, 34457] and drops bond (0, 3); a dense epoch gives [33735, 31799] and keeps
 * that bond, decayed, at 6184.
 */
export function consensusExactnessCase(): EpochInput {
  return {
    ...EPOCH_DEFAULTS,
    n: 4,
    stakes: [1n, 1n, 0n, 0n],
    validatorPermits: [true, true, false, false],
    maxAllowedValidators: 64,
    weights: [[[2, 65535]], [[2, 65535], [3, 65535]]],
    bonds: [[[2, 30000], [3, 60000]], [[2, 30000], [3, 30000]]],
    lastUpdate: [95n, 95n, 0n, 0n],
    blockAtRegistration: [0n, 0n, 0n, 0n],
    currentBlock: 100n,
    lastMechanismStepBlock: 90n,
    bondsPenalty: 0,
    yuma3: true,
    liquidAlpha: DEFAULT_LIQUID_ALPHA,
  };
}
