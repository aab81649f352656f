import { expect } from "chai";
import { network } from "hardhat";

import type { FlashStaker, MockLendingPool } from "../../types/typechain/index.js";
import { cidN, ONE, TOKENS } from "../fixtures/constants.js";
import { SMALL_SUBNET } from "../fixtures/subnets.js";
import { BOUNTY, candidateCid, FUNDED, K, promotionFixture, Status, type PromotionEnv } from "./fixture.js";

// The attacks on promotion, each named after its finding. Each test says which defence it holds, so that a contract
// without that defence fails it.

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, mine } = networkHelpers;

const bound = () => promotionFixture(connection);
const unbound = () => promotionFixture(connection, { bind: false });
const shortEscrow = () => promotionFixture(connection, { fund: TOKENS(30) });
const emptyEscrow = () => promotionFixture(connection, { fund: 0n });

/** Mines until the subnet's next epoch is due in `blocks` blocks. */
async function toDue(f: PromotionEnv, blocks = 1n) {
  const due = (await f.subnets.subnet(f.netuid)).nextEpochBlock;
  const now = BigInt(await ethers.provider.getBlockNumber());
  if (now + blocks < due) await mine(due - now - blocks);
}

/** Promotion's bounty tokens equal its escrow plus the bounties credited and not claimed. */
async function expectConserved(f: PromotionEnv) {
  const { balance, owed } = await f.owed();
  expect(balance).to.equal(owed);
}

/** Sends `txs` in one block, in order; returns whether each succeeded. */
async function inOneBlock(txs: (() => Promise<{ wait: () => Promise<unknown> }>)[]): Promise<boolean[]> {
  await connection.provider.request({ method: "evm_setAutomine", params: [false] });
  const sent = [];
  try {
    for (const tx of txs) sent.push(await tx());
  } finally {
    await mine(1);
    await connection.provider.request({ method: "evm_setAutomine", params: [true] });
  }
  return Promise.all(
    sent.map((tx) =>
      tx.wait().then(
        () => true,
        () => false,
      ),
    ),
  );
}

describe("Promotion: attacks", function () {
  describe("P-01 flash-borrowed stake", function () {
    // The honest validator (UID 0, 1,000 staked) weighs the honest miner, UID 1, which has led K-1 epochs. The
    // attacker's validator hotkey (UID 4, one token staked, a permit) weighs its own miner, UID 3.
    async function flashFixture() {
      const f = await promotionFixture(connection);
      const attacker = f.miners[3];
      await f.subnets.connect(attacker).stake(f.netuid, attacker.address, ONE);
      await f.epochs(2);
      await f.lead(1);
      await f.subnets.connect(attacker).setWeights(f.netuid, [3], [1], 0n);
      await f.epochs(K - 1n);
      expect((await f.subnets.neuron(f.netuid, 4n)).validatorPermit).to.equal(true);
      const staker = (await ethers.deployContract("FlashStaker", [f.subnets.target])) as unknown as FlashStaker;
      const pool = (await ethers.deployContract("MockLendingPool", [
        f.stakeToken.target,
      ])) as unknown as MockLendingPool;
      await f.stakeToken.mint(pool.target, 1_000_000n * ONE);
      return { ...f, attacker, staker, pool };
    }

    it("P-01 borrow, stake on the attacker's validator, run the epoch, repay: the honest leader keeps its streak", async function () {
      // Defence: stake counts from the start of the epoch after the next. Were the borrowed million counted in the
      // epoch it was staked for, UID 4's weights would be the consensus and UID 3 would lead.
      const f = await loadFixture(flashFixture);
      await toDue(f);
      await f.staker.attack(f.pool.target, f.netuid, f.attacker.address, 1_000_000n * ONE);
      expect(await f.stakeToken.balanceOf(f.pool.target)).to.equal(1_000_000n * ONE);
      const leader = await f.subnets.leaderOf(f.netuid);
      expect([leader.uid, leader.streak]).to.deep.equal([1n, K]);
      expect((await f.subnets.neuron(f.netuid, 3n)).incentive).to.equal(0n);
      await f.promotion.promote(f.netuid);
      expect((await f.registry.latestVersion(f.model)).weightsCid).to.equal(candidateCid(1));
    });

    it("P-01 stake a block before the epoch, unstake after it: the same", async function () {
      const f = await loadFixture(flashFixture);
      await toDue(f, 2n);
      await f.subnets.connect(f.funder).stake(f.netuid, f.attacker.address, 1_000_000n * ONE);
      await f.epoch();
      const leader = await f.subnets.leaderOf(f.netuid);
      expect([leader.uid, leader.streak]).to.deep.equal([1n, K]);
      await f.subnets.connect(f.funder).unstake(f.netuid, f.attacker.address, 1_000_000n * ONE);
      expect((await f.promotion.check(f.netuid)).uid).to.equal(1n);
    });
  });

  describe("P-02 a binding only the model's owner gives, for a subnet that records the model, under its owner", function () {
    it("P-02 the subnet's owner cannot bind nor promote on its own", async function () {
      // Defence: bind checks the model's owner. Without it the subnet's owner would bind and publish to the model.
      const f = await loadFixture(unbound);
      await f.registry.connect(f.team).setPublisher(f.model, f.promotion.target, true);
      await f.leadFor(1, K);
      await expect(f.bind({}, f.subnetOwner))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNotModelOwner")
        .withArgs(f.model, f.subnetOwner.address);
      await expect(f.promotion.connect(f.subnetOwner).promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNotBound")
        .withArgs(f.netuid);
      expect((await f.registry.getModel(f.model)).versionCount).to.equal(1n);
    });

    it("P-02 nobody binds a subnet to a model it does not record", async function () {
      // Defence: bind compares the subnet's model with the binding's. Without it the owner of any model could take
      // another model's subnet (its miners' work) as its own pipeline, or a subnet recording model A publish to B.
      const f = await loadFixture(unbound);
      const attacker = f.stranger;
      await f.registry.connect(attacker).register("attacker-model", cidN(66), "MIT");
      const own = await f.registry.modelCount();
      await f.registry.connect(attacker).setPublisher(own, f.promotion.target, true);
      await expect(
        f.promotion.connect(attacker).bind(f.netuid, {
          model: own,
          minStreak: 1n,
          bountyToken: ethers.ZeroAddress,
          bounty: 0n,
          tagPrefix: "",
        }),
      )
        .to.be.revertedWithCustomError(f.promotion, "PromotionModelMismatch")
        .withArgs(f.netuid, f.model, own);
    });

    it("P-02 a binding made under one subnet owner does not serve the next", async function () {
      // Defence: promote compares the subnet's owner with the one bound. Without it a subnet bought (or taken) after
      // the binding, with new hyperparameters or an owner hotkey, would keep publishing to the model.
      const f = await loadFixture(bound);
      await f.leadFor(1, K);
      await f.subnets.connect(f.subnetOwner).transferSubnetOwnership(f.netuid, f.stranger.address);
      await f.subnets.connect(f.stranger).acceptSubnetOwnership(f.netuid);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionSubnetOwnerChanged")
        .withArgs(f.netuid, f.subnetOwner.address, f.stranger.address);
    });
  });

  describe("P-03 weights swapped after scoring", function () {
    it("P-03 swapped one block before an epoch: that epoch does not count it, K whole tempos after it do", async function () {
      // Defences: a new candidate restarts the leader's streak, and the epoch ending the tempo it was published in
      // does not count it. Without the first the swapped weights would inherit K-1 epochs scored on other weights;
      // without the second the epoch one block later, scored on weights set for the old candidate, would count.
      const f = await loadFixture(bound);
      await f.leadFor(1, K - 1n);
      await toDue(f, 2n);
      await f.publish(1, cidN(666));
      await f.epoch();
      expect((await f.subnets.leaderOf(f.netuid)).streak).to.equal(0n);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionStreakTooShort")
        .withArgs(f.netuid, 1n, 0n, K);
      await f.epochs(K - 1n);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionStreakTooShort")
        .withArgs(f.netuid, 1n, K - 1n, K);
      await f.epoch();
      await f.promotion.promote(f.netuid);
      expect((await f.registry.latestVersion(f.model)).weightsCid).to.equal(cidN(666));
    });

    it("P-03 swapped during the running epoch: neither it nor the next epoch counts it", async function () {
      // Defence: an epoch counts a candidate only if its tempo began after it was published. Without it the epoch
      // that was running, or the next (whose tempo began before the swap), would count it.
      const f = await loadFixture(bound);
      await f.leadFor(1, K - 1n);
      await f.startEpoch();
      await f.publish(1, cidN(666));
      await f.finishEpoch();
      expect((await f.subnets.leaderOf(f.netuid)).streak).to.equal(0n);
      await f.epoch();
      expect((await f.subnets.leaderOf(f.netuid)).streak).to.equal(0n);
      await f.epochs(K - 1n);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionStreakTooShort")
        .withArgs(f.netuid, 1n, K - 1n, K);
    });

    it("P-03 swapped after the streak, even in the block of the promotion: refused", async function () {
      // Defence: promote compares the candidate's block with the one the streak counts. Without it the leader could
      // publish other weights in front of the promotion and have them published.
      const f = await loadFixture(bound);
      await f.leadFor(1, K);
      const [swapped, promoted] = await inOneBlock([
        () => f.publish(1, cidN(666)),
        () => f.promotion.connect(f.stranger).promote(f.netuid, { gasLimit: 3_000_000n }),
      ]);
      expect([swapped, promoted]).to.deep.equal([true, false]);
      expect((await f.promotion.check(f.netuid)).status).to.equal(Status.CandidateChanged);
      expect((await f.registry.getModel(f.model)).versionCount).to.equal(1n);
    });
  });

  describe("P-04 publishing where the model's owner did not allow it", function () {
    it("P-04 a subnet recording the model, not bound to it, promotes nothing", async function () {
      // Defence: promote publishes only for a bound subnet, to the binding's model. Without it an attacker's own
      // subnet recording the model would publish its leaders to it.
      const f = await loadFixture(bound);
      const attacker = f.stranger;
      await f.subnets.connect(attacker).createSubnet({
        stakeToken: f.stakeToken.target as string,
        rewardToken: f.rewardToken.target as string,
        model: f.model,
        metadataCid: cidN(3),
        hyperparameters: { ...SMALL_SUBNET, commitReveal: false },
      });
      const netuid = await f.subnets.subnetCount();
      await expect(f.promotion.connect(attacker).promote(netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNotBound")
        .withArgs(netuid);
      await expect(
        f.promotion.connect(attacker).bind(netuid, {
          model: f.model,
          minStreak: 1n,
          bountyToken: ethers.ZeroAddress,
          bounty: 0n,
          tagPrefix: "",
        }),
      )
        .to.be.revertedWithCustomError(f.promotion, "PromotionNotModelOwner")
        .withArgs(f.model, attacker.address);
    });

    it("P-04 once the owner removes Promotion as publisher, nothing is published", async function () {
      // Defence: the registry publishes only for the model's owner and publishers, and `check` reads the grant, so
      // that it says NotPublisher. Without the registry's check the removed grant would still publish.
      const f = await loadFixture(bound);
      await f.leadFor(1, K);
      await f.registry.connect(f.team).setPublisher(f.model, f.promotion.target, false);
      expect((await f.promotion.check(f.netuid)).status).to.equal(Status.NotPublisher);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.registry, "RegistryNotPublisher")
        .withArgs(f.model, f.promotion.target);
      expect((await f.registry.getModel(f.model)).versionCount).to.equal(1n);
    });
  });

  describe("P-05 draining the bounty", function () {
    it("P-05 repeated promotions and copied weights credit once; balance == escrow + credited after each step", async function () {
      // Defence: the same weights are promoted to a model once. Without it every epoch past the streak, or every
      // miner republishing the winner's weights, would take another bounty.
      const f = await loadFixture(bound);
      await f.leadFor(1, K);
      await f.promotion.promote(f.netuid);
      await expectConserved(f);
      for (let i = 0; i < 2; i++) {
        await f.epoch();
        await expect(f.promotion.promote(f.netuid)).to.be.revertedWithCustomError(
          f.promotion,
          "PromotionAlreadyPromoted",
        );
      }
      await f.publish(2, candidateCid(1));
      await f.leadFor(2, K + 1n);
      await expect(f.promotion.promote(f.netuid)).to.be.revertedWithCustomError(
        f.promotion,
        "PromotionAlreadyPromoted",
      );
      // Rebinding does not reopen it: the record is the model's.
      await f.promotion.connect(f.team).revoke(f.netuid);
      await f.bind();
      await f.promotion.connect(f.team).fund(f.netuid, FUNDED);
      await expect(f.promotion.promote(f.netuid)).to.be.revertedWithCustomError(
        f.promotion,
        "PromotionAlreadyPromoted",
      );
      await expectConserved(f);
      expect(await f.promotion.bountyOf(f.coldkeys[0].address, f.bountyToken.target)).to.equal(BOUNTY);
      expect(await f.promotion.bountyOf(f.coldkeys[1].address, f.bountyToken.target)).to.equal(0n);
    });

    it("P-05 an escrow short of the bounty pays what it holds, and claims pay each credit once", async function () {
      // Defence: the credit is capped by the escrow and taken from it. Without the cap a promotion would credit
      // tokens other bindings (or other coldkeys' credits) hold, and the last claimant would find nothing.
      const f = await loadFixture(shortEscrow);
      await f.leadFor(1, K);
      await f.promotion.promote(f.netuid);
      await expectConserved(f);
      await f.leadFor(2, K);
      await f.promotion.promote(f.netuid);
      await expectConserved(f);
      const [a, b] = f.coldkeys;
      expect(await f.promotion.bountyOf(a.address, f.bountyToken.target)).to.equal(TOKENS(30));
      expect(await f.promotion.bountyOf(b.address, f.bountyToken.target)).to.equal(0n);
      await f.promotion.connect(a).claimBounty(f.bountyToken.target, a.address);
      await expectConserved(f);
      await expect(f.promotion.connect(a).claimBounty(f.bountyToken.target, a.address)).to.be.revertedWithCustomError(
        f.promotion,
        "PromotionNothingToClaim",
      );
      expect(await f.bountyToken.balanceOf(f.promotion.target)).to.equal(0n);
    });

    it("P-05 two bindings' escrows stay apart: one promotion never takes the other's tokens", async function () {
      // Defence: each binding's credit comes from its own escrow. Without it a subnet with an empty escrow would
      // credit from the tokens Promotion holds for another.
      const f = await loadFixture(emptyEscrow);
      const other = await promotionFixture(connection, { protocol: f, model: f.model, bountyToken: f.bountyToken });
      // The second subnet's binding holds FUNDED; the first's holds nothing.
      expect((await f.promotion.bindingOf(other.netuid)).escrow).to.equal(FUNDED);
      expect(await f.bountyToken.balanceOf(f.promotion.target)).to.equal(FUNDED);
      await f.leadFor(1, K);
      await expect(f.promotion.promote(f.netuid))
        .to.emit(f.promotion, "BountyCredited")
        .withArgs(f.netuid, f.coldkeys[0].address, f.bountyToken.target, 0n, BOUNTY);
      expect((await f.promotion.bindingOf(other.netuid)).escrow).to.equal(FUNDED);
    });

    it("P-05 revoke racing a promote: either order, never more than funded leaves, nothing stuck", async function () {
      // Defence: revoke deletes the binding before paying, and promote checks the binding. Without either, the
      // owner would take the escrow back and the promotion still credit from it (more out than in).
      const raced = async (first: "revoke" | "promote") => {
        const f = await loadFixture(bound);
        await f.leadFor(1, K);
        const revoke = () => f.promotion.connect(f.team).revoke(f.netuid, { gasLimit: 1_000_000n });
        const promote = () => f.promotion.connect(f.stranger).promote(f.netuid, { gasLimit: 3_000_000n });
        const teamBefore = await f.bountyToken.balanceOf(f.team.address);
        const results = await inOneBlock(first === "revoke" ? [revoke, promote] : [promote, revoke]);
        await expectConserved(f);
        const returned = (await f.bountyToken.balanceOf(f.team.address)) - teamBefore;
        const credited = await f.promotion.bountyOf(f.coldkeys[0].address, f.bountyToken.target);
        expect(returned + credited).to.equal(FUNDED);
        return { results, returned, credited };
      };
      expect(await raced("revoke")).to.deep.equal({ results: [true, false], returned: FUNDED, credited: 0n });
      expect(await raced("promote")).to.deep.equal({
        results: [true, true],
        returned: FUNDED - BOUNTY,
        credited: BOUNTY,
      });
    });
  });
});
