import { expect } from "chai";

import {
  I32F32_ONE,
  alphaSigmoid,
  expSafe,
  fromInt,
  runEpoch,
  type EpochInput,
  type EpochOutput,
} from "../../sdk/src/subnets/epoch.js";
import {
  LIQUID_ALPHA,
  LIQUID_SCENARIOS,
  YUMA3_PINNED,
  consensusExactnessCase,
  EPOCH_DEFAULTS,
  expectNear,
  expectYuma3Targets,
  type LiquidScenario,
} from "./vectors.js";

// Yuma3 bonds in the reference epoch (liquid alpha off): subtensor's
// `pallets/subtensor/src/tests/epoch.rs::test_yuma_3_liquid_alpha_disabled`, a hand-checked case, and the
// classic path left as it was when Yuma3 is off.

const U16_MAX = 65535;

const bond = (out: EpochOutput, i: number, j: number): number => out.bonds[i].find(([c]) => c === j)?.[1] ?? 0;
const dividendsU16 = (out: EpochOutput): number[] => out.stored.dividends;

describe("subnets: Yuma3 reference (subtensor test_yuma_3_liquid_alpha_disabled)", function () {
  it("meets subtensor's bonds and dividends of its six epochs, and pins their integers", function () {
    // Three validators of equal stake weight server 3; in epoch 2 validator 2 moves to server 4.
    const scenario: LiquidScenario = {
      name: "test_yuma_3_liquid_alpha_disabled",
      stakes: [33n, 33n, 34n, 0n, 0n],
      epochs: 6,
      weights: (e) =>
        e === 2
          ? [
              [U16_MAX, 0],
              [U16_MAX, 0],
              [0, U16_MAX],
            ]
          : [
              [U16_MAX, 0],
              [U16_MAX, 0],
              [U16_MAX, 0],
            ],
      dividends: new Map(),
      bonds: new Map(),
    };
    const outs = runYuma3Scenario(scenario, false);
    const pinned: number[][] = [];
    outs.forEach((out, e) => {
      expectYuma3Targets(
        e,
        (i) => dividendsU16(out)[i],
        (v, j) => bond(out, v, j),
      );
      pinned.push([...dividendsU16(out).slice(0, 3), ...[0, 1, 2].flatMap((v) => [3, 4].map((j) => bond(out, v, j)))]);
    });
    // The integers, the same as the contract's port of this scenario pins (YumaEpoch.test.ts).
    expect(pinned).to.deep.equal(YUMA3_PINNED);
  });
});

// Validators 0 and 1 (stake 1 and 3) both weight server 2 fully; validator 1 already holds a full bond on it.
const base = (): EpochInput => ({
  ...EPOCH_DEFAULTS,
  n: 4,
  stakes: [1n, 3n, 0n, 0n],
  validatorPermits: [true, true, false, false],
  maxAllowedValidators: 4,
  weights: [[[2, U16_MAX]], [[2, U16_MAX]]],
  bonds: [[], [[2, U16_MAX]]],
  lastUpdate: [10n, 10n, 0n, 0n],
  blockAtRegistration: [0n, 0n, 0n, 0n],
  currentBlock: 20n,
  yuma3: true,
});

describe("subnets: Yuma3 reference, a hand-checked case and the classic path", function () {
  it("moves each bond by itself towards the weight and weighs dividends by stake", function () {
    const out = runEpoch(base());
    // Active stake 1/4 and 3/4 exactly (2^30, 3 * 2^30); server 2 takes the whole incentive (2^32).
    expect(out.incentive).to.deep.equal([0n, 0n, 1n << 32n, 0n]);
    // alpha = 2^32 - floor(floor(0.9 * 2^64) / 2^32) = 2^32 - 3865470566 = 429496730.
    // Validator 0 (no bond): e0 = floor(alpha * 2^32 / 2^32) = 429496730.
    // Validator 1: its bond reads (65535 << 32) / 65535 = 2^32;
    // e1 = alpha + floor((2^32 - alpha) * 2^32 / 2^32) = 2^32.
    // Stored: floor(floor(e * 65535 * 2^32 / 2^32) / 2^32): e0 -> floor(0.1000000001 * 65535) = 6553, e1 -> 65535.
    // (Classic bonds would have column-normalised and max-upscaled them instead.)
    expect(out.bonds[0]).to.deep.equal([[2, 6553]]);
    expect(out.bonds[1]).to.deep.equal([[2, 65535]]);
    // Column-normalised: n0 = floor(e0 * 2^32 / (e0 + e1)) = 390451572, n1 = floor(e1 * 2^32 / (e0 + e1)) = 3904515723.
    // Times incentive 2^32 (unchanged), times active stake: d0 = floor(n0 * 2^30 / 2^32) = 97612893,
    // d1 = floor(n1 * 3 * 2^30 / 2^32) = 2928386792. Normalised: D0 = floor(d0 * 2^32 / (d0 + d1)) = 138547332,
    // D1 = 4156419963; as u16: floor(D * 65535 / 2^32) = 2114 and 63420.
    expect(out.dividends.slice(0, 2)).to.deep.equal([138547332n, 4156419963n]);
    expect(out.stored.dividends).to.deep.equal([2114, 63420, 0, 0]);
  });

  it("with Yuma3 off (or absent) gives exactly the classic results", function () {
    const { yuma3: _, ...classicInput } = base();
    const absent = runEpoch(classicInput);
    const off = runEpoch({ ...base(), yuma3: false });
    expect(off).to.deep.equal(absent);
    // Classic bonds move the stake-weighted column (1/4, 3/4) into the column-normalised bonds (0, 1):
    // 0.1 * 1/4 = 0.025 and 0.1 * 3/4 + 0.9 = 0.975, then max-upscaled: 0.025 / 0.975 * 65535 = 1680 (floored).
    expect(off.bonds.slice(0, 2)).to.deep.equal([[[2, 1680]], [[2, 65535]]]);
    // Dividends are the bonds times incentive with no further stake weighing: 0.025 and 0.975.
    expect(off.stored.dividends).to.deep.equal([1638, 63896, 0, 0]);
  });
});

/**
 * Runs one of subtensor's Yuma3 scenarios through the reference, with or without liquid alpha; returns each
 * epoch's output. As in its `setup_yuma_3_scenario`: the hotkeys register in block 1, a first epoch issues the
 * permits, and each epoch first advances one block, after the weights of its turn.
 */
function runYuma3Scenario(sc: LiquidScenario, liquid = true): EpochOutput[] {
  const n = sc.stakes.length;
  let block = 1n;
  const weights: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  let bonds: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  let permits = new Array<boolean>(n).fill(false);
  const lastUpdate = new Array<bigint>(n).fill(0n);
  const epoch = (): EpochOutput => {
    block += 1n;
    const out = runEpoch({
      ...EPOCH_DEFAULTS,
      n,
      stakes: sc.stakes,
      validatorPermits: permits,
      maxAllowedValidators: 3,
      weights,
      bonds,
      lastUpdate,
      blockAtRegistration: new Array<bigint>(n).fill(1n),
      currentBlock: block,
      tempo: 1n,
      bondsMovingAverage: 975_000n,
      bondsPenalty: 0,
      yuma3: true,
      liquidAlpha: liquid ? LIQUID_ALPHA : undefined,
    });
    bonds = out.bonds;
    permits = out.newValidatorPermits;
    return out;
  };
  epoch();
  const outs: EpochOutput[] = [];
  for (let e = 0; e < sc.epochs; e++) {
    const rows = sc.weights(e);
    if (rows !== undefined) {
      for (let v = 0; v < 3; v++) {
        // Every server named, zeros included, as subtensor's test sets them.
        weights[v] = rows[v].map((x, k): [number, number] => [3 + k, x]);
        lastUpdate[v] = block;
      }
    }
    if (e === sc.resetAt) bonds = bonds.map((row) => row.filter(([j]) => j !== 3));
    outs.push(epoch());
  }
  return outs;
}

describe("subnets: Yuma3 with liquid alpha, subtensor's tests in the reference", function () {
  it("exp: substrate-fixed's series, exact at 0 and 1, near e^x elsewhere, clamped to [-20, 20]", function () {
    expect(expSafe(0n)).to.equal(I32F32_ONE);
    expect(expSafe(I32F32_ONE)).to.equal(11674931200n);
    for (const x of [-5, -1.25, -0.5, 0.001, 0.5, 2, 5]) {
      const got = Number(expSafe(BigInt(Math.round(x * 2 ** 32)))) / 2 ** 32;
      expect(Math.abs(got - Math.exp(x)) / Math.exp(x) < 1e-6, `exp(${x}) = ${got}`).to.equal(true);
    }
    expect(expSafe(fromInt(30))).to.equal(expSafe(fromInt(20)));
    expect(expSafe(fromInt(-30))).to.equal(expSafe(fromInt(-20)));
  });

  it("alpha: high where the weight leads consensus or trails the bond, low where it agrees", function () {
    const low = (6553n << 32n) / 65535n;
    const high = (19660n << 32n) / 65535n;
    const steep = fromInt(1000);
    const near = (x: bigint, want: number) =>
      expect(Math.abs(Number(x) / 2 ** 32 - want) < 1e-6, `${Number(x) / 2 ** 32} vs ${want}`).to.equal(true);
    const half = I32F32_ONE / 2n;
    // Buying ahead of consensus by the whole unit, and selling a whole bond: the sigmoid at 1 / (1 + e^-5).
    const [lo, hi] = [6553 / 65535, 19660 / 65535];
    const top = lo + (hi - lo) / (1 + Math.exp(-5));
    near(alphaSigmoid(0n, I32F32_ONE, 0n, low, high, steep), top);
    near(alphaSigmoid(0n, 0n, I32F32_ONE, low, high, steep), top);
    // In agreement with consensus, at 1 / (1 + e^5); half a unit away, exactly midway (e^0 = 1).
    const bottom = lo + (hi - lo) / (1 + Math.exp(5));
    near(alphaSigmoid(half, half, 0n, low, high, steep), bottom);
    expect(alphaSigmoid(0n, half, 0n, low, high, steep)).to.equal(low + (((I32F32_ONE / 2n) * (high - low)) >> 32n));
  });

  for (const sc of LIQUID_SCENARIOS) {
    it(`meets ${sc.name}`, function () {
      const outs = runYuma3Scenario(sc);
      const servers = sc.stakes.length - 3;
      for (const [e, target] of sc.dividends) {
        target.forEach((t, i) => {
          expectNear(outs[e].stored.dividends[i], t, `epoch ${e} dividend ${i}`);
        });
      }
      for (const [e, target] of sc.bonds) {
        for (let v = 0; v < 3; v++) {
          for (let k = 0; k < servers; k++)
            expectNear(bond(outs[e], v, 3 + k), target[v][k], `epoch ${e} bond ${v},${3 + k}`);
        }
      }
    });
  }

  it("consensus exactness: subtensor's sparse liquid alpha drops the bond on a UID the validator no longer names", function () {
    // The reproducer: validator 0 names only UID 2 but holds a bond on UID 3 from before. subtensor's
    // `mat_ema_alpha_sparse` writes bonds at the columns of the weights for bonds only, so that bond vanishes and
    // earns validator 0 nothing more (a dense epoch lets it decay and keeps paying it: dividends [33735, 31799]).
    const input = consensusExactnessCase();
    const out = runEpoch(input);
    expect(out.stored.dividends.slice(0, 2)).to.deep.equal([31077, 34457]);
    expect(out.bonds[0].map(([j]) => j)).to.deep.equal([2]);
    // Named with a zero weight, UID 3 stays an entry of validator 0's row (as subtensor stores it): its bond decays.
    const named = runEpoch({
      ...input,
      weights: [
        [
          [2, U16_MAX],
          [3, 0],
        ],
        input.weights[1],
      ],
    });
    const kept = named.bonds[0].find(([j]) => j === 3)?.[1] ?? 0;
    expect(kept > 0 && kept < 60000, `bond ${kept}`).to.equal(true);
    // The order a row is given in does not matter: rows are taken in ascending UID order.
    const reversed = runEpoch({ ...input, weights: [input.weights[0], [...input.weights[1]].reverse()] });
    expect(reversed).to.deep.equal(out);
  });

  it("leaves Yuma3 as without liquid alpha while every consensus is zero", function () {
    // Nobody weights anything: every consensus is zero, and only old bonds remain.
    const input: EpochInput = { ...base(), weights: [[], []], bonds: [[[2, 30000]], [[2, 65535]]] };
    const liquid = runEpoch({ ...input, liquidAlpha: { alphaLow: 1638, alphaHigh: 65535, steepness: 1000 } });
    expect(liquid.consensus.every((x) => x === 0n)).to.equal(true);
    expect(liquid).to.deep.equal(runEpoch(input));
  });
});
