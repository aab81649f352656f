import { expect } from "chai";

import { runEpoch, type EpochInput, type EpochOutput } from "../../sdk/src/subnets/epoch.js";
import { YUMA3_PINNED, YUMA3_TARGET_BONDS, YUMA3_TARGET_DIVIDENDS, expectNear } from "./vectors.js";

// Yuma3 bonds in the reference epoch (liquid alpha off): subtensor's
// `pallets/subtensor/src/tests/epoch.rs::test_yuma_3_liquid_alpha_disabled`, a hand-checked case, and the
// classic path left as it was when Yuma3 is off.

const U16_MAX = 65535;
const EMISSION = 1_000_000_000n;

const bond = (out: EpochOutput, i: number, j: number): number => out.bonds[i].find(([c]) => c === j)?.[1] ?? 0;
const dividendsU16 = (out: EpochOutput): number[] => out.stored.dividends;

describe("subnets: Yuma3 reference (subtensor test_yuma_3_liquid_alpha_disabled)", function () {
  it("meets subtensor's bonds and dividends of its six epochs, and pins their integers", function () {
    const n = 5;
    // new_test_ext(1): the hotkeys register in block 1; each epoch first advances one block.
    let block = 1n;
    const weights: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
    let bonds: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
    let permits = new Array<boolean>(n).fill(false);
    const lastUpdate = new Array<bigint>(n).fill(0n);
    const epoch = (): EpochOutput => {
      block += 1n;
      const out = runEpoch({
        n,
        stakes: [33n, 33n, 34n, 0n, 0n],
        validatorPermits: permits,
        maxAllowedValidators: 3,
        weights,
        bonds,
        lastUpdate,
        blockAtRegistration: new Array<bigint>(n).fill(1n),
        currentBlock: block,
        activityCutoff: 5000n,
        tempo: 1n,
        lastMechanismStepBlock: 0n,
        kappa: 32767,
        bondsMovingAverage: 975_000n,
        bondsPenalty: 0,
        raoEmission: EMISSION,
        yuma3: true,
      });
      bonds = out.bonds;
      permits = out.newValidatorPermits;
      return out;
    };

    // The setup's epoch issues the permits to the three staked hotkeys.
    const first = epoch();
    expect(first.newValidatorPermits).to.deep.equal([true, true, true, false, false]);

    const pinned: number[][] = [];
    for (let e = 0; e < 6; e++) {
      // Weights are set in the block after the previous epoch; epoch 2: validator 2 moves to server 4.
      for (let v = 0; v < 3; v++) {
        weights[v] = e === 2 && v === 2 ? [[4, U16_MAX]] : [[3, U16_MAX]];
        lastUpdate[v] = block;
      }
      const out = epoch();
      for (let i = 0; i < n; i++) expectNear(dividendsU16(out)[i], YUMA3_TARGET_DIVIDENDS[e][i], `epoch ${e} dividend ${i}`);
      for (let v = 0; v < 3; v++) {
        for (let j = 2; j < 5; j++) expectNear(bond(out, v, j), YUMA3_TARGET_BONDS[e][v][j - 2], `epoch ${e} bond ${v},${j}`);
      }
      pinned.push([...dividendsU16(out).slice(0, 3), ...[0, 1, 2].flatMap((v) => [3, 4].map((j) => bond(out, v, j)))]);
    }
    // The integers, the same as the contract's port of this scenario pins (YumaEpoch.test.ts).
    expect(pinned).to.deep.equal(YUMA3_PINNED);
  });
});

describe("subnets: Yuma3 reference, a hand-checked case and the classic path", function () {
  // Validators 0 and 1 (stake 1 and 3) both weight server 2 fully; validator 1 already holds a full bond on it.
  const base = (): EpochInput => ({
    n: 4,
    stakes: [1n, 3n, 0n, 0n],
    validatorPermits: [true, true, false, false],
    maxAllowedValidators: 4,
    weights: [[[2, U16_MAX]], [[2, U16_MAX]]],
    bonds: [[], [[2, U16_MAX]]],
    lastUpdate: [10n, 10n, 0n, 0n],
    blockAtRegistration: [0n, 0n, 0n, 0n],
    currentBlock: 20n,
    activityCutoff: 5000n,
    tempo: 10n,
    lastMechanismStepBlock: 0n,
    kappa: 32767,
    bondsMovingAverage: 900_000n,
    bondsPenalty: U16_MAX,
    raoEmission: EMISSION,
    yuma3: true,
  });

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
