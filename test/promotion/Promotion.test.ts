import { expect } from "chai";
import { network } from "hardhat";

import type { FeeOnTransferToken } from "../../types/typechain/index.js";
import { cidN, DAY, TOKENS, Vote } from "../fixtures/constants.js";
import { proposalOf } from "../fixtures/governance.js";
import { deployLaunched, saleStart } from "../fixtures/launch.js";
import {
  BOUNTY,
  bindingParams,
  candidateCid,
  FUNDED,
  K,
  promotionFixture,
  publishParams,
  Status,
  type PromotionEnv,
} from "./fixture.js";

// What a promotion publishes and records: the version (weights, tag, parent, publisher), its contributor, the
// events, the `check` view agreeing with `promote`, a bounty token that charges a fee, a binding made by a model's
// DAO, and a binding that lapses when the subnet changes hands.

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const bound = () => promotionFixture(connection);
const unbound = () => promotionFixture(connection, { bind: false });

/** The version promote would publish now: index, weights, tag, parent, bounty, as `check` names them. */
const expected = async (f: PromotionEnv) => {
  const c = await f.promotion.check(f.netuid);
  expect(c.status).to.equal(Status.Ready);
  return c;
};

describe("Promotion", function () {
  describe("the published version", function () {
    it("has the candidate's weights, the tag sn<netuid>-e<epoch>, the latest live version as parent, Promotion as publisher", async function () {
      const f = await loadFixture(bound);
      await f.leadFor(2, K);
      const c = await expected(f);
      const epoch = (await f.subnets.subnet(f.netuid)).epochNumber;
      expect(c.tag).to.equal(`sn${f.netuid}-e${epoch}`);
      const index = await f.promotion.promote.staticCall(f.netuid);
      await f.promotion.connect(f.stranger).promote(f.netuid);
      expect(index).to.equal(1n);
      const v = await f.registry.getVersion(f.model, index);
      expect(v.weightsCid).to.equal(candidateCid(2));
      expect(v.tag).to.equal(c.tag);
      expect([v.hasParent, v.parent.model, v.parent.index]).to.deep.equal([true, f.model, 0n]);
      expect(v.publisher).to.equal(f.promotion.target);
      expect(v.configCid).to.equal("0x");
      expect((await f.registry.latestVersion(f.model)).index).to.equal(index);
      // The next promotion names this one as its parent.
      await f.leadFor(3, K);
      await f.promotion.promote(f.netuid);
      expect((await f.registry.getVersion(f.model, 2n)).parent.index).to.equal(1n);
      const binding = await f.promotion.bindingOf(f.netuid);
      expect(binding.promotions).to.equal(2n);
    });

    it("takes the binding's prefix: <prefix><epoch>", async function () {
      const f = await loadFixture(unbound);
      await f.bind({ tagPrefix: "fl68-sn.e_" });
      expect((await f.promotion.bindingOf(f.netuid)).tagPrefix).to.equal("fl68-sn.e_");
      await f.leadFor(1, K);
      await f.promotion.promote(f.netuid);
      const epoch = (await f.subnets.subnet(f.netuid)).epochNumber;
      expect((await f.registry.getVersion(f.model, 1n)).tag).to.equal(`fl68-sn.e_${epoch}`);
    });

    it("names the declared parent, a version of another model: the registry's lineage crosses models", async function () {
      const f = await loadFixture(bound);
      const [, upstreamTeam] = f.signers;
      await f.registry.connect(upstreamTeam).register("upstream-model", cidN(7), "Apache-2.0");
      const upstream = await f.registry.modelCount();
      await f.registry.connect(upstreamTeam).publish(upstream, publishParams(cidN(70), "v0.1.0"));
      await f.registry
        .connect(upstreamTeam)
        .publish(upstream, publishParams(cidN(71), "v0.2.0", { model: upstream, index: 0n }));
      const candidateAt = (await f.subnets.candidateOf(f.netuid, 3)).publishedAt;
      await expect(f.promotion.connect(f.miners[2]).declareParent(f.netuid, { model: upstream, index: 1n }))
        .to.emit(f.promotion, "ParentDeclared")
        .withArgs(f.netuid, 3n, upstream, 1n, candidateAt);
      const [declared, parent] = await f.promotion.declaredParentOf(f.netuid, 3);
      expect([declared, parent.model, parent.index]).to.deep.equal([true, upstream, 1n]);
      await f.leadFor(3, K);
      const c = await expected(f);
      expect([c.parent.model, c.parent.index, c.parentDeclared]).to.deep.equal([upstream, 1n, true]);
      await f.promotion.promote(f.netuid);
      const lineage = await f.registry.lineage(f.model, 1n, 10n);
      expect(lineage.map((r) => [r.model, r.index])).to.deep.equal([
        [upstream, 1n],
        [upstream, 0n],
      ]);
    });

    it("drops a declaration when the miner publishes a new candidate; model 0 withdraws it", async function () {
      const f = await loadFixture(bound);
      const declare = (model: bigint) => f.promotion.connect(f.miners[0]).declareParent(f.netuid, { model, index: 0n });
      await declare(f.model);
      await f.publish(1, cidN(200));
      expect((await f.promotion.declaredParentOf(f.netuid, 1))[0]).to.equal(false);
      await declare(f.model);
      expect((await f.promotion.declaredParentOf(f.netuid, 1))[0]).to.equal(true);
      await expect(declare(0n))
        .to.emit(f.promotion, "ParentDeclared")
        .withArgs(f.netuid, 1n, 0n, 0n, (await f.subnets.candidateOf(f.netuid, 1)).publishedAt);
      expect((await f.promotion.declaredParentOf(f.netuid, 1))[0]).to.equal(false);
    });
  });

  describe("the contribution and the events", function () {
    it("records hotkey, coldkey, netuid, UID and epoch, and emits CandidatePromoted and BountyCredited", async function () {
      const f = await loadFixture(bound);
      await f.leadFor(4, K);
      const c = await expected(f);
      const [hotkey, coldkey] = [f.miners[3].address, f.coldkeys[3].address];
      expect([c.uid, c.streak, c.minStreak, c.hotkey, c.coldkey, c.weightsCid, c.bounty]).to.deep.equal([
        4n,
        K,
        K,
        hotkey,
        coldkey,
        candidateCid(4),
        BOUNTY,
      ]);
      const promote = f.promotion.promote(f.netuid);
      await expect(promote)
        .to.emit(f.promotion, "CandidatePromoted")
        .withArgs(f.netuid, f.model, 1n, 4n, hotkey, coldkey, c.epoch, K, c.tag);
      await expect(promote)
        .to.emit(f.promotion, "BountyCredited")
        .withArgs(f.netuid, coldkey, f.bountyToken.target, BOUNTY, BOUNTY);
      await expect(promote)
        .to.emit(f.registry, "VersionPublished")
        .withArgs(f.model, 1n, f.promotion.target, (p: unknown) => p !== undefined);
      const [promoted, contribution] = await f.promotion.contributionOf(f.model, 1n);
      expect(promoted).to.equal(true);
      expect([
        contribution.hotkey,
        contribution.coldkey,
        contribution.netuid,
        contribution.uid,
        contribution.epoch,
      ]).to.deep.equal([hotkey, coldkey, f.netuid, 4n, c.epoch]);
      // Versions the team published have none; versions that do not exist are the registry's errors.
      expect((await f.promotion.contributionOf(f.model, 0n))[0]).to.equal(false);
      await expect(f.promotion.contributionOf(f.model, 7n))
        .to.be.revertedWithCustomError(f.registry, "RegistryUnknownVersion")
        .withArgs(f.model, 7n, 2n);
      await expect(f.promotion.contributionOf(2n ** 64n + f.model, 1n)).to.be.revertedWithCustomError(
        f.registry,
        "RegistryUnknownModel",
      );
    });

    it("emits PromotionBound, BountyFunded, PromotionRevoked and BountyClaimed with their arguments", async function () {
      const f = await loadFixture(unbound);
      await f.registry.connect(f.team).setPublisher(f.model, f.promotion.target, true);
      const bind = f.promotion
        .connect(f.team)
        .bind(f.netuid, bindingParams(f.model, f.bountyToken.target as string, { minStreak: 2n }));
      await expect(bind)
        .to.emit(f.promotion, "PromotionBound")
        .withArgs(
          f.netuid,
          f.model,
          f.team.address,
          f.subnetOwner.address,
          2n,
          f.bountyToken.target,
          BOUNTY,
          `sn${f.netuid}-e`,
        );
      const b = await f.promotion.bindingOf(f.netuid);
      expect([b.model, b.subnetOwner, b.minStreak, b.bountyToken, b.bounty, b.escrow, b.promotions]).to.deep.equal([
        f.model,
        f.subnetOwner.address,
        2n,
        f.bountyToken.target,
        BOUNTY,
        0n,
        0n,
      ]);
      expect(b.boundAt).to.equal(BigInt((await (await bind).wait())!.blockNumber));
      // Anyone may fund.
      const fund = f.promotion.connect(f.funder).fund(f.netuid, FUNDED);
      await expect(fund).to.emit(f.promotion, "BountyFunded").withArgs(f.netuid, f.funder.address, FUNDED);
      await expect(fund).to.changeTokenBalances(ethers, f.bountyToken, [f.funder, f.promotion], [-FUNDED, FUNDED]);
      await f.leadFor(1, 2);
      await f.promotion.promote(f.netuid);
      const [coldkey] = f.coldkeys;
      const claim = f.promotion.connect(coldkey).claimBounty(f.bountyToken.target, f.stranger.address);
      await expect(claim)
        .to.emit(f.promotion, "BountyClaimed")
        .withArgs(coldkey.address, f.bountyToken.target, f.stranger.address, BOUNTY);
      await expect(claim).to.changeTokenBalances(ethers, f.bountyToken, [f.stranger, f.promotion], [BOUNTY, -BOUNTY]);
      // The escrow left goes to the model's owner, whoever funded it.
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
    });

    it("credits no bounty and emits no BountyCredited for a binding without one", async function () {
      const f = await loadFixture(unbound);
      await f.bind({ bountyToken: ethers.ZeroAddress, bounty: 0n });
      await f.leadFor(1, K);
      expect((await expected(f)).bounty).to.equal(0n);
      await expect(f.promotion.promote(f.netuid)).not.to.emit(f.promotion, "BountyCredited");
    });
  });

  describe("check", function () {
    /** Each status, reached from the bound fixture, and the error promote reverts with then. */
    // The last two are the registry's own checks of a publish: promote reverts with the registry's error.
    const cases: [Status, string, (f: PromotionEnv) => Promise<unknown>, "registry"?][] = [
      [Status.NotBound, "PromotionNotBound", (f) => f.promotion.connect(f.team).revoke(f.netuid)],
      [
        Status.SubnetOwnerChanged,
        "PromotionSubnetOwnerChanged",
        async (f) => {
          await f.subnets.connect(f.subnetOwner).transferSubnetOwnership(f.netuid, f.stranger.address);
          await f.subnets.connect(f.stranger).acceptSubnetOwnership(f.netuid);
        },
      ],
      [Status.NoLeader, "PromotionNoLeader", (f) => f.weigh([0], [1]).then(() => f.epoch())],
      [Status.CandidateChanged, "PromotionCandidateChanged", (f) => f.publish(1, cidN(200))],
      [Status.StreakTooShort, "PromotionStreakTooShort", (f) => f.leadFor(2, 1)],
      [Status.AlreadyPromoted, "PromotionAlreadyPromoted", (f) => f.promotion.promote(f.netuid)],
      [
        Status.ParentDeprecated,
        "PromotionParentDeprecated",
        async (f) => {
          await f.promotion.connect(f.miners[0]).declareParent(f.netuid, { model: f.model, index: 0n });
          await f.registry.connect(f.team).deprecate(f.model, 0n, "superseded");
        },
      ],
      [
        Status.NotPublisher,
        "RegistryNotPublisher",
        (f) => f.registry.connect(f.team).setPublisher(f.model, f.promotion.target, false),
        "registry",
      ],
      [
        Status.TagTaken,
        "RegistryTagTaken",
        async (f) => {
          // The team publishes, by hand, the tag the promotion would take.
          const { tag } = await f.promotion.check(f.netuid);
          await f.registry.connect(f.team).publish(f.model, publishParams(cidN(300), tag));
        },
        "registry",
      ],
    ];

    async function readyFixture() {
      const f = await promotionFixture(connection);
      await f.leadFor(1, K);
      return f;
    }

    for (const [status, error, reach, by] of cases) {
      it(`says ${Status[status]} exactly when promote reverts with ${error}`, async function () {
        const f = await loadFixture(readyFixture);
        await reach(f);
        expect((await f.promotion.check(f.netuid)).status).to.equal(status);
        await expect(f.promotion.promote(f.netuid)).to.be.revertedWithCustomError(
          by === "registry" ? f.registry : f.promotion,
          error,
        );
      });
    }

    it("says NoCandidate exactly when promote reverts with PromotionNoCandidate", async function () {
      // A newcomer (UID 5) that has published nothing leads.
      const f = await loadFixture(bound);
      await f.subnets.connect(f.funder).register(f.netuid, f.funder.address, f.funder.address, ethers.MaxUint256);
      await f.leadFor(5, K);
      const leader = await f.subnets.leaderOf(f.netuid);
      expect([leader.uid, leader.streak, leader.candidatePublishedAt]).to.deep.equal([5n, 0n, 0n]);
      expect((await f.promotion.check(f.netuid)).status).to.equal(Status.NoCandidate);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionNoCandidate")
        .withArgs(f.netuid, 5n);
    });

    it("says Ready with what promote then publishes and credits", async function () {
      const f = await loadFixture(readyFixture);
      const c = await expected(f);
      await f.promotion.promote(f.netuid);
      const v = await f.registry.getVersion(f.model, 1n);
      expect([v.weightsCid, v.tag, v.parent.model, v.parent.index]).to.deep.equal([
        c.weightsCid,
        c.tag,
        c.parent.model,
        c.parent.index,
      ]);
      expect(await f.promotion.bountyOf(c.coldkey, f.bountyToken.target)).to.equal(c.bounty);
    });
  });

  describe("a bounty token that charges a fee on transfer", function () {
    it("escrows only what arrived, and credits from that", async function () {
      const f = await loadFixture(unbound);
      const fee = (await ethers.deployContract("FeeOnTransferToken", [100n])) as unknown as FeeOnTransferToken;
      await fee.mint(f.team.address, TOKENS(1_000));
      await fee.connect(f.team).approve(f.promotion.target, ethers.MaxUint256);
      await f.bind({ bountyToken: fee.target as string, bounty: TOKENS(150) });
      const received = await f.promotion.connect(f.team).fund.staticCall(f.netuid, TOKENS(200));
      expect(received).to.equal(TOKENS(198));
      await expect(f.promotion.connect(f.team).fund(f.netuid, TOKENS(200)))
        .to.emit(f.promotion, "BountyFunded")
        .withArgs(f.netuid, f.team.address, TOKENS(198));
      expect((await f.promotion.bindingOf(f.netuid)).escrow).to.equal(TOKENS(198));
      for (const uid of [1, 2]) {
        await f.leadFor(uid, K);
        await f.promotion.promote(f.netuid);
      }
      const [a, b] = f.coldkeys;
      expect(await f.promotion.bountyOf(a.address, fee.target)).to.equal(TOKENS(150));
      expect(await f.promotion.bountyOf(b.address, fee.target)).to.equal(TOKENS(48));
      expect(await fee.balanceOf(f.promotion.target)).to.equal(TOKENS(198));
      await f.promotion.connect(a).claimBounty(fee.target, a.address);
      await f.promotion.connect(b).claimBounty(fee.target, b.address);
      expect(await fee.balanceOf(f.promotion.target)).to.equal(0n);
    });
  });

  describe("a binding made by a model's DAO", function () {
    it("passes a proposal: setPublisher, bind, approve and fund from the treasury", async function () {
      const [team, lp] = await ethers.getSigners();
      const l = await deployLaunched(connection, {
        team,
        registration: { slug: "dao-model" },
        launch: async () => ({
          start: await saleStart(connection),
          liquidityAmount: TOKENS(400_000),
          liquidityRecipient: lp.address,
        }),
      });
      const model = 1n;
      expect(await l.registry.ownerOf(model)).to.equal(l.timelock.target);
      const f = await promotionFixture(connection, { protocol: l, model, bind: false });
      await l.token.connect(lp).delegate(lp.address);
      await time.increaseTo(BigInt(l.params.sale.end));

      const escrow = TOKENS(5_000);
      const params = bindingParams(model, l.token.target as string, { minStreak: 2n, bounty: TOKENS(1_000) });
      const p = proposalOf(
        [
          {
            target: l.registry.target as string,
            data: l.registry.interface.encodeFunctionData("setPublisher", [model, f.promotion.target, true]),
          },
          {
            target: f.promotion.target as string,
            data: f.promotion.interface.encodeFunctionData("bind", [f.netuid, params]),
          },
          {
            target: l.token.target as string,
            data: l.token.interface.encodeFunctionData("approve", [f.promotion.target, escrow]),
          },
          {
            target: f.promotion.target as string,
            data: f.promotion.interface.encodeFunctionData("fund", [f.netuid, escrow]),
          },
        ],
        "Bind the subnet and fund its bounty",
      );
      await l.governor.connect(lp).propose(p.targets, p.values, p.calldatas, p.description);
      const id = await l.governor.getProposalId(p.targets, p.values, p.calldatas, p.descriptionHash);
      await time.increaseTo((await l.governor.proposalSnapshot(id)) + 1n);
      await l.governor.connect(lp).castVote(id, Vote.For);
      await time.increaseTo((await l.governor.proposalDeadline(id)) + 1n);
      await l.governor.queue(p.targets, p.values, p.calldatas, p.descriptionHash);
      await time.increase(2 * DAY + 1);
      const execute = l.governor.connect(f.stranger).execute(p.targets, p.values, p.calldatas, p.descriptionHash);
      await expect(execute)
        .to.emit(f.promotion, "PromotionBound")
        .withArgs(
          f.netuid,
          model,
          l.timelock.target,
          f.subnetOwner.address,
          2n,
          l.token.target,
          TOKENS(1_000),
          `sn${f.netuid}-e`,
        );
      await expect(execute).to.emit(f.promotion, "BountyFunded").withArgs(f.netuid, l.timelock.target, escrow);
      const b = await f.promotion.bindingOf(f.netuid);
      expect([b.model, b.escrow]).to.deep.equal([model, escrow]);
      // The escrow is in the model's own token, which pays revenue Promotion could never claim: the binding declined
      // it before the escrow arrived (else every deposit would strand the escrow's share in Promotion).
      expect(await l.token.isExcluded(f.promotion.target)).to.equal(true);
      expect(await l.token.excludedBySelf(f.promotion.target)).to.equal(true);

      await f.leadFor(1, 2);
      await f.promotion.promote(f.netuid);
      expect((await f.registry.getVersion(model, 0n)).weightsCid).to.equal(candidateCid(1));
      expect(await f.promotion.bountyOf(f.coldkeys[0].address, l.token.target)).to.equal(TOKENS(1_000));
    });
  });

  describe("when the subnet changes owner", function () {
    it("suspends the binding until the model's owner revokes it and binds again", async function () {
      const f = await loadFixture(bound);
      await f.leadFor(1, K);
      const [newOwner] = [f.stranger];
      await f.subnets.connect(f.subnetOwner).transferSubnetOwnership(f.netuid, newOwner.address);
      // Still the old owner while the transfer is pending.
      expect((await f.promotion.check(f.netuid)).status).to.equal(Status.Ready);
      await f.subnets.connect(newOwner).acceptSubnetOwnership(f.netuid);
      expect((await f.promotion.check(f.netuid)).status).to.equal(Status.SubnetOwnerChanged);
      await expect(f.promotion.promote(f.netuid))
        .to.be.revertedWithCustomError(f.promotion, "PromotionSubnetOwnerChanged")
        .withArgs(f.netuid, f.subnetOwner.address, newOwner.address);
      // Funds stay put meanwhile: the escrow is the model owner's to take back.
      expect((await f.promotion.bindingOf(f.netuid)).escrow).to.equal(FUNDED);
      await f.promotion.connect(f.team).revoke(f.netuid);
      await f.bind();
      expect((await f.promotion.bindingOf(f.netuid)).subnetOwner).to.equal(newOwner.address);
      await f.promotion.promote(f.netuid);
      expect((await f.registry.latestVersion(f.model)).weightsCid).to.equal(candidateCid(1));
    });
  });
});
