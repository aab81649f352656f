import { expect } from "chai";
import { parseEther, ZeroAddress, type ContractTransaction, type Signer } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { deployProtocol } from "../../deploy/protocol.js";
import {
  AlreadyVotedError,
  cidFromBytes,
  BelowProposalThresholdError,
  createClient,
  InvalidSignedVoteError,
  ModelGovernor__factory,
  ModelLaunchFactory__factory,
  ModelRegistry__factory,
  ModelToken__factory,
  NATIVE_ASSET,
  NoVotingPowerError,
  ProposalCallError,
  ProposalDefeatedError,
  ProposalNotFoundError,
  ProposalStateError,
  ProposalsNotOpenError,
  TimelockNotReadyError,
  VotingClosedError,
  VotingNotOpenError,
  type Client,
  type Deployment,
  type ModelToken,
} from "../../sdk/src/index.js";
import { DAY, ONE } from "../fixtures/constants.js";
import { failure, registerAndLaunch } from "./fixture.js";

const SLUG = "gov-model";

// A model's DAO run entirely from the SDK: delegate, propose a treasury payment and a revenue setting, vote
// (directly and by signature, relayed by someone else), queue, wait for the timelock, execute; and every
// refusal said in words before anything is sent.
describe("SDK governance module", function () {
  let connection: NetworkConnection;
  let deployment: Deployment;
  let team: Signer, alice: Signer, bob: Signer, eve: Signer;
  let addr: Record<"team" | "alice" | "bob" | "eve", string>;
  let as: (signer: Signer) => Client;
  let token: ModelToken;
  let timelock: string;
  let governor: string;

  const advance = (seconds: number) => connection.networkHelpers.time.increase(seconds);

  before(async function () {
    connection = await network.create();
    const signers = await connection.ethers.getSigners();
    [team, alice, bob, , , eve] = signers;
    addr = {
      team: await team.getAddress(),
      alice: await alice.getAddress(),
      bob: await bob.getAddress(),
      eve: await eve.getAddress(),
    };
    deployment = await deployProtocol(connection, { record: false });
    as = (signer) => createClient({ runner: signer, deployment });

    // 200k tokens: 50k straight to alice (the liquidity allocation), 70k to the treasury, 30k on sale, 50k vesting.
    const registry = ModelRegistry__factory.connect(deployment.contracts.ModelRegistry.address, team);
    await (await registry.setApprovalForAll(deployment.contracts.ModelLaunchFactory.address, true)).wait();
    const launch = await registerAndLaunch(deployment, team, SLUG, {
      name: "Gov Model",
      symbol: "GOV",
      treasuryAmount: 70_000n * ONE,
      liquidityAmount: 50_000n * ONE,
      liquidityRecipient: addr.alice,
      team: [{ beneficiary: addr.team, amount: 50_000n * ONE, duration: BigInt(360 * DAY) }],
      sale: { tokensForSale: 30_000n * ONE, softCap: ONE, hardCap: 10n * ONE },
    });
    token = ModelToken__factory.connect(launch.token, team);
    timelock = launch.timelock;
    governor = launch.governor;
    // The treasury holds some ETH, and bob 500 tokens (below the threshold of 1,000).
    await (await team.sendTransaction({ to: timelock, value: parseEther("3") })).wait();
    await (await token.connect(alice).transfer(addr.bob, 500n * ONE)).wait();
  });

  after(async function () {
    await connection?.close();
  });

  it("reads the DAO's rules", async function () {
    const dao = await as(eve).governance.getDao(SLUG);
    expect(dao).to.include({
      governor,
      timelock,
      votingDelay: DAY,
      votingPeriod: 5 * DAY,
      timelockDelay: 2 * DAY,
      proposalCount: 0,
      tokenSymbol: "GOV",
    });
    expect(dao.proposalThreshold).to.equal(1_000n * ONE);
    expect(dao.quorumNumerator).to.equal(4n);
    expect(dao.proposalsOpen).to.equal(false);
    expect(dao.proposalsOpenAt).to.deep.equal((await as(eve).offering.getOffering(SLUG)).params.end);
  });

  it("M-03 refuses to propose before the sale is over, saying when proposals open", async function () {
    await as(alice).governance.delegateVotes({ model: SLUG });
    await advance(1);
    const call = await as(alice).governance.buildSendEth({ model: SLUG, to: addr.alice, amount: "3" });
    const error = await failure(
      as(alice).governance.propose({ model: SLUG, calls: [call], description: "# Pay the team" }),
    );
    expect(error).to.be.instanceOf(ProposalsNotOpenError);
    expect((error as ProposalsNotOpenError).shortMessage).to.match(
      /^gov-model's DAO takes proposals from the end of its sale, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(in .+\)\.$/,
    );
    // The sale ends; proposals open. Alice undelegates for the next test.
    const end = (await as(eve).offering.getOffering(SLUG)).params.end.getTime() / 1000;
    await connection.networkHelpers.time.increaseTo(end);
    expect((await as(eve).governance.getDao(SLUG)).proposalsOpen).to.equal(true);
    await as(alice).governance.delegateVotes({ model: SLUG, to: ZeroAddress });
    await advance(1);
  });

  it("refuses to propose without votes, and says to delegate first", async function () {
    const call = await as(alice).governance.buildSendEth({ model: SLUG, to: addr.eve, amount: "1" });
    const error = await failure(as(alice).governance.propose({ model: SLUG, calls: [call], description: "# Pay eve" }));
    expect(error).to.be.instanceOf(NoVotingPowerError);
    expect((error as NoVotingPowerError).shortMessage)
      .to.contain("delegate first")
      .and.contain("gov delegate gov-model");
  });

  it("refuses to propose below the threshold, showing power and threshold", async function () {
    await as(bob).governance.delegateVotes({ model: SLUG });
    await advance(1);
    const call = await as(bob).governance.buildSendEth({ model: SLUG, to: addr.bob, amount: "1" });
    const error = await failure(as(bob).governance.propose({ model: SLUG, calls: [call], description: "# Pay bob" }));
    expect(error).to.be.instanceOf(BelowProposalThresholdError);
    expect((error as BelowProposalThresholdError).shortMessage)
      .to.contain("500 GOV")
      .and.contain("1000 needed");
  });

  describe("a proposal's life", function () {
    let number: bigint;

    it("proposes a treasury payment and a revenue stream change, numbered 1", async function () {
      const { result: delegation } = await as(alice).governance.delegateVotes({ model: SLUG });
      expect(delegation.votes).to.equal(49_500n * ONE);
      await advance(1);
      const client = as(alice);
      const calls = [
        await client.governance.buildSendEth({ model: SLUG, to: addr.eve, amount: "1" }),
        await client.revenue.buildSetStreamDuration({ model: SLUG, asset: "ETH", duration: "7d" }),
      ];
      const description = "# Pay eve and stream revenue\n\nOne ETH to eve for the model card; revenue over a week.";
      const { result } = await client.governance.propose({ model: SLUG, calls, description });
      number = result.number;
      expect(number).to.equal(1n);
      const onChain = await ModelGovernor__factory.connect(governor, team).hashProposal(
        calls.map((c) => c.to),
        calls.map((c) => c.value),
        calls.map((c) => c.data),
        (await import("ethers")).id(description),
      );
      expect(result.hash).to.equal(onChain);
      expect(result.actions.map((a) => a.description)).to.deep.equal([
        `Send 1 ETH from ${SLUG}'s treasury to ${addr.eve}.`,
        `Release new revenue in ${NATIVE_ASSET} of ${SLUG}'s token over 7 days.`,
      ]);
    });

    it("refuses a vote before voting opens, with the dates", async function () {
      const error = await failure(as(alice).governance.vote({ model: SLUG, proposal: 1, support: "for" }));
      expect(error).to.be.instanceOf(VotingNotOpenError);
      expect((error as VotingNotOpenError).shortMessage).to.match(/opens at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    });

    it("counts a direct vote and a signed vote relayed by someone else; a replay is refused", async function () {
      const signed = await as(bob).governance.signVote({
        model: SLUG,
        proposal: 1,
        support: "against",
        reason: "too much",
      });
      expect(signed).to.include({ voter: addr.bob, support: "against", nonce: "0", proposal: "1", model: SLUG });
      await advance(DAY + 1);
      const { result } = await as(alice).governance.vote({
        model: SLUG,
        proposal: 1,
        support: "for",
        reason: "good work",
      });
      expect(result.weight).to.equal(49_500n * ONE);
      const { result: relayed } = await as(eve).governance.relayVote(signed);
      expect(relayed).to.deep.include({ voter: addr.bob, support: "against", weight: 500n * ONE });
      expect(relayed.votes).to.deep.equal({ for: 49_500n * ONE, against: 500n * ONE, abstain: 0n });

      const replay = await failure(as(eve).governance.relayVote(signed));
      expect(replay).to.be.instanceOf(AlreadyVotedError);
      expect((replay as AlreadyVotedError).shortMessage).to.contain("relayed before");
      const again = await failure(as(alice).governance.vote({ model: SLUG, proposal: 1, support: "for" }));
      expect(again).to.be.instanceOf(AlreadyVotedError);
      const forged = await failure(as(eve).governance.relayVote({ ...signed, support: "for" }));
      expect(forged).to.be.instanceOf(InvalidSignedVoteError);
    });

    it("lists the proposal with its votes, quorum and dates; finds it by number or full id", async function () {
      const [listed] = await as(eve).governance.listProposals(SLUG);
      expect(listed).to.deep.include({
        number: 1n,
        state: "active",
        quorum: 8_000n * ONE,
        quorumReached: true,
        title: "Pay eve and stream revenue",
      });
      expect(listed.deadline.getTime() - listed.snapshot.getTime()).to.equal(5 * DAY * 1000);
      const byHash = await as(eve).governance.getProposal({ model: SLUG, proposal: listed.hash.toString() });
      expect(byHash.number).to.equal(1n);
      expect(await failure(as(eve).governance.getProposal({ model: SLUG, proposal: 7 }))).to.be.instanceOf(
        ProposalNotFoundError,
      );
    });

    it("refuses queuing while voting is open, and voting once it closed", async function () {
      expect(await failure(as(eve).governance.queueProposal({ model: SLUG, proposal: 1 }))).to.be.instanceOf(
        ProposalStateError,
      );
      await advance(5 * DAY);
      const error = await failure(as(eve).governance.vote({ model: SLUG, proposal: 1, support: "abstain" }));
      expect(error).to.be.instanceOf(VotingClosedError);
      expect((error as VotingClosedError).shortMessage).to.contain("succeeded");
    });

    it("queues, refuses execution before the ETA, then executes: eve is paid and revenue streams over 7 days", async function () {
      const { result: queued } = await as(eve).governance.queueProposal({ model: SLUG, proposal: 1 });
      expect(queued.state).to.equal("queued");
      const early = await failure(as(eve).governance.executeProposal({ model: SLUG, proposal: 1 }));
      expect(early).to.be.instanceOf(TimelockNotReadyError);
      expect((early as TimelockNotReadyError).shortMessage).to.contain(queued.eta!.toISOString().slice(0, 10));
      await advance(2 * DAY);
      const before = await connection.ethers.provider.getBalance(addr.eve);
      const { receipt, result } = await as(team).governance.executeProposal({ model: SLUG, proposal: 1 });
      expect(result.state).to.equal("executed");
      expect(receipt.status).to.equal(1);
      expect(await connection.ethers.provider.getBalance(addr.eve)).to.equal(before + ONE);
      expect((await token.assetInfo(NATIVE_ASSET)).streamDuration).to.equal(7n * BigInt(DAY));
      const again = await failure(as(eve).governance.executeProposal({ model: SLUG, proposal: 1 }));
      expect(again).to.be.instanceOf(ProposalStateError);
      expect((again as ProposalStateError).shortMessage).to.contain("executed already");
    });
  });

  describe("afterwards", function () {
    it("lets the proposer cancel while pending, and says a defeated proposal missed the quorum", async function () {
      const client = as(alice);
      const call = await client.governance.buildSetQuorum({ model: SLUG, value: "10%" });
      const { result: second } = await client.governance.propose({
        model: SLUG,
        calls: [call],
        description: "# Quorum 10%",
      });
      expect(second.number).to.equal(2n);
      expect(await failure(as(bob).governance.cancelProposal({ model: SLUG, proposal: 2 }))).to.be.instanceOf(
        ProposalStateError,
      );
      const { result } = await client.governance.cancelProposal({ model: SLUG, proposal: 2 });
      expect(result.state).to.equal("canceled");

      const { result: third } = await client.governance.propose({
        model: SLUG,
        calls: [call],
        description: "# Quorum 10%, again",
      });
      await advance(DAY + 1);
      await as(bob).governance.vote({ model: SLUG, proposal: third.number, support: "for" });
      await advance(5 * DAY);
      const error = await failure(as(bob).governance.queueProposal({ model: SLUG, proposal: third.number }));
      expect(error).to.be.instanceOf(ProposalDefeatedError);
      expect((error as ProposalDefeatedError).shortMessage).to.contain("quorum not reached");
    });

    it("publishes a version and revokes a publisher as the model's owner, through a proposal", async function () {
      const client = as(alice);
      const weights = cidFromBytes(`0x01551220${"77".repeat(32)}`).toString();
      const calls = [
        await client.governance.buildPublishVersion({ model: SLUG, tag: "v2.0.0", weights }),
        await client.governance.buildSetPublisher({ model: SLUG, account: addr.team, allowed: false }),
      ];
      expect(calls[0].description).to.equal(`Publish version v2.0.0 of ${SLUG} with weights ${weights}.`);
      const { result } = await client.governance.propose({
        model: SLUG,
        calls,
        description: "# v2.0.0, published by the DAO",
      });
      await advance(DAY + 1);
      await client.governance.vote({ model: SLUG, proposal: result.number, support: "for" });
      await advance(5 * DAY);
      await client.governance.queueProposal({ model: SLUG, proposal: result.number });
      await advance(2 * DAY);
      await client.governance.executeProposal({ model: SLUG, proposal: result.number });
      const version = await client.registry.getVersion({ model: SLUG, version: { tag: "v2.0.0" } });
      expect(version.publisher).to.equal(timelock);
      expect(await client.registry.canPublish({ model: SLUG, account: addr.team })).to.equal(false);
      const deprecation = await client.governance.buildDeprecateVersion({
        model: SLUG,
        version: "v2.0.0",
        reason: "superseded",
      });
      expect(deprecation.description).to.equal(`Deprecate ${SLUG}@v2.0.0: "superseded".`);
    });

    it("runs the protocol DAO the same way: a proposal sets the launch fee of later launches", async function () {
      const client = as(team);
      const dao = await client.governance.getDao("protocol");
      expect(dao).to.include({
        slug: "protocol",
        governor: deployment.contracts.ProtocolGovernor!.address,
        proposalCount: 0,
      });
      const noVotes = await failure(
        client.governance.propose({
          model: "protocol",
          calls: [await client.governance.buildSetLaunchFee({ recipient: addr.eve, fee: "1%" })],
          description: "# Fee",
        }),
      );
      expect((noVotes as NoVotingPowerError).shortMessage).to.contain("gov delegate protocol");
      await client.governance.delegateVotes({ model: "protocol" });
      await advance(1);
      const call = await client.governance.buildSetLaunchFee({ recipient: addr.eve, fee: "1%" });
      expect(call.description).to.equal(
        `Set the protocol fee of later launches to 1% of sale proceeds, paid to ${addr.eve}.`,
      );
      const { result } = await client.governance.propose({
        model: "protocol",
        calls: [call],
        description: "# A 1% protocol fee",
      });
      expect(result.number).to.equal(1n);
      expect(result.actions[0]).to.include({ contract: "ModelLaunchFactory", description: call.description });
      await advance(DAY + 1);
      await client.governance.vote({ model: "protocol", proposal: 1, support: "for" });
      await advance(5 * DAY);
      await client.governance.queueProposal({ model: "protocol", proposal: 1 });
      await advance(2 * DAY);
      await as(eve).governance.executeProposal({ model: "protocol", proposal: 1 });
      const factory = ModelLaunchFactory__factory.connect(deployment.contracts.ModelLaunchFactory.address, team);
      expect(await factory.feeBps()).to.equal(100n);
      expect(await factory.feeRecipient()).to.equal(addr.eve);
      const registryCall = await failure(client.governance.buildTransferModel({ model: "protocol", to: addr.eve }));
      expect(registryCall).to.be.instanceOf(ProposalCallError);
    });

    it("builds raw calls from signatures and describes them back in words", async function () {
      const client = as(alice);
      const calls = await client.governance.buildRawCalls({
        model: SLUG,
        calls: [
          {
            target: await token.getAddress(),
            signature: "transfer(address,uint256)",
            args: [addr.eve, (5n * ONE).toString()],
          },
          { target: addr.eve, value: "1000" },
        ],
      });
      expect(calls.map((c) => c.description)).to.deep.equal([
        `Send 5 GOV from ${SLUG}'s treasury to ${addr.eve}.`,
        `Send 0.000000000000001 ETH from ${SLUG}'s treasury to ${addr.eve}.`,
      ]);
      const bad = await failure(
        client.governance.buildRawCalls({
          model: SLUG,
          calls: [{ target: addr.eve, signature: "transfer(address,uint256)", args: [1] }],
        }),
      );
      expect(bad).to.be.instanceOf(ProposalCallError);
      const settings = await Promise.all([
        client.governance.buildSetVotingDelay({ model: SLUG, value: "2d" }),
        client.governance.buildSetVotingPeriod({ model: SLUG, value: "7d" }),
        client.governance.buildSetProposalThreshold({ model: SLUG, value: "2000" }),
        client.governance.buildSetTimelockDelay({ model: SLUG, value: "3d" }),
        client.governance.buildSetPublisher({ model: SLUG, account: addr.team }),
        client.governance.buildTransferModel({ model: SLUG, to: addr.alice }),
      ]);
      const described = await client.governance.describeCalls({ model: SLUG, calls: settings });
      expect(described.slice(0, 4).map((d) => d.description)).to.deep.equal(
        settings.slice(0, 4).map((s) => s.description),
      );
      expect(described[4]).to.include({ contract: "ModelRegistry", signature: "setPublisher(uint256,address,bool)" });
      expect(described[4].description).to.equal(`Let ${addr.team} publish versions of model #1.`);
      expect(described[5].description).to.equal(`Transfer model #1 from ${timelock} to ${addr.alice}.`);
    });

    it("builds every step of a proposal with a read-only runner, for the account that sends them (a multisig)", async function () {
      const readOnly = createClient({ runner: connection.ethers.provider, deployment });
      const send = async (transaction: ContractTransaction) => (await alice.sendTransaction(transaction)).wait();
      await send(await readOnly.governance.prepareDelegateVotes({ model: SLUG, to: addr.alice }));
      await advance(1);
      const call = await readOnly.governance.buildSendEth({ model: SLUG, to: addr.eve, amount: "0.5" });
      await send(
        await readOnly.governance.preparePropose({
          model: SLUG,
          calls: [call],
          description: "# Half an ETH",
          account: addr.alice,
        }),
      );
      const proposal = (await readOnly.governance.listProposals(SLUG)).at(-1)!.number;
      expect(
        await failure(readOnly.governance.prepareVote({ model: SLUG, proposal, support: "for", account: addr.alice })),
      ).to.be.instanceOf(VotingNotOpenError);
      await advance(DAY + 1);
      await send(await readOnly.governance.prepareVote({ model: SLUG, proposal, support: "for", account: addr.alice }));
      expect((await readOnly.governance.getProposal({ model: SLUG, proposal })).votes.for).to.equal(49_500n * ONE);
      await advance(5 * DAY);
      await send(await readOnly.governance.prepareQueueProposal({ model: SLUG, proposal }));
      expect(await failure(readOnly.governance.prepareExecuteProposal({ model: SLUG, proposal }))).to.be.instanceOf(
        TimelockNotReadyError,
      );
      await advance(2 * DAY);
      const before = await connection.ethers.provider.getBalance(addr.eve);
      const executed = (await (
        await eve.sendTransaction(await readOnly.governance.prepareExecuteProposal({ model: SLUG, proposal }))
      ).wait())!;
      expect((await readOnly.governance.getProposal({ model: SLUG, proposal })).state).to.equal("executed");
      expect(await connection.ethers.provider.getBalance(addr.eve)).to.equal(
        before + ONE / 2n - executed.gasUsed * executed.gasPrice,
      );
    });
  });
});
