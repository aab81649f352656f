import { expect } from "chai";
import { network } from "hardhat";

import { DAY, ETH, MINUTE, ProposalState, SaleStatus as Status, TOKENS, Vote } from "../fixtures/constants.js";
import { proposalOf } from "../fixtures/governance.js";
import { DAO, deployLaunched, saleStart, TIMELOCK_DELAY } from "../fixtures/launch.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

/**
 * The launch of deploy/launches/face-landmark-68.json: 1M tokens, 300k on sale at 0.0002 ETH (caps 10 and 50 ETH,
 * 40 ETH a wallet) for a week from ten minutes after launch, 300k to the treasury, 100k of liquidity to the
 * treasury, 300k to three team members vesting from the sale's end, and a DAO with a 4% quorum (40k votes).
 * The team delegates its vesting wallets' votes to its first member: 300k votes while nothing else can vote.
 */
async function demoLaunchFixture() {
  const [team, member1, member2, member3, alice, bob, carol] = await ethers.getSigners();
  const members = [member1, member2, member3];
  const l = await deployLaunched(connection, {
    team,
    launch: async () => ({
      start: await saleStart(connection, 10 * MINUTE),
      treasuryAmount: TOKENS(300_000),
      liquidityAmount: TOKENS(100_000),
      team: [150_000, 100_000, 50_000].map((amount, i) => ({
        beneficiary: members[i].address,
        amount: TOKENS(amount),
        cliff: BigInt(90 * DAY),
      })),
      sale: { price: ETH(1) / 5_000n, hardCap: ETH(50), walletCap: ETH(40) },
      revenue: { reserveBps: 500, streamDuration: DAY },
    }),
  });
  for (const [i, wallet] of l.vesting.entries()) await wallet.connect(members[i]).delegate(l.token, member1);
  const { start, end } = l.params.sale;
  return { ...l, team, member1, alice, bob, carol, start: BigInt(start), end: BigInt(end) };
}

type Launch = Awaited<ReturnType<typeof demoLaunchFixture>>;

/** The sale oversubscribed: alice, bob and carol deposit 20 ETH each against the 50 ETH hard cap. */
async function liveSaleFixture() {
  const l = await demoLaunchFixture();
  await time.increaseTo(l.start);
  for (const buyer of [l.alice, l.bob, l.carol]) await l.offering.connect(buyer).depositETH([], { value: ETH(20) });
  return l;
}

/** The insiders' proposal: the raise (50 ETH) and 400,000 treasury tokens to the team's first member. */
function payTheTeam(l: Launch) {
  return proposalOf(
    [
      { target: l.member1.address, value: ETH(50) },
      {
        target: l.token.target as string,
        data: l.token.interface.encodeFunctionData("transfer", [l.member1.address, TOKENS(400_000)]),
      },
    ],
    "Pay the team for its work",
  );
}

describe("ModelGovernor: no proposal before the sale is over", function () {
  it("M-03 team proposes on day 5.5 of the sale to pay itself the raise and the treasury: refused, nothing moves", async function () {
    const l = await loadFixture(liveSaleFixture);
    const p = payTheTeam(l);
    // The team's locked tokens are the only votes: the sale's and the treasury's tokens cannot vote.
    expect(await l.token.getVotes(l.member1)).to.equal(TOKENS(300_000));
    await time.increaseTo(l.start + BigInt(DAY * 5.5));
    await expect(l.governor.connect(l.member1).propose(p.targets, p.values, p.calldatas, p.description))
      .to.be.revertedWithCustomError(l.governor, "ModelGovernorSaleNotOver")
      .withArgs(await l.offering.getAddress(), l.end);
    // A second before the end too: its snapshot would fall after the end, but too close for buyers to settle.
    await time.setNextBlockTimestamp(l.end - 1n);
    await expect(
      l.governor.connect(l.member1).propose(p.targets, p.values, p.calldatas, p.description),
    ).to.be.revertedWithCustomError(l.governor, "ModelGovernorSaleNotOver");

    // When the reproduced attack would have executed (proposal + voting delay + period + timelock), nothing moved.
    await time.increaseTo(l.start + BigInt(DAY * 5.5) + DAO.votingDelay + DAO.votingPeriod + TIMELOCK_DELAY + 1n);
    await l.offering.finalize();
    expect(await l.governor.latestProposalId()).to.equal(0n);
    expect(await ethers.provider.getBalance(l.timelock)).to.equal(ETH(50));
    expect(await l.token.balanceOf(l.timelock)).to.equal(TOKENS(400_000) + TOKENS(50_000));
    expect(await l.token.balanceOf(l.member1)).to.equal(0n);
  });

  it("M-03 from the sale's end a proposal's snapshot is a voting delay away: every buyer who settles and delegates by then votes", async function () {
    const l = await loadFixture(liveSaleFixture);
    const p = payTheTeam(l);
    await time.increaseTo(l.end);
    // Nobody has finalised; the team proposes in the first second it may.
    await l.governor.connect(l.member1).propose(p.targets, p.values, p.calldatas, p.description);
    const id = await l.governor.latestProposalId();
    const snapshot = await l.governor.proposalSnapshot(id);
    expect(snapshot).to.be.greaterThanOrEqual(l.end + DAO.votingDelay);
    // The buyers settle (the first settlement finalises the sale) and delegate before the snapshot.
    for (const buyer of [l.alice, l.bob, l.carol]) {
      await l.offering.settle(buyer);
      await l.token.connect(buyer).delegate(buyer);
    }
    expect(await l.offering.status()).to.equal(Status.Oversubscribed);
    await time.increaseTo(snapshot + 1n);
    let against = 0n;
    for (const buyer of [l.alice, l.bob, l.carol]) {
      const held = await l.token.balanceOf(buyer);
      expect(await l.governor.getVotes(buyer, snapshot)).to.equal(held);
      await l.governor.connect(buyer).castVote(id, Vote.Against);
      against += held;
    }
    await l.governor.connect(l.member1).castVote(id, Vote.For);
    const [votesAgainst, votesFor] = await l.governor.proposalVotes(id);
    // Every token sold voted: 250k of the 300k on sale (the hard cap at the price).
    expect(votesAgainst).to.equal(against);
    expect(against).to.be.closeTo(TOKENS(250_000), 3n);
    expect(votesFor).to.equal(TOKENS(300_000));
  });

  it("M-03 proposals open at once when the team cancelled the sale before it started: there are no buyers", async function () {
    const l = await loadFixture(demoLaunchFixture);
    await l.offering.connect(l.team).cancel();
    const p = payTheTeam(l);
    await expect(l.governor.connect(l.member1).propose(p.targets, p.values, p.calldatas, p.description)).to.emit(
      l.governor,
      "ProposalCreated",
    );
    expect(await l.governor.state(1n)).to.equal(ProposalState.Pending);
  });

  it("records its sale and the sale's end, and refuses proposals while the sale is upcoming", async function () {
    const l = await loadFixture(demoLaunchFixture);
    expect(await l.governor.sale()).to.equal(await l.offering.getAddress());
    expect(await l.governor.saleEnd()).to.equal(l.end);
    const p = payTheTeam(l);
    await expect(l.governor.connect(l.member1).propose(p.targets, p.values, p.calldatas, p.description))
      .to.be.revertedWithCustomError(l.governor, "ModelGovernorSaleNotOver")
      .withArgs(await l.offering.getAddress(), l.end);
  });

  it("opens proposals after a failed sale, whose tokens went back to the treasury", async function () {
    const l = await loadFixture(demoLaunchFixture);
    await time.increaseTo(l.start);
    await l.offering.connect(l.alice).depositETH([], { value: ETH(1) });
    await time.increaseTo(l.end);
    await l.offering.finalize();
    expect(await l.offering.status()).to.equal(Status.Failed);
    const p = payTheTeam(l);
    await expect(l.governor.connect(l.member1).propose(p.targets, p.values, p.calldatas, p.description)).to.emit(
      l.governor,
      "ProposalCreated",
    );
  });
});
