import { expect } from "chai";

import { runEpoch, type EpochInput, type EpochOutput } from "../../sdk/src/subnets/epoch.js";
import { EPOCH_DEFAULTS } from "./vectors.js";

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
      stakes: [1n, 2n, 3n, 4n, 0n, 0n, 0n, 0n],
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

  it("epoch 1: all validators weight servers 0.1/0.2/0.3/0.4", function () {
    for (let uid = 0; uid < N / 2; uid++) {
      net.setWeights(uid, [4, 5, 6, 7], [16383, 32767, 49149, 65535]);
    }
    const out = net.epoch();
    expect(col(4)).to.deep.equal([16383, 32767, 49151, 65535]);
    const expected = [49999998n, 99999999n, 150000000n, 200000001n, 49998779n, 100000610n, 149996337n, 200004272n];
    expect(out.emission).to.deep.equal(expected);
    // Server/validator split sums to the same per-uid values here.
    expect(out.serverEmission.map((s, i) => s + out.validatorEmission[i])).to.deep.equal(expected);
  });

  it("epoch 2: val1 self-weight only", function () {
    net.setWeights(0, [0], [U16_MAX]);
    net.nextBlock();
    const out = net.epoch();
    expect(col(4)).to.deep.equal([14582, 32767, 49151, 65535]);
    expect(out.emission).to.deep.equal([
      44998351n, 101110561n, 151667215n, 202223870n, 49998779n, 100000610n, 149996337n, 200004272n,
    ]);
  });

  it("epoch 3: val2 self-weight only", function () {
    net.setWeights(1, [1], [U16_MAX]);
    net.nextBlock();
    net.epoch();
    expect(col(4)).to.deep.equal([12603, 28321, 49151, 65535]);
  });

  it("epoch 4: val3 self-weight only", function () {
    net.setWeights(2, [2], [U16_MAX]);
    net.nextBlock();
    net.epoch();
    expect(col(7)).to.deep.equal([12602, 28320, 49150, 65535]);
  });

  it("epoch 5: val3 -> srv4 only", function () {
    net.setWeights(2, [7], [U16_MAX]);
    net.nextBlock();
    net.epoch();
    expect(col(7)).to.deep.equal([10951, 24609, 49150, 65535]);
  });

  it("epochs 6 and 7: unchanged weights", function () {
    net.nextBlock();
    net.epoch();
    expect(col(7)).to.deep.equal([9559, 21482, 49150, 65535]);
    net.nextBlock();
    net.epoch();
    expect(col(7)).to.deep.equal([8376, 18824, 49150, 65535]);
  });
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
      [[2, 100], [3, 200], [4, 300]],
      [[2, 300], [3, 200], [4, 100]],
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
    expect(out.serverEmission.some((x) => x > (1n << 64n))).to.equal(true);
    expect(paid <= emission).to.equal(true);
    // Ten amounts each floored, and shares floored in their normalisation: well under a millionth short.
    expect(emission - paid < emission / 1_000_000n).to.equal(true);
  });
});
