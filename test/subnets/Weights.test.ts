import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { network } from "hardhat";

import type { HyperparametersStruct } from "../../types/typechain/interfaces/ISubnets.js";
import {
  BASE_PARAMS,
  cid,
  commitHash,
  deploySubnets,
  deployToken,
  ONE,
  runEpoch as runEpochOn,
  SALT,
} from "./fixture.js";

// Weights through the subnet contract: commits revealed under the rules they were made under.

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, mine } = networkHelpers;

const NETUID = 1n;

describe("Subnets: weights", function () {
  let signers: HardhatEthersSigner[];
  let owner: HardhatEthersSigner;

  before(async function () {
    signers = await ethers.getSigners();
    owner = signers[1];
  });

  /** A subnet with the given hyperparameters; `hotkeys` (signers from index 2) register in order as UIDs 0, 1, ... */
  async function subnetWith(params: Partial<HyperparametersStruct>, hotkeys: number) {
    const subnets = await deploySubnets(ethers, signers[0].address, 0n);
    const stakeToken = await deployToken(ethers, "STK");
    const rewardToken = await deployToken(ethers, "RWD");
    for (const s of signers.slice(0, 2 + hotkeys)) {
      await stakeToken.mint(s.address, 1_000_000n * ONE);
      await rewardToken.mint(s.address, 1_000_000n * ONE);
      await stakeToken.connect(s).approve(subnets.target, ethers.MaxUint256);
      await rewardToken.connect(s).approve(subnets.target, ethers.MaxUint256);
    }
    await subnets.connect(owner).createSubnet({
      stakeToken: stakeToken.target as string,
      rewardToken: rewardToken.target as string,
      model: 0n,
      metadataCid: cid(1),
      hyperparameters: { ...BASE_PARAMS, ...params },
    });
    await subnets.connect(owner).fund(NETUID, 10_000n * ONE);
    for (const h of signers.slice(2, 2 + hotkeys)) {
      await subnets.connect(h).register(NETUID, h.address, h.address, ethers.MaxUint256);
    }
    return subnets;
  }

  type Subnets = Awaited<ReturnType<typeof subnetWith>>;
  const epoch = (subnets: Subnets) => runEpochOn(ethers, mine, subnets, NETUID);

  describe("commits revealed under their own rules", function () {
    // UID 0 validates, 1 mines; commit and reveal, reveal period `revealPeriod`.
    async function commitFixture(revealPeriod: number) {
      const subnets = await subnetWith({ maxUids: 2, maxValidators: 1, revealPeriod }, 2);
      const v0 = signers[2];
      await subnets.connect(v0).stake(NETUID, v0.address, 50n * ONE);
      await epoch(subnets);
      return { subnets, v0 };
    }
    const revealOnePeriod = () => commitFixture(1);
    const revealThreePeriods = () => commitFixture(3);

    /** The owner's change of some hyperparameters, the others as they are. */
    async function change(subnets: Subnets, params: Partial<HyperparametersStruct>) {
      const current = await subnets.hyperparameters(NETUID);
      const p: Record<string, unknown> = {};
      for (const key of Object.keys(BASE_PARAMS)) p[key] = current[key as keyof typeof current];
      await subnets.connect(owner).setHyperparameters(NETUID, { ...(p as unknown as HyperparametersStruct), ...params });
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
