import { expect } from "chai";

import { runEpoch, type EpochInput, type EpochOutput } from "../../sdk/src/subnets/epoch.js";
import { EPOCH_DEFAULTS, TEST_BONDS, TEST_BONDS_STAKES } from "./vectors.js";

// Golden vectors: subtensor `pallets/subtensor/src/tests/epoch.rs::test_bonds`
// (sparse path, Yuma3 off, liquid alpha off, commit-reveal off).

const N = 8;
const U16_MAX = 65535;

/** Minimal subnet state, advanced the way the Rust test drives the pallet. */
class Subnet {
  block = 0n;
  weights: Array<Array<[number, number]>> = Array.from({ length: N }, () => []);
  bonds: Array<Array<[number, number]>> = Array.from({ length: N }, () => []);
  lastUpdate: bigint[] = new Array<bigint>(N).fill(0n);
  permits: boolean[] = new Array<boolean>(N).fill(false);

  /** `set_weights`: values are stored row max-upscaled to u16. */
  setWeights(uid: number, dests: number[], values: number[]): void {
    const max = Math.max(...values);
    this.weights[uid] = dests.map((d, k): [number, number] => [
      d,
      Number((BigInt(values[k]) * BigInt(U16_MAX)) / BigInt(max)),
    ]);
    this.lastUpdate[uid] = this.block;
  }

  nextBlock(): void {
    this.block += 1n;
  }

  /** `SubtensorModule::epoch`: run, then persist bonds and validator permits. */
  epoch(): EpochOutput {
    const input: EpochInput = {
      ...EPOCH_DEFAULTS,
      n: N,
      stakes: [...TEST_BONDS_STAKES],
      validatorPermits: this.permits,
      maxAllowedValidators: N,
      weights: this.weights,
      bonds: this.bonds,
      lastUpdate: this.lastUpdate,
      blockAtRegistration: new Array<bigint>(N).fill(0n),
      currentBlock: this.block,
      tempo: 1n,
    };
    const out = runEpoch(input);
    this.bonds = out.bonds;
    this.permits = out.newValidatorPermits;
    return out;
  }

  bond(i: number, j: number): number {
    return this.bonds[i].find(([c]) => c === j)?.[1] ?? 0;
  }
}

describe("subnets: Yuma epoch reference (subtensor test_bonds)", function () {
  const net = new Subnet();
  const col = (j: number): number[] => [0, 1, 2, 3].map((i) => net.bond(i, j));

  it("first epoch without weights issues permits to staked uids", function () {
    const out = net.epoch();
    expect(out.newValidatorPermits).to.deep.equal([true, true, true, true, false, false, false, false]);
    expect(net.bonds.every((r) => r.length === 0)).to.equal(true);
    // No weights: emission falls back to active stake for validators.
    expect(out.serverEmission).to.deep.equal(new Array<bigint>(N).fill(0n));
    net.nextBlock();
  });

  for (const step of TEST_BONDS) {
    it(step.name, function () {
      for (const [uid, dests, values] of step.weights) net.setWeights(uid, dests, values);
      if (step.nextBlock) net.nextBlock();
      const out = net.epoch();
      expect(col(step.column)).to.deep.equal(step.bonds);
      if (step.emission === undefined) return;
      expect(out.emission).to.deep.equal(step.emission);
      // Server/validator split sums to the same per-uid values here.
      expect(out.serverEmission.map((s, i) => s + out.validatorEmission[i])).to.deep.equal(step.emission);
    });
  }
});

describe("subnets: Yuma epoch reference, commit-reveal mask and 18-decimal emission", function () {
  // Two validators weight the three other UIDs; UID 3 registered in block 10, after the validators' updates.
  const base = (): EpochInput => ({
    ...EPOCH_DEFAULTS,
    n: 5,
    stakes: [10n, 30n, 0n, 0n, 0n],
    validatorPermits: [true, true, false, false, false],
    maxAllowedValidators: 5,
    weights: [
      [
        [2, 100],
        [3, 200],
        [4, 300],
      ],
      [
        [2, 300],
        [3, 200],
        [4, 100],
      ],
    ],
    bonds: [],
    lastUpdate: [20n, 20n, 0n, 0n, 0n],
    blockAtRegistration: [0n, 0n, 0n, 10n, 0n],
    currentBlock: 30n,
  });

  it("a live commit made before a UID registered masks that UID's column", function () {
    const open = runEpoch(base());
    expect(open.incentive[3] > 0n).to.equal(true);
    // Both validators committed in block 9: UID 3 (registered in block 10) gets no weight from them.
    const masked = runEpoch({ ...base(), commitBlocks: [9n, 9n] });
    expect(masked.consensus[3]).to.equal(0n);
    expect(masked.incentive[3]).to.equal(0n);
    expect(masked.incentive[2] > open.incentive[2]).to.equal(true);
  });

  it("a commit in the registration block itself masks nothing (commit < registration)", function () {
    const open = runEpoch(base());
    const same = runEpoch({ ...base(), commitBlocks: [10n, undefined] });
    expect(same.incentive).to.deep.equal(open.incentive);
    expect(same.serverEmission).to.deep.equal(open.serverEmission);
  });

  it("only the committing validator's row is masked", function () {
    // The minority validator (a quarter of the stake) committed early: the majority's weight still sets UID 3's
    // consensus, but only the majority's stake ranks it.
    const one = runEpoch({ ...base(), commitBlocks: [9n, undefined] });
    const none = runEpoch(base());
    expect(one.consensus[3]).to.equal(none.consensus[3]);
    expect(one.incentive[3] > 0n && one.incentive[3] < none.incentive[3]).to.equal(true);
  });

  it("pays 18-decimal emissions beyond 2^64 without saturating", function () {
    const emission = 10n ** 24n;
    const out = runEpoch({ ...base(), raoEmission: emission });
    const paid = out.serverEmission.reduce((a, s, i) => a + s + out.validatorEmission[i], 0n);
    expect(out.serverEmission.some((x) => x > 1n << 64n)).to.equal(true);
    expect(paid <= emission).to.equal(true);
    // Ten amounts each floored, and shares floored in their normalisation: well under a millionth short.
    expect(emission - paid < emission / 1_000_000n).to.equal(true);
  });
});
