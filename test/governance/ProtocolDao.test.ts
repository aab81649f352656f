import { expect } from "chai";
import { FunctionFragment } from "ethers";
import { network } from "hardhat";

import { DEV_EMISSION_RESERVE, DEV_PROTOCOL_TOKEN_HOLDERS, DEV_PROTOCOL_TOKEN_SUPPLY } from "../../deploy/protocol.js";
import type { ProtocolTimelock } from "../../types/typechain/index.js";
import { cidOf, DAY, ProposalState, TOKENS } from "../fixtures/constants.js";
import { expectGovernorSettings } from "../fixtures/governance.js";
import { deployProtocolFixture, launchModel, launchParams, registerModel, saleStart } from "../fixtures/launch.js";
import { shouldBehaveLikeVotesToken, type TokenContext } from "../fixtures/token.behavior.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const SHARE = DEV_PROTOCOL_TOKEN_SUPPLY / BigInt(DEV_PROTOCOL_TOKEN_HOLDERS);

const ADMIN_ROLE = ethers.ZeroHash;
const PROPOSER_ROLE = ethers.id("PROPOSER_ROLE");
const CANCELLER_ROLE = ethers.id("CANCELLER_ROLE");
const EXECUTOR_ROLE = ethers.id("EXECUTOR_ROLE");

/** The protocol as `deploy/` leaves it on a development chain: the first four accounts hold the protocol token. */
async function daoFixture() {
  const [deployer, holder1, holder2, holder3, team, stranger, feeRecipient] = await ethers.getSigners();
  const protocol = await deployProtocolFixture(connection);
  return {
    ...protocol,
    token: protocol.protocolToken,
    governor: protocol.protocolGovernor,
    timelock: protocol.protocolTimelock,
    deployer,
    holders: [deployer, holder1, holder2, holder3],
    team,
    stranger,
    feeRecipient,
  };
}

type Dao = Awaited<ReturnType<typeof daoFixture>>;

/** The protocol token, for the tests every token of the protocol shares: the second holder's share moves. */
async function protocolTokenFixture(): Promise<TokenContext> {
  const d = await daoFixture();
  // The token, then who holds and moves it.
  return {
    token: d.token,
    name: "Open Model Protocol",
    symbol: "OMP",
    supply: TOKENS(10_000_000) + DEV_EMISSION_RESERVE,
    holder: d.holders[1],
    balance: SHARE,
    amount: TOKENS(5),
    recipient: d.team,
    delegatee: d.feeRecipient,
    spender: d.stranger,
  };
}

/** The accounts holding `role` on `timelock` now, from its role events. */
async function roleHolders(timelock: ProtocolTimelock, role: string): Promise<Set<string>> {
  const events = [
    ...(await timelock.queryFilter(timelock.filters.RoleGranted(role))),
    ...(await timelock.queryFilter(timelock.filters.RoleRevoked(role))),
  ].sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
  const holders = new Set<string>();
  for (const e of events) {
    if (e.eventName === "RoleGranted") holders.add(e.args.account);
    else holders.delete(e.args.account);
  }
  return holders;
}

/**
 * The team launches `model`: 300k tokens for sale, 700k to the treasury, no team allocations, and a DAO that needs
 * no votes to propose.
 */
async function launch(d: Dao, model: bigint, symbol: string) {
  await registerModel(d.registry, d.team, { slug: `model-${model}`, card: cidOf(symbol), approve: [d.factory] });
  const params = launchParams({
    start: await saleStart(connection),
    model,
    name: `Model ${model}`,
    symbol,
    dao: { proposalThreshold: 0n },
  });
  return (await launchModel(connection, d.factory, d.team, params)).offering;
}

describe("Protocol DAO", function () {
  describe("ProtocolToken", function () {
    shouldBehaveLikeVotesToken(connection, () => loadFixture(protocolTokenFixture));

    it("splits its fixed supply among the distribution, with no owner and no mint", async function () {
      const { token, holders, stranger } = await loadFixture(daoFixture);
      expect(await token.totalSupply()).to.equal(TOKENS(10_000_000) + DEV_EMISSION_RESERVE);
      for (const holder of holders) expect(await token.balanceOf(holder)).to.equal(SHARE);
      expect(await token.balanceOf(stranger)).to.equal(0n);
      // No owner, no mint.
      const functions = token.interface.fragments.flatMap((f) => (f instanceof FunctionFragment ? [f.name] : []));
      expect(functions).to.include("transfer");
      for (const name of ["mint", "owner", "pause"]) expect(functions).to.not.include(name);
    });

    it("refuses a distribution whose lists differ in length, or that mints nothing", async function () {
      const { token, stranger } = await loadFixture(daoFixture);
      await expect(ethers.deployContract("ProtocolToken", ["T", "T", [stranger.address], []]))
        .to.be.revertedWithCustomError(token, "ProtocolTokenDistributionMismatch")
        .withArgs(1n, 0n);
      await expect(ethers.deployContract("ProtocolToken", ["T", "T", [], []])).to.be.revertedWithCustomError(
        token,
        "ProtocolTokenEmptyDistribution",
      );
      await expect(ethers.deployContract("ProtocolToken", ["T", "T", [ethers.ZeroAddress], [1n]]))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("ProtocolTimelock", function () {
    it("has the delay, the governor as its only proposer and canceller, open execution and no admin but itself", async function () {
      const { timelock, governor, deployer } = await loadFixture(daoFixture);
      const [self, gov] = [await timelock.getAddress(), await governor.getAddress()];
      expect(await timelock.getMinDelay()).to.equal(2n * BigInt(DAY));
      expect(await roleHolders(timelock, ADMIN_ROLE)).to.deep.equal(new Set([self]));
      expect(await roleHolders(timelock, PROPOSER_ROLE)).to.deep.equal(new Set([gov]));
      expect(await roleHolders(timelock, CANCELLER_ROLE)).to.deep.equal(new Set([gov]));
      expect(await roleHolders(timelock, EXECUTOR_ROLE)).to.deep.equal(new Set([ethers.ZeroAddress]));
      expect(await timelock.hasRole(ADMIN_ROLE, deployer)).to.equal(false);
    });

    it("lets nobody else schedule, nor the deployer grant roles", async function () {
      const { timelock, factory, deployer, stranger } = await loadFixture(daoFixture);
      const call = factory.interface.encodeFunctionData("setFee", [stranger.address, 1_000]);
      for (const account of [deployer, stranger]) {
        await expect(timelock.connect(account).schedule(factory, 0, call, ethers.ZeroHash, ethers.ZeroHash, 2 * DAY))
          .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
          .withArgs(account.address, PROPOSER_ROLE);
        await expect(timelock.connect(account).grantRole(PROPOSER_ROLE, account))
          .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
          .withArgs(account.address, ADMIN_ROLE);
      }
    });

    it("owns the launch factory", async function () {
      const { timelock, factory } = await loadFixture(daoFixture);
      expect(await factory.owner()).to.equal(await timelock.getAddress());
    });
  });

  describe("ProtocolGovernor", function () {
    it("votes with the protocol token through the timelock, with the default settings", async function () {
      const { governor, token, timelock } = await loadFixture(daoFixture);
      await expectGovernorSettings(governor, {
        name: "Open Model Protocol DAO",
        token,
        timelock,
        votingDelay: BigInt(DAY),
        votingPeriod: 5n * BigInt(DAY),
        proposalThreshold: TOKENS(10_000),
        quorumPercent: 4n,
      });
    });
  });

  describe("a proposal that changes the protocol fee", function () {
    it("passes, waits the delay, and applies to later launches only", async function () {
      const d = await loadFixture(daoFixture);
      const { governor, token, factory, timelock, holders, stranger, feeRecipient } = d;
      const oldSale = await launch(d, 1n, "ONE");

      for (const holder of holders.slice(0, 2)) await token.connect(holder).delegate(holder);
      await time.increase(1);

      const targets = [await factory.getAddress()];
      const values = [0n];
      const calldatas = [factory.interface.encodeFunctionData("setFee", [feeRecipient.address, 250])];
      const description = "Set the protocol fee to 2.5%";
      const descriptionHash = ethers.id(description);
      await expect(governor.connect(stranger).propose(targets, values, calldatas, description))
        .to.be.revertedWithCustomError(governor, "GovernorInsufficientProposerVotes")
        .withArgs(stranger.address, 0n, TOKENS(10_000));
      await expect(governor.connect(holders[0]).propose(targets, values, calldatas, description)).to.emit(
        governor,
        "ProposalCreated",
      );
      const id = await governor.getProposalId(targets, values, calldatas, descriptionHash);
      expect(id).to.equal(1n);
      expect(await governor.state(id)).to.equal(BigInt(ProposalState.Pending));

      await time.increase(DAY + 1);
      await governor.connect(holders[0]).castVote(id, 1);
      await governor.connect(holders[1]).castVote(id, 1);
      await time.increase(5 * DAY);
      expect(await governor.state(id)).to.equal(BigInt(ProposalState.Succeeded));

      await expect(governor.connect(stranger).queue(targets, values, calldatas, descriptionHash)).to.emit(
        timelock,
        "CallScheduled",
      );
      expect(await governor.state(id)).to.equal(BigInt(ProposalState.Queued));
      await expect(
        governor.connect(stranger).execute(targets, values, calldatas, descriptionHash),
      ).to.be.revertedWithCustomError(timelock, "TimelockUnexpectedOperationState");
      await time.increase(2 * DAY);
      await expect(governor.connect(stranger).execute(targets, values, calldatas, descriptionHash))
        .to.emit(factory, "LaunchFeeSet")
        .withArgs(feeRecipient.address, 250n);
      expect(await governor.state(id)).to.equal(BigInt(ProposalState.Executed));
      expect(await factory.feeBps()).to.equal(250n);
      expect(await factory.feeRecipient()).to.equal(feeRecipient.address);

      const newSale = await launch(d, 2n, "TWO");
      const newFee = (await newSale.config()).fee;
      expect([newFee.recipient, newFee.bps]).to.deep.equal([feeRecipient.address, 250n]);
      const oldFee = (await oldSale.config()).fee;
      // The deployment's default: no fee, to the deployer.
      expect([oldFee.recipient, oldFee.bps]).to.deep.equal([holders[0].address, 0n]);
    });
  });
});
