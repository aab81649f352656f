import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import type { Interface } from "ethers";
import { network } from "hardhat";

import {
  createClient,
  decodeRevert,
  describePromotionStatus,
  leaderUid,
  nextStreak,
  PromotionAlreadyBoundError,
  PromotionAlreadyPromotedError,
  PromotionModelMismatchError,
  PromotionNoBountyTokenError,
  PromotionNotBoundError,
  PromotionNotDeployedError,
  PromotionNotModelOwnerError,
  PromotionNotPublisherError,
  PromotionNotRegisteredError,
  PromotionNothingToClaimError,
  PromotionStreakTooShortError,
  Promotion__factory,
  type Client,
  type Deployment,
  type PromotionStatusName,
  type SdkError,
} from "../../sdk/src/index.js";
import { cidN, ONE } from "../fixtures/constants.js";
import { impersonate } from "../fixtures/launch.js";
import { SMALL_SUBNET } from "../fixtures/subnets.js";
import { emissionFixture, runEpoch } from "../emission/fixture.js";
import { expectEveryErrorNamed, failure, registerAndLaunch, registerSlug } from "./fixture.js";

// Promotion through the SDK: a subnet created for a model, its binding by the model's owner, the status of a
// promotion epoch after epoch in words, the promotion itself with its contributor and bounty, a miner's declared
// parent, bounties claimed, the binding revoked; and a model DAO's calls to authorise it, made as its timelock. The
// protocol is deployed as `deploy/` leaves it; subnets, UIDs, candidates and weights are made through the contracts.

const connection = await network.connect();
const iface: Interface = Promotion__factory.createInterface();

/** The sentence the SDK says for Promotion's custom error `name` with `args`. */
const say = (name: string, args: unknown[]): string =>
  (decodeRevert({ code: "CALL_EXCEPTION", data: iface.encodeErrorResult(name, args) }, [iface]) as SdkError)
    .shortMessage;

/** The protocol, a model with one version (v1) registered by signer 0, and a subnet for it whose UID 2 leads. */
async function promotionFixture() {
  const f = await emissionFixture(connection);
  const { registry, subnets, token, stakeToken, signers, deployment } = f;
  const team = signers[0];
  const model = await registerSlug(deployment, team, "promo-model");
  await registry.connect(team).publish(model, {
    weightsCid: cidN(1),
    configCid: "0x",
    tag: "v1",
    parent: { model: 0n, index: 0n },
    datasetCids: [],
  });
  const owner = signers[4];
  await subnets.connect(owner).createSubnet({
    stakeToken: stakeToken.target as string,
    rewardToken: token.target as string,
    model,
    metadataCid: cidN(7),
    hyperparameters: { ...SMALL_SUBNET, commitReveal: false },
  });
  const netuid = await subnets.subnetCount();
  const [validator, minerA, minerB, stranger] = signers.slice(5, 9);
  for (const h of [validator, minerA, minerB])
    await subnets.connect(h).register(netuid, h.address, h.address, connection.ethers.MaxUint256);
  await subnets.connect(validator).stake(netuid, validator.address, 1000n * ONE);
  // Candidates published before the warm-up count from the first epoch whose tempo began after them.
  await subnets.connect(minerA).publishCandidate(netuid, cidN(10), "0x");
  await subnets.connect(minerB).publishCandidate(netuid, cidN(11), "0x");
  await runEpoch(connection, subnets, netuid);
  await runEpoch(connection, subnets, netuid);
  // UID 2 (miner B) gets the larger weight: it leads every epoch from now on.
  await subnets.connect(validator).setWeights(netuid, [1, 2], [1, 3], 0n);
  const as = (signer: HardhatEthersSigner): Client => createClient({ runner: signer, deployment });
  return { ...f, team, model, owner, netuid, validator, minerA, minerB, stranger, as };
}

const load = () => connection.networkHelpers.loadFixture(promotionFixture);

describe("SDK promotion module", function () {
  it("has a named class and a sentence for every custom error of Promotion", function () {
    const names = expectEveryErrorNamed("Promotion", iface);
    expect(names).to.include.members(["PromotionStreakTooShort", "PromotionNotPublisher", "PromotionNothingToClaim"]);
  });

  it("says each error in words, naming its values", function () {
    const a = "0x000000000000000000000000000000000000dEaD";
    const sentences: [string, unknown[], string][] = [
      ["PromotionNotModelOwner", [3n, a], `${a} is not the owner of model #3`],
      ["PromotionModelMismatch", [1n, 2n, 3n], "Subnet 1 records model #2, not model #3"],
      ["PromotionNotPublisher", [3n], "Promotion is not a publisher of model #3"],
      ["PromotionInvalidStreak", [0n, 10_000n], "A streak of 0 epochs is outside the 1 to 10000"],
      ["PromotionInvalidTagPrefix", ["a b"], '"a b" is not a tag prefix'],
      ["PromotionAlreadyBound", [1n, 3n], "Subnet 1 is bound to model #3 already"],
      ["PromotionNotBound", [4n], "Subnet 4 is not bound to a model."],
      ["PromotionSubnetOwnerChanged", [1n, a, a], `Subnet 1 was bound while ${a} owned it`],
      ["PromotionNoLeader", [1n], "No completed epoch of subnet 1 had a leader"],
      ["PromotionCandidateChanged", [1n, 2n, 50n, 70n], "UID 2 of subnet 1 published a new candidate (block 70)"],
      ["PromotionStreakTooShort", [1n, 3n, 1n, 2n], "UID 3 of subnet 1 has led 1 of the 2 epochs in a row"],
      ["PromotionAlreadyPromoted", [3n, "0x1234"], "These weights (0x1234) were promoted to model #3 already."],
      ["PromotionParentDeprecated", [3n, 0n], "The declared parent, version 0 of model #3, is deprecated"],
      ["PromotionNotRegistered", [1n, a], `${a} is not a registered hotkey of subnet 1.`],
      ["PromotionNoCandidate", [1n, 2n], "UID 2 of subnet 1 has no candidate"],
      ["PromotionNothingToClaim", [a, a], `${a} has no bounty in ${a} to claim.`],
      ["PromotionInvalidRecipient", [a], `Bounties cannot be paid to ${a}`],
    ];
    for (const [name, args, sentence] of sentences) expect(say(name, args), name).to.contain(sentence);
  });

  it("says every status in its own sentence, naming the UID, its streak and the rule", function () {
    const binding = {
      netuid: 1n,
      bound: true,
      model: 3n,
      slug: "base",
      subnetOwner: "0x000000000000000000000000000000000000dEaD",
      minStreak: 2,
      bounty: 5n * ONE,
      escrow: 9n * ONE,
      bountyToken: { address: "0x000000000000000000000000000000000000bEEF", symbol: "USD", decimals: 18 },
      boundAt: 1n,
      promotions: 0n,
      tagPrefix: "sn1-e",
    };
    const view = {
      netuid: 1n,
      binding,
      leader: { uid: 3, hotkey: binding.subnetOwner, coldkey: binding.subnetOwner, streak: 1n },
      minStreak: 2n,
      epoch: 7n,
      tag: "sn1-e7",
      parent: { model: 4n, index: 2 },
      parentDeclared: true,
      bounty: 5n * ONE,
    };
    const expected: Record<PromotionStatusName, string> = {
      ready:
        "UID 3 has led 1 of 2 epochs in a row with its candidate: promote publishes it as base@sn1-e7, child of the version its miner declared (model #4 version 2), crediting 5 USD to its coldkey.",
      "not-bound": "Subnet 1 is not bound to a model.",
      "subnet-owner-changed": "Subnet 1 changed hands since it was bound: nothing is promoted until the owner of base",
      "not-publisher": "Promotion is no longer a publisher of base",
      "no-leader": "No completed epoch of subnet 1 has a leader yet",
      "no-candidate": "UID 3 leads but has no candidate",
      "candidate-changed": "UID 3 leads but published a new candidate after the last epoch",
      "streak-too-short": "UID 3 has led 1 of 2 epochs in a row with its candidate: 1 more to go.",
      "already-promoted": "UID 3's candidate is a version of base already",
      "parent-deprecated": "UID 3's declared parent (model #4 version 2) is deprecated",
      "tag-taken": "Another version of base is tagged sn1-e7 already",
    };
    for (const [status, sentence] of Object.entries(expected) as [PromotionStatusName, string][]) {
      const said = describePromotionStatus({ ...view, status, ready: status === "ready" });
      expect(said, status).to.contain(sentence).and.match(/\.$/);
    }
  });

  it("predicts the leader and its streak as the epoch records them", function () {
    expect(leaderUid([0, 300, 300, 12])).to.equal(1);
    expect(leaderUid([0, 0])).to.equal(undefined);
    const led = { exists: true, uid: 2, streak: 1n, candidatePublishedAt: 90n };
    expect(nextStreak(led, 2, 90n, 120n)).to.deep.equal({ streak: 2n, counts: true });
    // A candidate published in the block the epoch's tempo began (the previous epoch's start) or later does not count
    // yet; another UID starts again; before any epoch (a tempo start of 0) nothing counts.
    expect(nextStreak(led, 2, 130n, 120n)).to.deep.equal({ streak: 0n, counts: false });
    expect(nextStreak(led, 2, 120n, 120n)).to.deep.equal({ streak: 0n, counts: false });
    expect(nextStreak({ ...led, exists: false }, 2, 90n, 0n)).to.deep.equal({ streak: 0n, counts: false });
    expect(nextStreak(led, 1, 90n, 120n)).to.deep.equal({ streak: 1n, counts: true });
    expect(nextStreak({ ...led, exists: false }, 2, 90n, 120n)).to.deep.equal({ streak: 1n, counts: true });
    expect(nextStreak(led, 2, 0n, 120n)).to.deep.equal({ streak: 0n, counts: false });
  });

  it("refuses a deployment without Promotion in a sentence", async function () {
    const { deployment, team } = await load();
    const { Promotion: _, ...contracts } = deployment.contracts;
    const client = createClient({ runner: team, deployment: { ...deployment, contracts } as Deployment });
    const error = (await failure(client.promotion.status(1))) as SdkError;
    expect(error).to.be.instanceOf(PromotionNotDeployedError);
    expect(error.shortMessage).to.equal("The protocol's deployment on this chain has no Promotion contract.");
  });

  describe("when the model's owner binds its subnet", function () {
    it("binds, reports each status in a sentence, promotes, credits and pays the bounty", async function () {
      const { as, team, owner, netuid, model, minerA, minerB, stranger, subnets, token, deployment } = await load();
      const client = as(team);
      const promotionAddress = deployment.contracts.Promotion!.address;

      let status = await client.promotion.status(netuid);
      expect(status.status).to.equal("not-bound");
      expect(status.reason).to.equal(`Subnet ${netuid} is not bound to a model.`);
      expect((await client.promotion.binding(netuid)).bound).to.equal(false);

      // Not a publisher yet: the contract refuses, named.
      const bind = { netuid, minStreak: 2, bountyToken: token.target as string, bounty: "100" };
      expect(await failure(client.promotion.bind(bind))).to.be.instanceOf(PromotionNotPublisherError);
      expect(await failure(as(stranger).promotion.bind(bind))).to.be.instanceOf(PromotionNotModelOwnerError);
      expect(await failure(client.promotion.bind({ netuid, minStreak: 2, bounty: "5" }))).to.be.instanceOf(
        PromotionNoBountyTokenError,
      );
      await client.registry.setPublisher({ model, account: promotionAddress, allowed: true });
      const { result: binding } = await client.promotion.bind(bind);
      expect(binding).to.deep.include({
        bound: true,
        model,
        slug: "promo-model",
        subnetOwner: owner.address,
        minStreak: 2,
        bounty: 100n * ONE,
        escrow: 0n,
        promotions: 0n,
        tagPrefix: `sn${netuid}-e`,
      });
      expect(binding.bountyToken?.address).to.equal(token.target);
      expect(await failure(client.promotion.bind(bind))).to.be.instanceOf(PromotionAlreadyBoundError);

      // No epoch since the candidates: no leader yet.
      status = await client.promotion.status(netuid);
      expect(status.status).to.equal("no-leader");

      // The preview names the leader the next epoch records and the streak it reaches.
      const preview = await client.subnets.previewEpoch(netuid);
      expect(preview.leader).to.deep.include({ uid: 2, hotkey: minerB.address, streak: 1n, counts: true });
      await runEpoch(connection, subnets, netuid);
      const leader = await subnets.leaderOf(netuid);
      expect([leader.uid, leader.streak]).to.deep.equal([2n, 1n]);

      status = await client.promotion.status(netuid);
      expect(status.status).to.equal("streak-too-short");
      expect(status.reason).to.equal("UID 2 has led 1 of 2 epochs in a row with its candidate: 1 more to go.");
      expect(status.leader).to.deep.equal({ uid: 2, hotkey: minerB.address, coldkey: minerB.address, streak: 1n });
      const refused = (await failure(client.promotion.preparePromote(netuid))) as PromotionStreakTooShortError;
      expect(refused).to.be.instanceOf(PromotionStreakTooShortError);
      expect(refused.streak).to.deep.equal({ led: 1n, required: 2n });

      // A miner names its candidate's parent; someone not registered cannot.
      await as(minerA).promotion.declareParent({ netuid, parent: { model: "promo-model", version: { tag: "v1" } } });
      expect(await client.promotion.declaredParent({ netuid, uid: 1 })).to.deep.equal({ model, index: 0 });
      expect(await client.promotion.declaredParent({ netuid, uid: 2 })).to.equal(undefined);
      expect(
        await failure(as(stranger).promotion.declareParent({ netuid, parent: { model, version: 0 } })),
      ).to.be.instanceOf(PromotionNotRegisteredError);

      // Funding approves first, then escrows; anyone may fund.
      const funded = await client.promotion.fund({ netuid, amount: "150" });
      expect(funded.result).to.deep.include({ received: 150n * ONE, escrow: 150n * ONE });

      await runEpoch(connection, subnets, netuid);
      status = await client.promotion.status(netuid);
      expect(status.ready).to.equal(true);
      const epoch = (await subnets.leaderOf(netuid)).epoch;
      expect(status.tag).to.equal(`sn${netuid}-e${epoch}`);
      expect(status.parent).to.deep.equal({ model, index: 0 });
      expect(status.bounty).to.equal(100n * ONE);
      expect(status.reason).to.equal(
        `UID 2 has led 2 of 2 epochs in a row with its candidate: promote publishes it as promo-model@sn${netuid}-e${epoch}, child of the latest version (version 0), crediting 100 ${binding.bountyToken!.symbol} to its coldkey.`,
      );

      // Anyone promotes; the version names its contributor, and the coldkey is credited.
      const { result: promoted } = await as(stranger).promotion.promote(netuid);
      expect(promoted).to.deep.include({
        netuid,
        model,
        index: 1,
        tag: `sn${netuid}-e${epoch}`,
        uid: 2,
        hotkey: minerB.address,
        coldkey: minerB.address,
        epoch,
        streak: 2n,
      });
      expect(promoted.bounty.credited).to.equal(100n * ONE);
      expect(promoted.bounty.due).to.equal(100n * ONE);
      const contribution = { netuid, uid: 2, hotkey: minerB.address, coldkey: minerB.address, epoch };
      expect(await client.promotion.contribution({ model: "promo-model", index: 1 })).to.deep.equal(contribution);
      expect(await client.promotion.contribution({ model, index: 0 })).to.equal(undefined);
      const versions = await client.registry.listVersions({ model });
      expect(versions.map((v) => v.contribution)).to.deep.equal([undefined, contribution]);
      expect(versions[1].parent).to.deep.equal({ model, index: 0 });
      expect((await client.registry.getVersion({ model, version: "latest" })).contribution).to.deep.equal(contribution);

      status = await client.promotion.status(netuid);
      expect(status.status).to.equal("already-promoted");
      expect(await failure(client.promotion.promote(netuid))).to.be.instanceOf(PromotionAlreadyPromotedError);

      // The coldkey claims its bounty, once.
      const bounty = await as(minerB).promotion.bountyOf({ token: token.target as string });
      expect(bounty.amount).to.equal(100n * ONE);
      const before = await token.balanceOf(minerB.address);
      const { result: claimed } = await as(minerB).promotion.claimBounty({ token: token.target as string });
      expect(claimed.amount).to.equal(100n * ONE);
      expect((await token.balanceOf(minerB.address)) - before).to.equal(100n * ONE);
      expect(await failure(as(minerB).promotion.claimBounty({ token: token.target as string }))).to.be.instanceOf(
        PromotionNothingToClaimError,
      );

      // Only the owner revokes; the rest of the escrow returns to it.
      expect(await failure(as(stranger).promotion.revoke(netuid))).to.be.instanceOf(PromotionNotModelOwnerError);
      const { result: revoked } = await client.promotion.revoke(netuid);
      expect(revoked.escrowReturned).to.equal(50n * ONE);
      expect(await failure(client.promotion.revoke(netuid))).to.be.instanceOf(PromotionNotBoundError);
      expect(await failure(client.promotion.fund({ netuid, amount: "1" }))).to.be.instanceOf(PromotionNotBoundError);
    });
  });

  describe("when a DAO owns the model", function () {
    it("builds the proposal's calls, which bind and fund the subnet once the timelock makes them", async function () {
      const { as, team, deployment, registry, subnets, stakeToken, token, owner, netuid } = await load();
      await registry.connect(team).setApprovalForAll(deployment.contracts.ModelLaunchFactory.address, true);
      const launch = await registerAndLaunch(deployment, team, "dao-model", {});
      const daoModel = (await registry.getModelBySlug("dao-model")).id;
      await subnets.connect(owner).createSubnet({
        stakeToken: stakeToken.target as string,
        rewardToken: token.target as string,
        model: daoModel,
        metadataCid: cidN(8),
        hyperparameters: { ...SMALL_SUBNET, commitReveal: false },
      });
      const daoNetuid = await subnets.subnetCount();
      const client = as(team);
      // The treasury holds the bounty tokens it escrows.
      await token.connect(team).transfer(launch.timelock, 500n * ONE);

      const calls = await client.governance.buildAuthorisePromotion({
        model: "dao-model",
        netuid: daoNetuid,
        minStreak: 3,
        bountyToken: token.target as string,
        bounty: "50",
        escrow: "500",
        tagPrefix: "arena-",
      });
      expect(calls.map((c) => c.description)).to.deep.equal([
        `Let Promotion (${deployment.contracts.Promotion!.address}) publish versions of dao-model.`,
        `Bind subnet ${daoNetuid} to dao-model: its leader, after 3 completed epochs in a row with one candidate, is published as the next version, tagged arena-<epoch>, with a bounty of 50 ${await token.symbol()} to its miner's coldkey.`,
        `Let Promotion spend 500 ${await token.symbol()} of dao-model's treasury.`,
        `Put 500 ${await token.symbol()} from dao-model's treasury into subnet ${daoNetuid}'s bounty escrow.`,
      ]);
      const decoded = await client.governance.describeCalls({ model: "dao-model", calls });
      expect(decoded.map((d) => d.contract)).to.deep.equal(["ModelRegistry", "Promotion", "ERC-20", "Promotion"]);

      // A subnet of another model, or one bound already, is refused before anything is proposed.
      expect(
        await failure(client.governance.buildAuthorisePromotion({ model: "dao-model", netuid, minStreak: 1 })),
      ).to.be.instanceOf(PromotionModelMismatchError);

      const timelock = await impersonate(connection, launch.timelock);
      for (const call of calls) await (await timelock.sendTransaction({ to: call.to, data: call.data })).wait();
      const binding = await client.promotion.binding(daoNetuid);
      expect(binding).to.deep.include({ bound: true, model: daoModel, minStreak: 3, tagPrefix: "arena-" });
      expect([binding.bounty, binding.escrow]).to.deep.equal([50n * ONE, 500n * ONE]);
      expect(
        await failure(
          client.governance.buildAuthorisePromotion({ model: "dao-model", netuid: daoNetuid, minStreak: 1 }),
        ),
      ).to.be.instanceOf(PromotionAlreadyBoundError);

      const revoke = await client.governance.buildRevokePromotion({
        model: "dao-model",
        netuid: daoNetuid,
        revokePublisher: true,
      });
      expect(revoke).to.have.length(2);
      const before = await token.balanceOf(launch.timelock);
      for (const call of revoke) await (await timelock.sendTransaction({ to: call.to, data: call.data })).wait();
      expect((await token.balanceOf(launch.timelock)) - before).to.equal(500n * ONE);
      expect((await client.promotion.binding(daoNetuid)).bound).to.equal(false);
      expect(await registry.canPublish(daoModel, deployment.contracts.Promotion!.address)).to.equal(false);
    });
  });
});
