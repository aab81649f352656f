import { expect } from "chai";

import { runEpoch, type EpochInput, type EpochOutput } from "../../sdk/src/subnets/epoch.js";

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

    const targetBonds = [
      [[0, 0.025, 0], [0, 0.025, 0], [0, 0.025, 0]],
      [[0, 0.0494, 0], [0, 0.0494, 0], [0, 0.0494, 0]],
      [[0, 0.0731, 0], [0, 0.0731, 0], [0, 0.0481, 0.025]],
      [[0, 0.0963, 0], [0, 0.0963, 0], [0, 0.0719, 0.0244]],
      [[0, 0.1189, 0], [0, 0.1189, 0], [0, 0.0951, 0.0238]],
      [[0, 0.1409, 0], [0, 0.1409, 0], [0, 0.1178, 0.0232]],
    ];
    const targetDividends = [
      [0.33, 0.33, 0.34, 0, 0],
      [0.33, 0.33, 0.34, 0, 0],
      [0.3734, 0.3734, 0.2532, 0, 0],
      [0.3611, 0.3611, 0.2779, 0, 0],
      [0.3541, 0.3541, 0.2919, 0, 0],
      [0.3495, 0.3495, 0.3009, 0, 0],
    ];
    const near = (u16: number, target: number, label: string) =>
      expect(Math.abs(u16 / U16_MAX - target) <= 1e-3, `${label}: ${u16 / U16_MAX} vs ${target}`).to.equal(true);

    const pinned: number[][] = [];
    for (let e = 0; e < 6; e++) {
      // Weights are set in the block after the previous epoch; epoch 2: validator 2 moves to server 4.
      for (let v = 0; v < 3; v++) {
        weights[v] = e === 2 && v === 2 ? [[4, U16_MAX]] : [[3, U16_MAX]];
        lastUpdate[v] = block;
      }
      const out = epoch();
      for (let i = 0; i < n; i++) near(dividendsU16(out)[i], targetDividends[e][i], `epoch ${e} dividend ${i}`);
      for (let v = 0; v < 3; v++) {
        for (let j = 2; j < 5; j++) near(bond(out, v, j), targetBonds[e][v][j - 2], `epoch ${e} bond ${v},${j}`);
      }
      pinned.push([...dividendsU16(out).slice(0, 3), ...[0, 1, 2].flatMap((v) => [3, 4].map((j) => bond(out, v, j)))]);
    }
    // The integers: dividends of validators 0-2, then the bonds of validators 0-2 on servers 3 and 4 (the contract's
    // own port of this scenario in YumaEpoch.test.ts pins the same figures).
    expect(pinned).to.deep.equal([
      [21626, 21626, 22281, 1638, 0, 1638, 0, 1638, 0],
      [21626, 21626, 22281, 3235, 0, 3235, 0, 3235, 0],
      [24470, 24470, 16593, 4792, 0, 4792, 0, 3154, 1638],
      [23662, 23662, 18209, 6310, 0, 6310, 0, 4713, 1597],
      [23203, 23203, 19128, 7790, 0, 7790, 0, 6233, 1557],
      [22907, 22907, 19720, 9233, 0, 9233, 0, 7715, 1518],
    ]);
  });
});
