import { expect } from "chai";
import { network } from "hardhat";

import { cidN, TOKENS } from "../fixtures/constants.js";
import {
  BOUNTY,
  candidateCid,
  FUNDED,
  K,
  NO_PARENT,
  promotionFixture,
  publishParams,
  Status,
  type PromotionEnv,
} from "./fixture.js";

// The rule a binding fixes, edge by edge: who leads, how the streak counts, what restarts it, and what a promotion
// names as parent and credits; then every error of IPromotion with its arguments.

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

const bound = () => promotionFixture(connection);
const unbound = () => promotionFixture(connection, { bind: false });
/** A full subnet (the validator and four miners) whose pool is empty: every emission is 0, so pruning takes the oldest. */
const full = () => promotionFixture(connection, { subnet: { maxUids: 5 }, pool: 1n });
const withBondsReset = () => promotionFixture(connection, { subnet: { bondsReset: true } });

const leaderOf = async (f: PromotionEnv) => {
  const l = await f.subnets.leaderOf(f.netuid);
  return { exists: l.exists, uid: l.uid, streak: l.streak, candidateAt: l.candidatePublishedAt };
};
const publishedAt = async (f: PromotionEnv, uid: number) => (await f.subnets.candidateOf(f.netuid, uid)).publishedAt;
const expectStatus = async (f: PromotionEnv, status: Status) =>
  expect((await f.promotion.check(f.netuid)).status).to.equal(status);

describe("Promotion: the rule", function () {
  describe("the leader", function () {
    it("is none while every incentive is zero: promote is refused with PromotionNoLeader", async function () {
      const f = await loadFixture(bound);
      await f.epoch();
      expect((await leaderOf(f)).exists).to.equal(false);
      await expectStatus(f, Status.NoLeader);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNoLeader")
        .withArgs(f.netuid);
    });

    it("goes to the lower UID on a tie", async function () {
      const f = await loadFixture(bound);
      await f.weigh([2, 3], [1, 1]);
      await f.epoch();
      const [, , two, three] = await f.subnets.neurons(f.netuid, 0n, 4n);
      expect(two.incentive).to.equal(three.incentive);
      expect(await leaderOf(f)).to.deep.include({ exists: true, uid: 2n, streak: 1n });
      // The tie holds K epochs: the lower UID is promoted.
      await f.epochs(K - 1n);
      await f.promotion.promote(f.netuid);
      expect((await f.registry.latestVersion(f.model)).weightsCid).to.equal(candidateCid(2));
    });

    it("overtaken after K-1 epochs: the new leader's streak starts at 1, promote is refused", async function () {
      const f = await loadFixture(bound);
      await f.leadFor(1, K - 1n);
      expect(await leaderOf(f)).to.deep.include({ uid: 1n, streak: K - 1n });
      await f.leadFor(2, 1);
      expect(await leaderOf(f)).to.deep.include({ uid: 2n, streak: 1n });
      await expectStatus(f, Status.StreakTooShort);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionStreakTooShort")
        .withArgs(f.netuid, 2n, 1n, K);
      // The first leader leading again starts over too.
      await f.leadFor(1, 1);
      expect(await leaderOf(f)).to.deep.include({ uid: 1n, streak: 1n });
    });
  });

  describe("a candidate changed", function () {
    it("between epochs, mid-count: the streak restarts, from the first epoch whose tempo began after it", async function () {
      const f = await loadFixture(bound);
      await f.leadFor(1, K - 1n);
      await f.publish(1, cidN(200));
      // The epoch ending the tempo it was published in does not count it.
      await f.epoch();
      expect(await leaderOf(f)).to.deep.include({ uid: 1n, streak: 0n, candidateAt: await publishedAt(f, 1) });
      await f.epoch();
      expect(await leaderOf(f)).to.deep.include({ uid: 1n, streak: 1n });
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionStreakTooShort")
        .withArgs(f.netuid, 1n, 1n, K);
    });

    it("during a running epoch: neither that epoch nor the next (whose tempo began before it) counts", async function () {
      const f = await loadFixture(bound);
      await f.leadFor(1, K - 1n);
      await f.startEpoch();
      await f.publish(1, cidN(200));
      await f.finishEpoch();
      const at = await publishedAt(f, 1);
      expect(await leaderOf(f)).to.deep.include({ uid: 1n, streak: 0n, candidateAt: at });
      await expectStatus(f, Status.StreakTooShort);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionStreakTooShort")
        .withArgs(f.netuid, 1n, 0n, K);
      await f.epoch();
      expect(await leaderOf(f)).to.deep.include({ uid: 1n, streak: 0n, candidateAt: at });
      await f.epochs(K);
      expect(await leaderOf(f)).to.deep.include({ uid: 1n, streak: K, candidateAt: at });
      await f.promotion.promote(f.netuid);
      expect((await f.registry.latestVersion(f.model)).weightsCid).to.equal(cidN(200));
    });

    it("after the streak was reached: PromotionCandidateChanged, with the scored and the new block", async function () {
      const f = await loadFixture(bound);
      await f.leadFor(1, K);
      const scoredAt = await publishedAt(f, 1);
      await f.publish(1, cidN(200));
      await expectStatus(f, Status.CandidateChanged);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionCandidateChanged")
        .withArgs(f.netuid, 1n, scoredAt, await publishedAt(f, 1));
    });

    it("on a bondsReset subnet, publishing during a running epoch is refused and the count goes on", async function () {
      const f = await loadFixture(withBondsReset);
      await f.leadFor(1, K - 1n);
      const at = await publishedAt(f, 1);
      await f.startEpoch();
      await expect(f.publish(1, cidN(200)))
        .to.be.revertedWithCustomError(f.subnets, "SubnetEpochRunning")
        .withArgs(f.netuid);
      await f.finishEpoch();
      expect(await leaderOf(f)).to.deep.include({ uid: 1n, streak: K, candidateAt: at });
      expect((await f.subnets.candidateOf(f.netuid, 1)).weightsCid).to.equal(candidateCid(1));
      // Published between epochs, it restarts the count as anywhere else.
      await f.publish(1, cidN(200));
      await f.epochs(2);
      expect(await leaderOf(f)).to.deep.include({ uid: 1n, streak: 1n, candidateAt: await publishedAt(f, 1) });
    });
  });

  describe("a pruned UID", function () {
    it("loses its candidate: PromotionNoCandidate, then PromotionCandidateChanged once its successor publishes", async function () {
      const f = await loadFixture(full);
      await f.leadFor(1, K);
      await expectStatus(f, Status.Ready);
      const scoredAt = await publishedAt(f, 1);
      // Every emission is 0: the oldest UIDs go first, the validator's (0), then the leader's (1).
      const [, , newcomerA, newcomerB] = f.signers.slice(15, 19);
      for (const n of [newcomerA, newcomerB])
        await f.subnets.connect(n).register(f.netuid, n.address, n.address, ethers.MaxUint256);
      expect(await f.subnets.uidOf(f.netuid, newcomerB.address)).to.deep.equal([true, 1n]);
      expect(await publishedAt(f, 1)).to.equal(0n);
      await expectStatus(f, Status.NoCandidate);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNoCandidate")
        .withArgs(f.netuid, 1n);
      await f.subnets.connect(newcomerB).publishCandidate(f.netuid, cidN(300), "0x");
      await expectStatus(f, Status.CandidateChanged);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionCandidateChanged")
        .withArgs(f.netuid, 1n, scoredAt, await publishedAt(f, 1));
    });
  });

  describe("a revoked binding", function () {
    it("refuses promote with PromotionNotBound, returns the escrow, and leaves credited bounties claimable", async function () {
      const f = await loadFixture(bound);
      await f.leadFor(1, K);
      await f.promotion.promote(f.netuid);
      const [coldkey] = f.coldkeys;
      expect(await f.promotion.bountyOf(coldkey.address, f.bountyToken.target)).to.equal(BOUNTY);
      const revoke = f.promotion.connect(f.team).revoke(f.netuid);
      await expect(revoke)
        .to.emit(f.promotion, "PromotionRevoked")
        .withArgs(f.netuid, f.model, f.team.address, FUNDED - BOUNTY);
      await expect(revoke).to.changeTokenBalances(
        ethers,
        f.bountyToken,
        [f.team, f.promotion],
        [FUNDED - BOUNTY, -(FUNDED - BOUNTY)],
      );
      expect((await f.promotion.bindingOf(f.netuid)).model).to.equal(0n);
      await expectStatus(f, Status.NotBound);
      await f.epoch();
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNotBound")
        .withArgs(f.netuid);
      await expect(
        f.promotion.connect(coldkey).claimBounty(f.bountyToken.target, coldkey.address),
      ).to.changeTokenBalances(ethers, f.bountyToken, [coldkey, f.promotion], [BOUNTY, -BOUNTY]);
      expect(await f.bountyToken.balanceOf(f.promotion.target)).to.equal(0n);
    });
  });

  describe("the parent", function () {
    it("a deprecated declared parent: PromotionParentDeprecated until it is withdrawn or lifted", async function () {
      const f = await loadFixture(bound);
      await f.promotion.connect(f.miners[0]).declareParent(f.netuid, { model: f.model, index: 0n });
      await f.registry.connect(f.team).deprecate(f.model, 0n, "superseded");
      await f.leadFor(1, K);
      await expectStatus(f, Status.ParentDeprecated);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionParentDeprecated")
        .withArgs(f.model, 0n);
      await f.registry.connect(f.team).undeprecate(f.model, 0n);
      await expectStatus(f, Status.Ready);
      await f.registry.connect(f.team).deprecate(f.model, 0n, "superseded");
      // Withdrawn, there is no parent: v1.0.0, the only version, is deprecated.
      await f.promotion.connect(f.miners[0]).declareParent(f.netuid, NO_PARENT);
      const c = await f.promotion.check(f.netuid);
      expect([c.status, c.parent.model, c.parentDeclared]).to.deep.equal([BigInt(Status.Ready), 0n, false]);
      await f.promotion.promote(f.netuid);
      expect((await f.registry.getVersion(f.model, 1n)).hasParent).to.equal(false);
    });

    it("a deprecated latest version: the parent is the latest live one, none when no version is live", async function () {
      const f = await loadFixture(bound);
      await f.registry.connect(f.team).publish(f.model, publishParams(cidN(2), "v1.1.0"));
      await f.registry.connect(f.team).deprecate(f.model, 1n, "regression");
      await f.leadFor(1, K);
      let c = await f.promotion.check(f.netuid);
      expect([c.parent.model, c.parent.index, c.parentDeclared]).to.deep.equal([f.model, 0n, false]);
      await f.promotion.promote(f.netuid);
      let v = await f.registry.getVersion(f.model, 2n);
      expect([v.hasParent, v.parent.model, v.parent.index]).to.deep.equal([true, f.model, 0n]);
      // Every version deprecated: the next promotion names no parent.
      for (const i of [0n, 2n]) await f.registry.connect(f.team).deprecate(f.model, i, "regression");
      await f.leadFor(2, K);
      c = await f.promotion.check(f.netuid);
      expect([c.status, c.parent.model]).to.deep.equal([BigInt(Status.Ready), 0n]);
      await f.promotion.promote(f.netuid);
      v = await f.registry.getVersion(f.model, 3n);
      expect(v.hasParent).to.equal(false);
    });
  });

  describe("a promotion repeated", function () {
    it("is refused with PromotionAlreadyPromoted, epochs later and when the same weights are published again", async function () {
      const f = await loadFixture(bound);
      await f.leadFor(1, K);
      await f.promotion.promote(f.netuid);
      const refused = async () => {
        await expectStatus(f, Status.AlreadyPromoted);
        await expect(f.promotion.promote(f.netuid))
          .to.be.revertedWithCustomError(f.promotion, "PromotionAlreadyPromoted")
          .withArgs(f.model, candidateCid(1));
      };
      await refused();
      await f.epoch();
      await refused();
      // The same weights as a new candidate, by the same miner and by another.
      await f.publish(1, candidateCid(1));
      await f.epochs(K + 1n);
      await refused();
      await f.publish(2, candidateCid(1));
      await f.leadFor(2, K + 1n);
      await refused();
      expect((await f.registry.getModel(f.model)).versionCount).to.equal(2n);
    });
  });

  describe("the bounty", function () {
    it("credits what the escrow holds and never more: 100, 100, 50, then 0 of 100", async function () {
      const f = await loadFixture(bound);
      const credited: bigint[] = [];
      for (const uid of [1, 2, 3, 4]) {
        await f.leadFor(uid, K);
        const due = (await f.promotion.check(f.netuid)).bounty;
        await expect(f.promotion.promote(f.netuid))
          .to.emit(f.promotion, "BountyCredited")
          .withArgs(f.netuid, f.coldkeys[uid - 1].address, f.bountyToken.target, due, BOUNTY);
        credited.push(await f.promotion.bountyOf(f.coldkeys[uid - 1].address, f.bountyToken.target));
        const { balance, owed } = await f.owed();
        expect(balance).to.equal(owed);
      }
      expect(credited).to.deep.equal([BOUNTY, BOUNTY, FUNDED - 2n * BOUNTY, 0n]);
      expect((await f.promotion.bindingOf(f.netuid)).escrow).to.equal(0n);
      expect(await f.bountyToken.balanceOf(f.promotion.target)).to.equal(FUNDED);
    });
  });

  describe("every error, with its arguments", function () {
    it("bind: not the owner, another model, not a publisher, bad streaks, bad prefixes, no token, bound already", async function () {
      const f = await loadFixture(unbound);
      const p = (over: object = {}) => ({
        model: f.model,
        minStreak: K,
        bountyToken: f.bountyToken.target as string,
        bounty: BOUNTY,
        tagPrefix: "",
        ...over,
      });
      const bind = (over: object = {}, by = f.team) => f.promotion.connect(by).bind(f.netuid, p(over));
      await expect(bind({}, f.stranger))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNotModelOwner")
        .withArgs(f.model, f.stranger.address);
      await f.registry.connect(f.team).register("other-model", cidN(8), "MIT");
      const other = await f.registry.modelCount();
      await expect(bind({ model: other }))
        .to.be.revertedWithCustomError(f.promotion, "PromotionModelMismatch")
        .withArgs(f.netuid, f.model, other);
      await expect(bind()).to.be.revertedWithCustomError(f.promotion, "PromotionNotPublisher").withArgs(f.model);
      await f.registry.connect(f.team).setPublisher(f.model, f.promotion.target, true);
      const max = await f.promotion.MAX_STREAK();
      for (const minStreak of [0n, max + 1n]) {
        await expect(bind({ minStreak }))
          .to.be.revertedWithCustomError(f.promotion, "PromotionInvalidStreak")
          .withArgs(minStreak, max);
      }
      for (const tagPrefix of ["sn 1-", "sn/1-", "x".repeat(17), "é"]) {
        await expect(bind({ tagPrefix }))
          .to.be.revertedWithCustomError(f.promotion, "PromotionInvalidTagPrefix")
          .withArgs(tagPrefix);
      }
      await expect(bind({ bountyToken: ethers.ZeroAddress })).to.be.revertedWithCustomError(
        f.promotion,
        "PromotionNoBountyToken",
      );
      // The bounds themselves pass.
      await bind({ minStreak: max, tagPrefix: "x".repeat(16) });
      await expect(bind())
        .to.be.revertedWithCustomError(f.promotion, "PromotionAlreadyBound")
        .withArgs(f.netuid, f.model);
      await expect(f.promotion.connect(f.stranger).revoke(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNotModelOwner")
        .withArgs(f.model, f.stranger.address);
    });

    it("fund: unbound, zero, no token, an escrow past 128 bits", async function () {
      const f = await loadFixture(unbound);
      await expect(f.promotion.fund(f.netuid, 1n))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNotBound")
        .withArgs(f.netuid);
      await f.bind({ bountyToken: ethers.ZeroAddress, bounty: 0n });
      await expect(f.promotion.fund(f.netuid, 0n)).to.be.revertedWithCustomError(f.promotion, "PromotionZeroAmount");
      await expect(f.promotion.fund(f.netuid, 1n)).to.be.revertedWithCustomError(f.promotion, "PromotionNoBountyToken");
      await f.promotion.connect(f.team).revoke(f.netuid);
      await f.bind();
      await f.promotion.connect(f.team).fund(f.netuid, FUNDED);
      const huge = 2n ** 128n;
      await f.bountyToken.mint(f.funder.address, huge);
      await expect(f.promotion.connect(f.funder).fund(f.netuid, huge))
        .to.be.revertedWithCustomError(f.promotion, "PromotionEscrowTooLarge")
        .withArgs(huge + FUNDED);
      await expect(f.promotion.connect(f.funder).fund(f.netuid, huge - 1n - FUNDED))
        .to.emit(f.promotion, "BountyFunded")
        .withArgs(f.netuid, f.funder.address, huge - 1n - FUNDED);
    });

    it("revoke and promote: unbound", async function () {
      const f = await loadFixture(unbound);
      await expect(f.promotion.connect(f.team).revoke(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNotBound")
        .withArgs(f.netuid);
      await f.leadFor(1, K);
      await expectStatus(f, Status.NotBound);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNotBound")
        .withArgs(f.netuid);
    });

    it("declareParent: unregistered, without a candidate, an unknown version", async function () {
      const f = await loadFixture(bound);
      const parent = { model: f.model, index: 0n };
      await expect(f.promotion.connect(f.stranger).declareParent(f.netuid, parent))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNotRegistered")
        .withArgs(f.netuid, f.stranger.address);
      // The validator (UID 0) published no candidate.
      await expect(f.promotion.connect(f.validator).declareParent(f.netuid, parent))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNoCandidate")
        .withArgs(f.netuid, 0n);
      await expect(f.promotion.connect(f.miners[0]).declareParent(f.netuid, { model: f.model, index: 5n }))
        .to.be.revertedWithCustomError(f.registry, "RegistryUnknownVersion")
        .withArgs(f.model, 5n, 1n);
      await expect(f.promotion.connect(f.miners[0]).declareParent(f.netuid, { model: 99n, index: 0n }))
        .to.be.revertedWithCustomError(f.registry, "RegistryUnknownModel")
        .withArgs(99n);
    });

    it("claimBounty: nothing to claim, to the zero address or to Promotion itself", async function () {
      const f = await loadFixture(bound);
      await expect(f.promotion.connect(f.stranger).claimBounty(f.bountyToken.target, f.stranger.address))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNothingToClaim")
        .withArgs(f.stranger.address, f.bountyToken.target);
      for (const to of [ethers.ZeroAddress, f.promotion.target]) {
        await expect(f.promotion.connect(f.coldkeys[0]).claimBounty(f.bountyToken.target, to))
          .to.be.revertedWithCustomError(f.promotion, "PromotionInvalidRecipient")
          .withArgs(to);
      }
      // Paid once: the second claim finds nothing.
      await f.leadFor(1, K);
      await f.promotion.promote(f.netuid);
      const [coldkey] = f.coldkeys;
      await expect(f.promotion.connect(coldkey).claimBounty(f.bountyToken.target, f.funder.address))
        .to.emit(f.promotion, "BountyClaimed")
        .withArgs(coldkey.address, f.bountyToken.target, f.funder.address, BOUNTY);
      await expect(f.promotion.connect(coldkey).claimBounty(f.bountyToken.target, coldkey.address))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNothingToClaim")
        .withArgs(coldkey.address, f.bountyToken.target);
      expect(TOKENS(1_000_000) + BOUNTY).to.equal(await f.bountyToken.balanceOf(f.funder.address));
    });
  });
});
