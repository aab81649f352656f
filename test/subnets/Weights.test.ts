import { expect } from "chai";
import { network } from "hardhat";

import type { SubnetsHarness } from "../../types/typechain/index.js";
import { ONE } from "../fixtures/constants.js";
import { SMALL_SUBNET, type Hyperparameters } from "../fixtures/subnets.js";
import { commitHash, NETUID, SALT, subnetHelpers } from "./fixture.js";

// Weights through the subnet contract: the UIDs a row names with a zero weight (an entry, unlike a UID not named,
// under liquid alpha), and commits revealed under the rules they were made under.

const connection = await network.create();
const { loadFixture, mine } = connection.networkHelpers;
const helpers = await subnetHelpers(connection);
const { signers, owner, epoch, predict } = helpers;

type Subnets = SubnetsHarness;

/** A subnet with the given hyperparameters; `hotkeys` (signers from index 2) register in order as UIDs 0, 1, ... */
const subnetWith = async (params: Partial<Hyperparameters>, hotkeys: number) =>
  (await helpers.subnetWith(params, hotkeys, { funded: 2 + hotkeys })).subnets;

describe("Subnets: weights", function () {
  /** The preview made before the epoch, against the metagraph and bonds the epoch left: equal to the unit. */
  async function expectPreviewMet(subnets: Subnets, predicted: Awaited<ReturnType<typeof predict>>) {
    const n = BigInt(predicted.neurons.length);
    const neurons = await subnets.neurons(NETUID, 0n, n);
    for (const p of predicted.neurons) {
      const u = neurons[p.uid];
      expect([u.consensus, u.incentive, u.dividends, u.validatorTrust, u.emission], `UID ${p.uid}`).to.deep.equal([
        BigInt(p.consensus),
        BigInt(p.incentive),
        BigInt(p.dividends),
        BigInt(p.validatorTrust),
        p.emission,
      ]);
      const bonds = new Array<bigint>(Number(n)).fill(0n);
      for (const [j, v] of predicted.output.bonds[p.uid]) bonds[j] = BigInt(v);
      expect(await subnets.bondsOf(NETUID, p.uid), `bonds of UID ${p.uid}`).to.deep.equal(bonds);
    }
  }

  describe("named zeros", function () {
    // UIDs 0 and 1 validate (equal stake), 2 and 3 mine; Yuma3 with liquid alpha, no bonds penalty, weights set
    // directly. Both validators weigh both miners for an epoch, so that each holds a bond on each.
    async function liquidFixture() {
      const subnets = await subnetWith(
        { maxUids: 4, maxValidators: 2, yuma3: true, liquidAlpha: true, bondsPenalty: 0, commitReveal: false },
        4,
      );
      const [v0, v1] = signers.slice(2, 4);
      await subnets.connect(v0).stake(NETUID, v0.address, 50n * ONE);
      await subnets.connect(v1).stake(NETUID, v1.address, 50n * ONE);
      await epoch(subnets); // stake weighs, permits given
      await epoch(subnets); // stake earns
      for (const v of [v0, v1]) await subnets.connect(v).setWeights(NETUID, [2, 3], [1, 1], 0n);
      await epoch(subnets);
      expect((await subnets.bondsOf(NETUID, 0n))[3]).to.be.greaterThan(0n);
      return { subnets, v0, v1 };
    }

    it("consensus exactness: a validator that stops naming a miner loses its bond on it under liquid alpha, as the preview says", async function () {
      const { subnets, v0 } = await loadFixture(liquidFixture);
      // Validator 0 leaves miner 3 out: its bond there is no entry of its weights for bonds, so it vanishes and earns
      // it no further dividends (it used to decay, and kept paying it for a miner it no longer backs).
      await subnets.connect(v0).setWeights(NETUID, [2], [1], 0n);
      expect(await subnets.weightUidsOf(NETUID, 0n)).to.equal(0b0100n);
      const predicted = await predict(subnets);
      await epoch(subnets);
      expect((await subnets.bondsOf(NETUID, 0n))[3]).to.equal(0n);
      await expectPreviewMet(subnets, predicted);
    });

    it("keeps, decayed, the bond on a miner a validator names with a zero weight, as the preview says", async function () {
      const { subnets, v0 } = await loadFixture(liquidFixture);
      const held = (await subnets.bondsOf(NETUID, 0n))[3];
      await subnets.connect(v0).setWeights(NETUID, [2, 3], [1, 0], 0n);
      expect(await subnets.weightsOf(NETUID, 0n)).to.deep.equal([0n, 0n, 65_535n, 0n]);
      expect(await subnets.weightUidsOf(NETUID, 0n)).to.equal(0b1100n);
      const predicted = await predict(subnets);
      expect(predicted.input.weights[0]).to.deep.equal([
        [2, 65_535],
        [3, 0],
      ]);
      await epoch(subnets);
      const bond = (await subnets.bondsOf(NETUID, 0n))[3];
      expect(bond > 0n && bond < held, `bond ${bond} decayed from ${held}`).to.equal(true);
      await expectPreviewMet(subnets, predicted);
    });

    it("forgets a row's zeros when the row is set again without them", async function () {
      const { subnets, v0 } = await loadFixture(liquidFixture);
      await subnets.connect(v0).setWeights(NETUID, [2, 3], [1, 0], 0n);
      expect(await subnets.weightUidsOf(NETUID, 0n)).to.equal(0b1100n);
      await mine(SMALL_SUBNET.weightsRateLimit as number);
      await subnets.connect(v0).setWeights(NETUID, [2], [1], 0n);
      expect(await subnets.weightUidsOf(NETUID, 0n)).to.equal(0b0100n);
      // Zeros alone name every UID they list.
      await mine(SMALL_SUBNET.weightsRateLimit as number);
      await subnets.connect(v0).setWeights(NETUID, [2, 3], [0, 0], 0n);
      expect(await subnets.weightsOf(NETUID, 0n)).to.deep.equal([0n, 0n, 0n, 0n]);
      expect(await subnets.weightUidsOf(NETUID, 0n)).to.equal(0b1100n);
    });
  });

  describe("commits revealed under their own rules", function () {
    // UID 0 validates, 1 mines; commit and reveal, reveal period `revealPeriod`.
    async function commitFixture(revealPeriod: number) {
      const subnets = await subnetWith({ maxUids: 2, maxValidators: 1, revealPeriod }, 2);
      const v0 = signers[2];
      await subnets.connect(v0).stake(NETUID, v0.address, 50n * ONE);
      await epoch(subnets);
      await epoch(subnets); // the stake counts: UID 0's permit
      return { subnets, v0 };
    }
    const revealOnePeriod = () => commitFixture(1);
    const revealThreePeriods = () => commitFixture(3);

    /** Some hyperparameters changed, the others as they are: in force at once (the harness's setter), so that the
     * commit's own rules are tested whatever the delay of an owner's change; `queued` goes through the owner's change
     * instead, which applies from the start of the epoch after the next. */
    async function change(subnets: Subnets, params: Partial<Hyperparameters>, queued = false) {
      const current = await subnets.hyperparameters(NETUID);
      const p: Record<string, unknown> = {};
      for (const key of Object.keys(SMALL_SUBNET)) p[key] = current[key as keyof typeof current];
      const next = { ...(p as unknown as Hyperparameters), ...params };
      await (queued
        ? subnets.connect(owner).setHyperparameters(NETUID, next)
        : subnets.setHyperparametersNow(NETUID, next));
    }

    /** Runs epochs until `epochNumber` epochs are complete. */
    async function epochsUntil(subnets: Subnets, epochNumber: bigint) {
      while ((await subnets.subnet(NETUID)).epochNumber < epochNumber) await epoch(subnets);
    }

    it("L-05 a version key raised between commit and reveal does not void the reveal", async function () {
      const { subnets, v0 } = await loadFixture(revealOnePeriod);
      const committedAt = (await subnets.subnet(NETUID)).epochNumber;
      await subnets.connect(v0).commitWeights(NETUID, commitHash(v0.address, NETUID, [1], [1], SALT, 0n));
      const commit = await subnets.commitOf(NETUID, 0n);
      expect([commit.epoch, commit.revealEpoch]).to.deep.equal([committedAt, committedAt + 1n]);
      // The owner retires version 0 while the commit waits for its reveal epoch.
      await change(subnets, { weightsVersionKey: 7n });
      await epochsUntil(subnets, commit.revealEpoch);
      expect((await subnets.hyperparameters(NETUID)).weightsVersionKey).to.equal(7n);
      await expect(subnets.connect(v0).revealWeights(NETUID, [1], [1], SALT, 0n))
        .to.emit(subnets, "WeightsSet")
        .withArgs(NETUID, 0n, true);
      expect(await subnets.weightsOf(NETUID, 0n)).to.deep.equal([0n, 65_535n]);
      // A commit made under the new key is held to it.
      await subnets.connect(v0).commitWeights(NETUID, commitHash(v0.address, NETUID, [1], [2], SALT, 0n));
      await epochsUntil(subnets, (await subnets.commitOf(NETUID, 0n)).revealEpoch);
      await expect(subnets.connect(v0).revealWeights(NETUID, [1], [2], SALT, 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetWeightsVersionTooLow")
        .withArgs(0n, 7n);
    });

    it("L-05 a reveal period raised between commit and reveal neither voids nor moves the reveal", async function () {
      const { subnets, v0 } = await loadFixture(revealOnePeriod);
      await subnets.connect(v0).commitWeights(NETUID, commitHash(v0.address, NETUID, [1], [1]));
      const { revealEpoch } = await subnets.commitOf(NETUID, 0n);
      await change(subnets, { revealPeriod: 3 });
      await epochsUntil(subnets, revealEpoch);
      expect((await subnets.hyperparameters(NETUID)).revealPeriod).to.equal(3n);
      expect((await subnets.commitOf(NETUID, 0n)).revealEpoch).to.equal(revealEpoch);
      await subnets.connect(v0).revealWeights(NETUID, [1], [1], SALT, 0n);
      expect(await subnets.weightsOf(NETUID, 0n)).to.deep.equal([0n, 65_535n]);
    });

    it("L-05 an owner's version key raise, queued right after a commit, is in force at the reveal and voids nothing", async function () {
      const { subnets, v0 } = await loadFixture(revealThreePeriods);
      await subnets.connect(v0).commitWeights(NETUID, commitHash(v0.address, NETUID, [1], [1], SALT, 0n));
      const { revealEpoch } = await subnets.commitOf(NETUID, 0n);
      await change(subnets, { weightsVersionKey: 7n }, true);
      await epochsUntil(subnets, revealEpoch);
      expect((await subnets.hyperparameters(NETUID)).weightsVersionKey).to.equal(7n);
      await expect(subnets.connect(v0).revealWeights(NETUID, [1], [1], SALT, 0n)).to.emit(subnets, "WeightsSet");
    });

    it("L-05 a reveal period lowered between commit and reveal neither opens the reveal early nor voids it", async function () {
      const { subnets, v0 } = await loadFixture(revealThreePeriods);
      const committedAt = (await subnets.subnet(NETUID)).epochNumber;
      await subnets.connect(v0).commitWeights(NETUID, commitHash(v0.address, NETUID, [1], [1]));
      const { revealEpoch } = await subnets.commitOf(NETUID, 0n);
      expect(revealEpoch).to.equal(committedAt + 3n);
      await change(subnets, { revealPeriod: 1 });
      await epochsUntil(subnets, committedAt + 1n);
      expect((await subnets.hyperparameters(NETUID)).revealPeriod).to.equal(1n);
      // Revealed early, the weights would be public before the epoch they were committed for.
      await expect(subnets.connect(v0).revealWeights(NETUID, [1], [1], SALT, 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetRevealTooEarly")
        .withArgs(0n, committedAt + 1n, revealEpoch);
      await epochsUntil(subnets, revealEpoch);
      await subnets.connect(v0).revealWeights(NETUID, [1], [1], SALT, 0n);
      expect(await subnets.weightsOf(NETUID, 0n)).to.deep.equal([0n, 65_535n]);
    });
  });
});
