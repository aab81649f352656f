import { expect } from "chai";
import { network } from "hardhat";

import type { FlashVoter, MockLendingPool, MockStablecoin, ModelGovernor } from "../../types/typechain/index.js";
import { cidOf, DAY, NATIVE, ProposalState, TOKENS, Vote } from "../fixtures/constants.js";
import { proposalOf, type Proposal } from "../fixtures/governance.js";
import { DAO, deployLaunched, saleStart, TIMELOCK_DELAY } from "../fixtures/launch.js";
import { ballotSignature } from "../fixtures/signatures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];

const MODEL = 1n;
const SUPPLY = TOKENS(1_000_000);
const LIQUIDITY = TOKENS(400_000);
/** 4% of the supply: the votes for and abstaining that a proposal needs. */
const QUORUM = (SUPPLY * DAO.quorumPercent) / 100n;
const THRESHOLD = DAO.proposalThreshold;
/** TimelockController's operation states, as the bitmap its errors carry. */
const READY_BITMAP = ethers.toBeHex(1n << 2n, 32);

/**
 * A launched model whose DAO has known voters: the liquidity holder (`lp`, 40% of the supply, not delegated)
 * hands out exact amounts, and each voter delegates to itself. The treasury holds 10 ETH. The sale has not
 * started: no proposal can be made yet.
 */
async function launchedDaoFixture() {
  const [team, lp, alice, bob, carol, dave, erin, frank, gina, stranger, recipient, buyer, t1, t2, t3] =
    await ethers.getSigners();
  const l = await deployLaunched(connection, {
    team,
    registration: { slug: "dao-model" },
    launch: async () => ({
      start: await saleStart(connection),
      name: "DAO Model",
      symbol: "DAOM",
      treasuryAmount: TOKENS(150_000),
      liquidityAmount: LIQUIDITY,
      liquidityRecipient: lp.address,
      team: [t1, t2, t3].map((member) => ({ beneficiary: member.address, amount: TOKENS(50_000) })),
    }),
  });
  const { registry, factory, token, governor, timelock, offering } = l;
  await stranger.sendTransaction({ to: timelock, value: TOKENS(10) });

  // alice alone is the quorum; bob holds the proposal threshold; carol one unit short of the quorum, dave one
  // unit, erin one unit short of the threshold. frank and gina hold tokens but have not delegated.
  const holdings: [Signer, bigint, boolean][] = [
    [alice, QUORUM, true],
    [bob, THRESHOLD, true],
    [carol, QUORUM - 1n, true],
    [dave, 1n, true],
    [erin, THRESHOLD - 1n, true],
    [frank, TOKENS(50_000), false],
    [gina, TOKENS(50_000), false],
  ];
  for (const [holder, amount, delegates] of holdings) {
    await token.connect(lp).transfer(holder, amount);
    if (delegates) await token.connect(holder).delegate(holder);
  }
  return {
    registry,
    factory,
    token,
    governor,
    timelock,
    offering,
    sale: { start: BigInt(l.params.sale.start), end: BigInt(l.params.sale.end) },
    team,
    lp,
    alice,
    bob,
    carol,
    dave,
    erin,
    frank,
    gina,
    stranger,
    recipient,
    buyer,
  };
}

/** The same DAO once its sale is over (nobody bought): proposals are open. */
async function daoFixture() {
  const d = await launchedDaoFixture();
  await time.increaseTo(d.sale.end);
  return d;
}

type Dao = Awaited<ReturnType<typeof launchedDaoFixture>>;

/** Pays 1 ETH from the treasury to `recipient`. */
const payment = (d: Dao, description = "Pay the recipient 1 ETH") =>
  proposalOf([{ target: d.recipient.address, value: TOKENS(1) }], description);

/** `proposer` submits `p`; returns its (sequential) id and snapshot. */
async function propose(d: Dao, p: Proposal, proposer: Signer = d.bob) {
  await d.governor.connect(proposer).propose(p.targets, p.values, p.calldatas, p.description);
  const id = await d.governor.getProposalId(p.targets, p.values, p.calldatas, p.descriptionHash);
  return { id, snapshot: await d.governor.proposalSnapshot(id) };
}

/** Moves past the voting delay: the snapshot is taken, votes open. */
const openVoting = async (governor: ModelGovernor, id: bigint) =>
  time.increaseTo((await governor.proposalSnapshot(id)) + 1n);
/** Moves past the voting period. */
const closeVoting = async (governor: ModelGovernor, id: bigint) =>
  time.increaseTo((await governor.proposalDeadline(id)) + 1n);

/** Proposes `p` (by bob), has alice (the quorum) vote for it, and queues it; returns the id and its ETA. */
async function queued(d: Dao, p: Proposal) {
  const { id } = await propose(d, p);
  await openVoting(d.governor, id);
  await d.governor.connect(d.alice).castVote(id, Vote.For);
  await closeVoting(d.governor, id);
  await d.governor.connect(d.stranger).queue(p.targets, p.values, p.calldatas, p.descriptionHash);
  return { id, eta: await d.governor.proposalEta(id) };
}

/** Runs `p` through the DAO: proposed, voted, queued, and executed at its ETA. */
async function pass(d: Dao, p: Proposal) {
  const { id, eta } = await queued(d, p);
  await time.setNextBlockTimestamp(eta);
  const tx = d.governor.connect(d.stranger).execute(p.targets, p.values, p.calldatas, p.descriptionHash);
  return { id, tx };
}

describe("ModelDao", function () {
  describe("when votes are counted", function () {
    async function activeFixture() {
      const d = await daoFixture();
      const p = payment(d);
      const { id, snapshot } = await propose(d, p);
      return { ...d, p, id, snapshot };
    }

    async function poolFixture() {
      const d = await activeFixture();
      // A lending pool holds 200k tokens (20% of the supply, five quorums) and lends them for the length of a call.
      const pool = (await ethers.deployContract("MockLendingPool", [d.token], d.lp)) as unknown as MockLendingPool;
      await d.token.connect(d.lp).transfer(pool, TOKENS(200_000));
      const attacker = (await ethers.deployContract("FlashVoter", [], d.stranger)) as unknown as FlashVoter;
      return { ...d, pool, attacker };
    }

    it("uses the balance at the snapshot, the end of the voting delay", async function () {
      const { governor, alice, id, snapshot } = await loadFixture(activeFixture);
      expect(snapshot).to.equal(BigInt(await time.latest()) + DAO.votingDelay);
      expect(await governor.state(id)).to.equal(ProposalState.Pending);
      await expect(governor.connect(alice).castVote(id, Vote.For))
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(id, ProposalState.Pending, ethers.toBeHex(1n << BigInt(ProposalState.Active), 32));
      await openVoting(governor, id);
      expect(await governor.state(id)).to.equal(ProposalState.Active);
    });

    it("counts tokens moved during the voting delay: the delay is the time to delegate", async function () {
      const { governor, token, lp, frank, id } = await loadFixture(activeFixture);
      await token.connect(lp).transfer(frank, TOKENS(10_000));
      await token.connect(frank).delegate(frank);
      await openVoting(governor, id);
      await expect(governor.connect(frank).castVote(id, Vote.For))
        .to.emit(governor, "VoteCast")
        .withArgs(frank.address, id, Vote.For, TOKENS(60_000), "");
    });

    it("does not count tokens received after the snapshot, and counts those sent away after it", async function () {
      const { governor, token, lp, alice, dave, id, snapshot } = await loadFixture(activeFixture);
      await openVoting(governor, id);
      // alice hands all her tokens to dave once the snapshot is taken: she still votes with them, he cannot.
      await token.connect(alice).transfer(dave, QUORUM);
      await token.connect(lp).transfer(dave, TOKENS(100_000));
      expect(await token.getVotes(dave)).to.equal(QUORUM + TOKENS(100_000) + 1n);
      expect(await governor.getVotes(dave, snapshot)).to.equal(1n);
      await expect(governor.connect(dave).castVote(id, Vote.Against))
        .to.emit(governor, "VoteCast")
        .withArgs(dave.address, id, Vote.Against, 1n, "");
      expect(await token.getVotes(alice)).to.equal(0n);
      await expect(governor.connect(alice).castVote(id, Vote.For))
        .to.emit(governor, "VoteCast")
        .withArgs(alice.address, id, Vote.For, QUORUM, "");
      expect(await governor.proposalVotes(id)).to.deep.equal([1n, QUORUM, 0n]);
    });

    it("does not count tokens bought in the sale and delivered after the snapshot", async function () {
      const d = await loadFixture(launchedDaoFixture);
      const { governor, token, offering, buyer, stranger } = d;
      await time.increaseTo(d.sale.start);
      await offering.connect(buyer).depositETH([], { value: TOKENS(20) });
      await time.increaseTo(d.sale.end + 1n);
      await offering.finalize();
      const { id } = await propose(d, payment(d));
      await openVoting(governor, id);
      await expect(offering.connect(stranger).settle(buyer)).to.changeTokenBalance(
        ethers,
        token,
        buyer,
        TOKENS(20_000),
      );
      await token.connect(buyer).delegate(buyer);
      expect(await token.getVotes(buyer)).to.equal(TOKENS(20_000));
      await expect(governor.connect(buyer).castVote(id, Vote.For))
        .to.emit(governor, "VoteCast")
        .withArgs(buyer.address, id, Vote.For, 0n, "");
    });

    it("gives no votes to a holder who delegates after the snapshot, nor to the delegate", async function () {
      const { governor, token, frank, gina, alice, id } = await loadFixture(activeFixture);
      await openVoting(governor, id);
      await token.connect(frank).delegate(frank);
      await token.connect(gina).delegate(alice);
      expect(await token.getVotes(frank)).to.equal(TOKENS(50_000));
      expect(await token.getVotes(alice)).to.equal(QUORUM + TOKENS(50_000));
      await expect(governor.connect(frank).castVote(id, Vote.For))
        .to.emit(governor, "VoteCast")
        .withArgs(frank.address, id, Vote.For, 0n, "");
      await expect(governor.connect(alice).castVote(id, Vote.For))
        .to.emit(governor, "VoteCast")
        .withArgs(alice.address, id, Vote.For, QUORUM, "");
      expect(await governor.proposalVotes(id)).to.deep.equal([0n, QUORUM, 0n]);
    });

    it("gives flash-borrowed tokens no votes on an open proposal", async function () {
      const { governor, token, pool, attacker, id } = await loadFixture(poolFixture);
      await openVoting(governor, id);
      const vote = governor.interface.encodeFunctionData("castVote", [id, Vote.For]);
      await expect(attacker.attack(pool, TOKENS(200_000), governor, vote))
        .to.emit(governor, "VoteCast")
        .withArgs(await attacker.getAddress(), id, Vote.For, 0n, "");
      expect(await governor.proposalVotes(id)).to.deep.equal([0n, 0n, 0n]);
      expect(await token.balanceOf(pool)).to.equal(TOKENS(200_000));
    });

    it("refuses a proposal from flash-borrowed tokens: the threshold reads votes a second back", async function () {
      const { governor, pool, attacker, recipient } = await loadFixture(poolFixture);
      const call = governor.interface.encodeFunctionData("propose", [
        [recipient.address],
        [TOKENS(10)],
        ["0x"],
        "Pay the recipient 10 ETH",
      ]);
      await expect(attacker.attack(pool, TOKENS(200_000), governor, call))
        .to.be.revertedWithCustomError(governor, "GovernorInsufficientProposerVotes")
        .withArgs(await attacker.getAddress(), 0n, THRESHOLD);
    });

    it("refuses a second vote from the same account", async function () {
      const { governor, alice, id } = await loadFixture(activeFixture);
      await openVoting(governor, id);
      await governor.connect(alice).castVote(id, Vote.For);
      for (const support of [Vote.For, Vote.Against, Vote.Abstain]) {
        await expect(governor.connect(alice).castVote(id, support))
          .to.be.revertedWithCustomError(governor, "GovernorAlreadyCastVote")
          .withArgs(alice.address);
      }
      expect(await governor.hasVoted(id, alice)).to.equal(true);
      expect(await governor.proposalVotes(id)).to.deep.equal([0n, QUORUM, 0n]);
    });
  });

  describe("when the quorum is measured", function () {
    async function activeFixture() {
      const d = await daoFixture();
      const p = payment(d);
      const { id, snapshot } = await propose(d, p);
      await openVoting(d.governor, id);
      return { ...d, p, id, snapshot };
    }

    it("is 4% of the supply at the snapshot", async function () {
      const { governor, snapshot } = await loadFixture(activeFixture);
      expect(await governor.quorum(snapshot)).to.equal(QUORUM);
    });

    it("passes with votes for exactly at the quorum", async function () {
      const { governor, alice, id } = await loadFixture(activeFixture);
      await governor.connect(alice).castVote(id, Vote.For);
      await closeVoting(governor, id);
      expect(await governor.state(id)).to.equal(ProposalState.Succeeded);
    });

    it("fails with votes for one unit below the quorum", async function () {
      const { governor, carol, id } = await loadFixture(activeFixture);
      await governor.connect(carol).castVote(id, Vote.For);
      await closeVoting(governor, id);
      expect(await governor.proposalVotes(id)).to.deep.equal([0n, QUORUM - 1n, 0n]);
      expect(await governor.state(id)).to.equal(ProposalState.Defeated);
    });

    it("counts abstentions toward the quorum", async function () {
      const { governor, carol, dave, id } = await loadFixture(activeFixture);
      await governor.connect(carol).castVote(id, Vote.Abstain);
      await governor.connect(dave).castVote(id, Vote.For);
      await closeVoting(governor, id);
      expect(await governor.proposalVotes(id)).to.deep.equal([0n, 1n, QUORUM - 1n]);
      expect(await governor.state(id)).to.equal(ProposalState.Succeeded);
    });

    it("does not count votes against toward the quorum", async function () {
      const { governor, carol, bob, id } = await loadFixture(activeFixture);
      await governor.connect(carol).castVote(id, Vote.Abstain);
      await governor.connect(bob).castVote(id, Vote.Against);
      await closeVoting(governor, id);
      // Quorum reached (abstain + for would be enough), but for does not beat against.
      expect(await governor.state(id)).to.equal(ProposalState.Defeated);
    });

    it("fails when abstentions reach the quorum but nobody votes for", async function () {
      const { governor, alice, id } = await loadFixture(activeFixture);
      await governor.connect(alice).castVote(id, Vote.Abstain);
      await closeVoting(governor, id);
      expect(await governor.state(id)).to.equal(ProposalState.Defeated);
    });
  });

  describe("when a proposal is submitted", function () {
    it("accepts a proposer exactly at the threshold", async function () {
      const d = await loadFixture(daoFixture);
      const p = payment(d);
      expect(await d.governor.getVotes(d.bob, (await time.latest()) - 1)).to.equal(THRESHOLD);
      await expect(d.governor.connect(d.bob).propose(p.targets, p.values, p.calldatas, p.description))
        .to.emit(d.governor, "ProposalCreated")
        .withArgs(
          1n,
          d.bob.address,
          p.targets,
          p.values,
          [""],
          p.calldatas,
          () => true,
          () => true,
          p.description,
        );
      expect(await d.governor.proposalProposer(1n)).to.equal(d.bob.address);
    });

    it("refuses a proposer one unit below the threshold", async function () {
      const d = await loadFixture(daoFixture);
      const p = payment(d);
      await expect(d.governor.connect(d.erin).propose(p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(d.governor, "GovernorInsufficientProposerVotes")
        .withArgs(d.erin.address, THRESHOLD - 1n, THRESHOLD);
    });

    it("refuses a holder who has not delegated, whatever the balance", async function () {
      const d = await loadFixture(daoFixture);
      const p = payment(d);
      await expect(d.governor.connect(d.frank).propose(p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(d.governor, "GovernorInsufficientProposerVotes")
        .withArgs(d.frank.address, 0n, THRESHOLD);
    });

    it("numbers proposals 1, 2, 3", async function () {
      const d = await loadFixture(daoFixture);
      for (const n of [1n, 2n, 3n]) {
        expect((await propose(d, payment(d, `Payment ${n}`))).id).to.equal(n);
      }
    });
  });

  describe("when a proposal is cancelled", function () {
    async function pendingFixture() {
      const d = await daoFixture();
      const p = payment(d);
      const { id } = await propose(d, p);
      return { ...d, p, id };
    }

    it("lets the proposer cancel while it is pending", async function () {
      const { governor, bob, alice, p, id } = await loadFixture(pendingFixture);
      await expect(governor.connect(bob).cancel(p.targets, p.values, p.calldatas, p.descriptionHash))
        .to.emit(governor, "ProposalCanceled")
        .withArgs(id);
      expect(await governor.state(id)).to.equal(ProposalState.Canceled);
      await openVoting(governor, id);
      await expect(governor.connect(alice).castVote(id, Vote.For)).to.be.revertedWithCustomError(
        governor,
        "GovernorUnexpectedProposalState",
      );
    });

    it("refuses anyone else", async function () {
      const { governor, alice, p, id } = await loadFixture(pendingFixture);
      await expect(governor.connect(alice).cancel(p.targets, p.values, p.calldatas, p.descriptionHash))
        .to.be.revertedWithCustomError(governor, "GovernorUnableToCancel")
        .withArgs(id, alice.address);
    });

    it("refuses the proposer once voting has opened", async function () {
      const { governor, bob, p, id } = await loadFixture(pendingFixture);
      await openVoting(governor, id);
      await expect(governor.connect(bob).cancel(p.targets, p.values, p.calldatas, p.descriptionHash))
        .to.be.revertedWithCustomError(governor, "GovernorUnableToCancel")
        .withArgs(id, bob.address);
      expect(await governor.state(id)).to.equal(ProposalState.Active);
    });
  });

  describe("when a proposal is executed", function () {
    async function queuedFixture() {
      const d = await daoFixture();
      const p = payment(d);
      const { id, eta } = await queued(d, p);
      return { ...d, p, id, eta };
    }

    it("waits the timelock delay from queueing", async function () {
      const { governor, timelock, id, eta } = await loadFixture(queuedFixture);
      expect(await governor.state(id)).to.equal(ProposalState.Queued);
      expect(eta).to.equal(BigInt(await time.latest()) + TIMELOCK_DELAY);
      expect(await timelock.getMinDelay()).to.equal(TIMELOCK_DELAY);
    });

    it("refuses execution a second before the ETA", async function () {
      const { governor, timelock, stranger, p, eta } = await loadFixture(queuedFixture);
      const operation = await timelock.hashOperationBatch(
        p.targets,
        p.values,
        p.calldatas,
        ethers.ZeroHash,
        // GovernorTimelockControl salts each operation with the governor address over the description hash.
        ethers.toBeHex((BigInt(await governor.getAddress()) << 96n) ^ BigInt(p.descriptionHash), 32),
      );
      await time.setNextBlockTimestamp(eta - 1n);
      await expect(governor.connect(stranger).execute(p.targets, p.values, p.calldatas, p.descriptionHash))
        .to.be.revertedWithCustomError(timelock, "TimelockUnexpectedOperationState")
        .withArgs(operation, READY_BITMAP);
    });

    it("executes at the ETA, by anyone", async function () {
      const { governor, timelock, stranger, recipient, p, id, eta } = await loadFixture(queuedFixture);
      await time.setNextBlockTimestamp(eta);
      const tx = governor.connect(stranger).execute(p.targets, p.values, p.calldatas, p.descriptionHash);
      await expect(tx).to.emit(governor, "ProposalExecuted").withArgs(id);
      await expect(tx).to.changeEtherBalances(ethers, [timelock, recipient], [-TOKENS(1), TOKENS(1)]);
      expect(await governor.state(id)).to.equal(ProposalState.Executed);
      await expect(
        governor.connect(stranger).execute(p.targets, p.values, p.calldatas, p.descriptionHash),
      ).to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState");
    });

    it("refuses execution of a proposal that was never queued", async function () {
      const d = await loadFixture(daoFixture);
      const p = payment(d);
      const { id } = await propose(d, p);
      await openVoting(d.governor, id);
      await d.governor.connect(d.alice).castVote(id, Vote.For);
      await closeVoting(d.governor, id);
      await expect(d.governor.connect(d.stranger).execute(p.targets, p.values, p.calldatas, p.descriptionHash))
        .to.be.revertedWithCustomError(d.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, ProposalState.Succeeded, ethers.toBeHex(1n << BigInt(ProposalState.Queued), 32));
    });
  });

  describe("when votes are signed", function () {
    async function signingFixture() {
      const d = await daoFixture();
      const p = payment(d);
      const { id } = await propose(d, p);
      await openVoting(d.governor, id);
      /** `signer`'s EIP-712 Ballot for `voter`, with `voter`'s next nonce unless given. */
      const ballot = (signer: Signer, voter: string, support: Vote, nonce?: bigint) =>
        ballotSignature(d.governor, signer, id, support, voter, nonce);
      return { ...d, p, id, ballot };
    }

    it("counts a ballot relayed by anyone, and uses the voter's nonce", async function () {
      const { governor, alice, stranger, id, ballot } = await loadFixture(signingFixture);
      const signature = await ballot(alice, alice.address, Vote.For);
      await expect(governor.connect(stranger).castVoteBySig(id, Vote.For, alice, signature))
        .to.emit(governor, "VoteCast")
        .withArgs(alice.address, id, Vote.For, QUORUM, "");
      expect(await governor.nonces(alice)).to.equal(1n);
      expect(await governor.hasVoted(id, stranger)).to.equal(false);
    });

    it("refuses a replayed ballot", async function () {
      const { governor, alice, stranger, id, ballot } = await loadFixture(signingFixture);
      const signature = await ballot(alice, alice.address, Vote.For);
      await governor.connect(stranger).castVoteBySig(id, Vote.For, alice, signature);
      await expect(governor.connect(stranger).castVoteBySig(id, Vote.For, alice, signature))
        .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
        .withArgs(alice.address);
    });

    it("refuses a ballot signed by someone other than the voter", async function () {
      const { governor, alice, bob, stranger, id, ballot } = await loadFixture(signingFixture);
      const signature = await ballot(bob, alice.address, Vote.For);
      await expect(governor.connect(stranger).castVoteBySig(id, Vote.For, alice, signature))
        .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
        .withArgs(alice.address);
    });

    it("refuses a ballot relayed with another choice or a stale nonce", async function () {
      const { governor, alice, stranger, id, ballot } = await loadFixture(signingFixture);
      const signature = await ballot(alice, alice.address, Vote.For);
      await expect(governor.connect(stranger).castVoteBySig(id, Vote.Against, alice, signature))
        .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
        .withArgs(alice.address);
      await expect(
        governor.connect(stranger).castVoteBySig(id, Vote.For, alice, await ballot(alice, alice.address, Vote.For, 1n)),
      )
        .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
        .withArgs(alice.address);
    });

    it("refuses a signed vote from a voter who already voted", async function () {
      const { governor, alice, stranger, id, ballot } = await loadFixture(signingFixture);
      await governor.connect(alice).castVote(id, Vote.Against);
      const signature = await ballot(alice, alice.address, Vote.For);
      await expect(governor.connect(stranger).castVoteBySig(id, Vote.For, alice, signature))
        .to.be.revertedWithCustomError(governor, "GovernorAlreadyCastVote")
        .withArgs(alice.address);
    });
  });

  describe("when governance changes itself", function () {
    function selfChange(d: Dao) {
      const governor = d.governor.target as string;
      const timelock = d.timelock.target as string;
      return proposalOf(
        [
          { target: governor, data: d.governor.interface.encodeFunctionData("setVotingPeriod", [3 * DAY]) },
          { target: governor, data: d.governor.interface.encodeFunctionData("updateQuorumNumerator", [10]) },
          { target: timelock, data: d.timelock.interface.encodeFunctionData("updateDelay", [DAY]) },
        ],
        "Shorter votes, a 10% quorum and a one-day delay",
      );
    }

    it("changes the voting period, the quorum and the timelock delay through a proposal", async function () {
      const d = await loadFixture(daoFixture);
      const before = BigInt(await time.latest());
      const { tx } = await pass(d, selfChange(d));
      await expect(tx)
        .to.emit(d.governor, "VotingPeriodSet")
        .withArgs(DAO.votingPeriod, 3n * BigInt(DAY));
      await expect(tx).to.emit(d.governor, "QuorumNumeratorUpdated").withArgs(DAO.quorumPercent, 10n);
      await expect(tx).to.emit(d.timelock, "MinDelayChange").withArgs(TIMELOCK_DELAY, BigInt(DAY));
      expect(await d.governor.votingPeriod()).to.equal(3n * BigInt(DAY));
      expect(await d.governor["quorumNumerator()"]()).to.equal(10n);
      expect(await d.timelock.getMinDelay()).to.equal(BigInt(DAY));
      // The new quorum applies from now on; earlier snapshots keep theirs.
      expect(await d.governor.quorum(before)).to.equal(QUORUM);
      await time.increase(1);
      expect(await d.governor.quorum((await time.latest()) - 1)).to.equal(SUPPLY / 10n);
    });

    it("holds the next proposal to the new rules", async function () {
      const d = await loadFixture(daoFixture);
      await (await pass(d, selfChange(d))).tx;
      await time.increase(1);
      const p = payment(d);
      const { id, snapshot } = await propose(d, p);
      expect(await d.governor.proposalDeadline(id)).to.equal(snapshot + 3n * BigInt(DAY));
      await openVoting(d.governor, id);
      // alice's 4% no longer reaches the quorum.
      await d.governor.connect(d.alice).castVote(id, Vote.For);
      await closeVoting(d.governor, id);
      expect(await d.governor.state(id)).to.equal(ProposalState.Defeated);
    });

    it("refuses the same changes made directly, even by the team", async function () {
      const { governor, timelock, alice, team } = await loadFixture(daoFixture);
      for (const caller of [alice, team]) {
        await expect(governor.connect(caller).setVotingPeriod(3 * DAY))
          .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
          .withArgs(caller.address);
        await expect(governor.connect(caller).updateQuorumNumerator(10))
          .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
          .withArgs(caller.address);
        await expect(governor.connect(caller).setProposalThreshold(0))
          .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
          .withArgs(caller.address);
        await expect(timelock.connect(caller).updateDelay(0))
          .to.be.revertedWithCustomError(timelock, "TimelockUnauthorizedCaller")
          .withArgs(caller.address);
      }
    });
  });

  describe("when the DAO governs the model", function () {
    async function usdFixture() {
      const d = await daoFixture();
      const usd = (await ethers.deployContract("MockStablecoin")) as unknown as MockStablecoin;
      return { ...d, usd };
    }

    it("sets a stream duration, accepts an asset and publishes a version through the timelock", async function () {
      const d = await loadFixture(usdFixture);
      const { token, registry, timelock, usd } = d;
      const version = {
        weightsCid: cidOf("weights v2"),
        configCid: "0x",
        tag: "v2.0.0",
        parent: { model: 0n, index: 0n },
        datasetCids: [],
      };
      const revenue = token.target as string;
      const p = proposalOf(
        [
          { target: revenue, data: token.interface.encodeFunctionData("setStreamDuration", [NATIVE, DAY]) },
          { target: revenue, data: token.interface.encodeFunctionData("allowAsset", [await usd.getAddress()]) },
          {
            target: registry.target as string,
            data: registry.interface.encodeFunctionData("publish", [MODEL, version]),
          },
        ],
        "Stream ETH revenue over a day, accept mUSD, publish v2.0.0",
      );
      expect(await token.dao()).to.equal(await timelock.getAddress());
      expect(await registry.ownerOf(MODEL)).to.equal(await timelock.getAddress());
      const { tx } = await pass(d, p);
      await expect(tx).to.emit(token, "RevenueStreamDurationSet").withArgs(NATIVE, BigInt(DAY));
      await expect(tx)
        .to.emit(token, "RevenueAssetAllowed")
        .withArgs(await usd.getAddress(), 1n);
      await expect(tx)
        .to.emit(registry, "VersionPublished")
        .withArgs(MODEL, 0n, await timelock.getAddress(), () => true);
      expect(await token.revenueAssets()).to.deep.equal([NATIVE, await usd.getAddress()]);
      const published = await registry.getVersionByTag(MODEL, "v2.0.0");
      expect(published.weightsCid).to.equal(version.weightsCid);
    });

    it("refuses revenue settings from anyone but the timelock", async function () {
      const { token, alice, team, usd } = await loadFixture(usdFixture);
      for (const caller of [alice, team]) {
        await expect(token.connect(caller).setStreamDuration(NATIVE, DAY))
          .to.be.revertedWithCustomError(token, "RevenueNotModelDao")
          .withArgs(caller.address);
        await expect(token.connect(caller).allowAsset(usd))
          .to.be.revertedWithCustomError(token, "RevenueNotModelDao")
          .withArgs(caller.address);
      }
    });

    it("refuses a change of publishers from the former owner", async function () {
      const { registry, team, alice } = await loadFixture(usdFixture);
      await expect(registry.connect(team).setPublisher(MODEL, alice, true))
        .to.be.revertedWithCustomError(registry, "RegistryNotModelOwner")
        .withArgs(MODEL, team.address);
    });
  });
});
