import { expect } from "chai";
import { network } from "hardhat";

import { DEV_EMISSION_RESERVE } from "../../deploy/protocol.js";
import type { FlashVoter, MockLendingPool, NetworkEmission, PlainVotesToken } from "../../types/typechain/index.js";
import { TOKENS } from "../fixtures/constants.js";
import { SMALL_SUBNET } from "../fixtures/subnets.js";
import {
  Activity,
  BPS,
  CAP_BPS,
  createSubnet,
  GRACE_BLOCKS,
  nextPeriod,
  RATE_BPS,
  runEpoch,
  SETTINGS,
  subnetsFixture,
  timelockSigner,
  vote,
} from "./fixture.js";

// The attacks on the emission's split, each named after its finding and asserting that the attacker gains nothing
// against the same scenario without the attack. Each comment says which defence the test holds, so that a contract
// without it fails the test.

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, mine, takeSnapshot } = networkHelpers;

const P = TOKENS(2_500_000);
const RELEASE = (DEV_EMISSION_RESERVE * RATE_BPS) / BPS;

async function subnetsReady() {
  return subnetsFixture(connection);
}

/** Holder 1's votes 70/30 on a and b from period 3, which has begun: a's 70% is over the cap, b takes 30%. */
async function votedFixture() {
  const f = await subnetsFixture(connection);
  await vote(f.emission, f.holders[1], [
    [f.a.netuid, 7000],
    [f.b.netuid, 3000],
  ]);
  await nextPeriod(connection, f.emission);
  return f;
}

/**
 * A lending pool holding a million protocol tokens (holder 3's), and a flash voter that has held 1,000 tokens,
 * delegated to itself, since period 2: it may vote with those, in period 3, which has begun.
 */
async function flashFixture() {
  const f = await subnetsFixture(connection);
  const pool = (await ethers.deployContract("MockLendingPool", [f.token], f.holders[3])) as unknown as MockLendingPool;
  await f.token.connect(f.holders[3]).transfer(pool, TOKENS(1_000_000));
  const attacker = (await ethers.deployContract("FlashVoter", [], f.stranger)) as unknown as FlashVoter;
  await f.token.connect(f.holders[2]).transfer(attacker, TOKENS(1000));
  // A loan of nothing makes it delegate to itself.
  await attacker.attack(pool, 0n, f.emission, f.emission.interface.encodeFunctionData("powerOf", [attacker.target]));
  await nextPeriod(connection, f.emission);
  return { ...f, pool, attacker };
}

/** Sum of `voters`' delegated votes just before the current period's start. */
async function votesAtStart(f: Awaited<ReturnType<typeof subnetsFixture>>, voters: string[]): Promise<bigint> {
  const [, start] = await f.emission.currentPeriod();
  let sum = 0n;
  for (const v of voters) sum += await f.token.getPastVotes(v, start - 1n);
  return sum;
}

describe("NetworkEmission attacks", function () {
  after(async function () {
    await connection.close();
  });

  describe("E-01 flash-borrowed or freshly acquired votes", function () {
    it("E-01 flash-borrowed votes weigh nothing: a loan delegated and voted in one transaction adds no power", async function () {
      const { emission, pool, attacker, a } = await loadFixture(flashFixture);
      const ballot = emission.interface.encodeFunctionData("vote", [[a.netuid], [10_000]]);
      // The same vote without the loan: the 1,000 tokens it held at the period's start.
      const snapshot = await takeSnapshot();
      await attacker.attack(pool, 0n, emission, ballot);
      const honest = await emission.weightOf(a.netuid);
      expect(honest).to.deep.equal([0n, TOKENS(1000)]);
      await snapshot.restore();
      // With a million borrowed (a thousand times its votes), delegated and voted in the same call: the same weight.
      // A vote counting the votes held now (getVotes) rather than those held at the period's start would weigh 1,001,000.
      await attacker.attack(pool, TOKENS(1_000_000), emission, ballot);
      expect(await emission.weightOf(a.netuid)).to.deep.equal(honest);
      expect((await emission.ballotOf(attacker)).power).to.equal(TOKENS(1000));
      // Nor does a refresh inside a loan raise it.
      const refresh = emission.interface.encodeFunctionData("refresh", [attacker.target]);
      await attacker.attack(pool, TOKENS(1_000_000), emission, refresh);
      expect(await emission.weightOf(a.netuid)).to.deep.equal(honest);
    });

    it("E-01 a borrower without votes of its own is refused", async function () {
      const { emission, pool, a, stranger, token } = await loadFixture(flashFixture);
      const fresh = (await ethers.deployContract("FlashVoter", [], stranger)) as unknown as FlashVoter;
      const ballot = emission.interface.encodeFunctionData("vote", [[a.netuid], [10_000]]);
      await expect(fresh.attack(pool, TOKENS(1_000_000), emission, ballot))
        .to.be.revertedWithCustomError(emission, "EmissionNoVotingPower")
        .withArgs(fresh.target);
      expect(await token.balanceOf(pool)).to.equal(TOKENS(1_000_000));
    });

    it("E-01 tokens bought or delegated during a period weigh nothing in it or in the next", async function () {
      const { emission, token, holders, a, b, stranger } = await loadFixture(subnetsReady);
      await vote(emission, holders[1], [[a.netuid, 10_000]]);
      const baseline = await emission.totalWeight();
      // During period 2: a buyer of holder 3's tokens, and holder 2 delegating to holder 1.
      await token.connect(holders[3]).transfer(stranger, P);
      await token.connect(stranger).delegate(stranger);
      await expect(vote(emission, stranger, [[b.netuid, 10_000]]))
        .to.be.revertedWithCustomError(emission, "EmissionNoVotingPower")
        .withArgs(stranger.address);
      await token.connect(holders[2]).delegate(holders[1]);
      expect(await token.getVotes(holders[1])).to.equal(2n * P);
      // A vote counting the votes now would double holder 1's weight: neither a refresh nor a new vote does.
      expect(await emission.refresh.staticCall(holders[1])).to.equal(false);
      await vote(emission, holders[1], [[a.netuid, 10_000]]);
      expect(await emission.totalWeight()).to.deep.equal(baseline);
      await nextPeriod(connection, emission);
      // In period 3, the votes weigh as if the purchase and the delegation had not happened.
      expect(await emission.totalWeight()).to.deep.equal([P, P]);
      expect((await emission.weightOf(b.netuid))[0]).to.equal(0n);
      // Held at period 3's start, they count from period 4.
      await vote(emission, stranger, [[b.netuid, 10_000]]);
      await emission.refresh(holders[1]);
      const bought = await token.getVotes(stranger);
      expect(await emission.totalWeight()).to.deep.equal([P, 2n * P + bought]);
    });
  });

  describe("E-02 selling after voting", function () {
    it("E-02 a seller keeps no weight past the next period once a stranger refreshes it; the buyer waits for a period start", async function () {
      const { emission, token, holders, a, b, stranger } = await loadFixture(subnetsReady);
      const buyer = holders[3];
      await vote(emission, holders[1], [[a.netuid, 10_000]]);
      await token.connect(holders[1]).transfer(buyer, P);
      // The buyer's tokens do not count in this period: it held only its own at its start.
      await vote(emission, buyer, [[b.netuid, 10_000]]);
      expect((await emission.ballotOf(buyer)).power).to.equal(P);
      // Without a refresh, the seller's vote would weigh P in period 3 with tokens it no longer holds.
      const snapshot = await takeSnapshot();
      await nextPeriod(connection, emission);
      expect((await emission.weightOf(a.netuid))[0]).to.equal(P);
      await snapshot.restore();
      // A stranger's refresh brings it to the votes it holds now, from period 3. A refresh counting only the votes at
      // the period's start (not capped by the votes now) would leave it at P.
      await expect(emission.connect(stranger).refresh(holders[1]))
        .to.emit(emission, "EmissionRefreshed")
        .withArgs(holders[1].address, stranger.address, 3n, P, 0n);
      await nextPeriod(connection, emission);
      expect(await emission.weightOf(a.netuid)).to.deep.equal([0n, 0n]);
      expect(await emission.shareOf(a.netuid)).to.deep.equal([0n, false]);
      await expect(emission.distribute([a.netuid]))
        .to.be.revertedWithCustomError(emission, "EmissionNoShare")
        .withArgs(a.netuid, 3n);
      // The sold tokens weigh once: with the buyer, from the period after the one whose start it held them at.
      expect(await emission.weightOf(b.netuid)).to.deep.equal([P, P]);
      await emission.connect(stranger).refresh(buyer);
      expect(await emission.weightOf(b.netuid)).to.deep.equal([P, 2n * P]);
    });

    it("E-02 a refresh in a later period removes a stale weight from the period after it", async function () {
      const { emission, token, holders, a, stranger } = await loadFixture(subnetsReady);
      await vote(emission, holders[1], [[a.netuid, 10_000]]);
      await token.connect(holders[1]).transfer(stranger, P);
      await nextPeriod(connection, emission);
      expect(await emission.weightOf(a.netuid)).to.deep.equal([P, P]);
      await emission.connect(stranger).refresh(holders[1]);
      expect(await emission.weightOf(a.netuid)).to.deep.equal([P, 0n]);
      await nextPeriod(connection, emission);
      expect(await emission.weightOf(a.netuid)).to.deep.equal([0n, 0n]);
    });
  });

  describe("E-03 voting twice through transfers", function () {
    it("E-03 the total weight never exceeds the votes its voters held at the period's start", async function () {
      const f = await loadFixture(subnetsReady);
      const { emission, token, holders, signers, a, b, stranger } = f;
      // x and y hold 10,000 tokens each, delegated since period 2.
      const [x, y] = [signers[17], signers[18]];
      for (const s of [x, y]) await token.connect(s).delegate(s);
      await nextPeriod(connection, emission);
      // A stake of P hops from holder 1 to x, to y, and back, a hop a period; each holder votes with it while it
      // holds it, and its recipient votes at once. A keeper refreshes the stale voters once a period, at its start.
      const hops = [holders[1], x, y, holders[1]];
      const voters = [...new Set(hops.map((h) => h.address))];
      for (let i = 0; i < hops.length - 1; i++) {
        const [from, to] = [hops[i], hops[i + 1]];
        for (const v of voters) {
          if ((await emission.ballotOf(v)).power !== (await emission.powerOf(v))) {
            await emission.connect(stranger).refresh(v);
          }
        }
        await vote(emission, from, [[a.netuid, 10_000]]);
        // The same address votes again after sending the stake away and getting it back: it counts once.
        await token.connect(from).transfer(to, P);
        await token.connect(to).transfer(from, P);
        await vote(emission, from, [[b.netuid, 10_000]]);
        const [, start] = await emission.currentPeriod();
        expect((await emission.ballotOf(from)).power).to.equal(await token.getPastVotes(from, start - 1n));
        // The recipient votes with what it held at the period's start: counting its votes now would let the stake
        // vote twice in the next period, the sender's stale weight and the recipient's.
        await token.connect(from).transfer(to, P);
        const held = await token.getPastVotes(to, start - 1n);
        if (held === 0n) {
          await expect(vote(emission, to, [[a.netuid, 10_000]]))
            .to.be.revertedWithCustomError(emission, "EmissionNoVotingPower")
            .withArgs(to.address);
        } else {
          await vote(emission, to, [[a.netuid, 10_000]]);
          expect((await emission.ballotOf(to)).power).to.equal(held);
        }
        await nextPeriod(connection, emission);
        const [current] = await emission.totalWeight();
        expect(current).to.be.lessThanOrEqual(await votesAtStart(f, voters));
      }
    });

    it("E-03 stale weights piled past what a weight holds are refused, never wrapped", async function () {
      const { subnets, owner, protocolTimelock, stakeToken, holders, stranger } = await loadFixture(subnetsReady);
      // A votes token with the largest supply the emission takes: three quarters with one holder.
      const max = (1n << 96n) - 1n;
      const stake = 3n << 94n;
      const [alice, bob] = [holders[1], holders[2]];
      const plain = (await ethers.deployContract("PlainVotesToken", [
        [alice.address, holders[0].address],
        [stake, max - stake],
      ])) as unknown as PlainVotesToken;
      const emission = (await ethers.deployContract("NetworkEmission", [
        plain,
        subnets,
        protocolTimelock,
        SETTINGS,
      ])) as unknown as NetworkEmission;
      for (const s of [alice, bob]) await plain.connect(s).delegate(s);
      const x = await createSubnet(subnets, owner, plain.target as string, stakeToken.target as string);
      const y = await createSubnet(subnets, owner, plain.target as string, stakeToken.target as string);
      await nextPeriod(connection, emission);
      // Alice votes, and hands the stake to Bob: nobody refreshes her.
      await vote(emission, alice, [[x, 10_000]]);
      await plain.connect(alice).transfer(bob, stake);
      await nextPeriod(connection, emission);
      // Bob's vote would take the total to 1.5 * 2^96: a tally that wrapped would hold 2^95, less than x's weight
      // alone, and every subnet's share would hit the cap (more than the release in all). It is refused.
      await expect(vote(emission, bob, [[y, 10_000]]))
        .to.be.revertedWithCustomError(emission, "EmissionWeightTooLarge")
        .withArgs(2n * stake, max);
      // Refreshing the stale voter makes room; nothing was lost meanwhile.
      await emission.connect(stranger).refresh(alice);
      await vote(emission, bob, [[y, 10_000]]);
      expect(await emission.totalWeight()).to.deep.equal([stake, stake]);
      expect((await emission.weightOf(x))[1]).to.equal(0n);
    });
  });

  describe("E-04 a dormant subnet", function () {
    it("E-04 a dormant subnet collects nothing: refused while overdue or without validators, its share back in the reserve", async function () {
      const { emission, token, subnets, a, b } = await loadFixture(votedFixture);
      const shareA = (RELEASE * CAP_BPS) / BPS;
      // b runs no epoch: past its due block and the grace, it is overdue; a's epochs run.
      const due = (await subnets.subnet(b.netuid)).nextEpochBlock;
      await mine(due + GRACE_BLOCKS - BigInt(await ethers.provider.getBlockNumber()) + 1n);
      await runEpoch(connection, subnets, a.netuid);
      // Without the activity check, b would receive 30% of the release.
      await expect(emission.distribute([b.netuid]))
        .to.be.revertedWithCustomError(emission, "EmissionSubnetInactive")
        .withArgs(b.netuid, Activity.Overdue);
      await emission.distribute([a.netuid]);
      await nextPeriod(connection, emission);
      // b's 30% stayed: period 4 releases from all but a's share.
      const held = DEV_EMISSION_RESERVE - shareA;
      expect(await token.balanceOf(emission)).to.equal(held);
      expect((await emission.periodRelease())[1]).to.equal((held * RATE_BPS) / BPS);
      // Its epochs run again, but its validator has left: no permit, no share.
      await subnets.connect(b.hotkeys[0]).unstake(b.netuid, b.hotkeys[0], TOKENS(1000));
      await runEpoch(connection, subnets, b.netuid);
      expect(await emission.activity(b.netuid)).to.equal(BigInt(Activity.TooFewValidators));
      await expect(emission.distribute([b.netuid]))
        .to.be.revertedWithCustomError(emission, "EmissionSubnetInactive")
        .withArgs(b.netuid, Activity.TooFewValidators);
    });
  });

  describe("E-05 a subnet over the cap", function () {
    it("E-05 a subnet over the cap collects the cap, once; the excess stays in the reserve and nothing is lost", async function () {
      const { emission, token, subnets, holders, a } = await loadFixture(subnetsReady);
      for (const h of holders.slice(1)) await vote(emission, h, [[a.netuid, 10_000]]);
      await nextPeriod(connection, emission);
      const cap = (RELEASE * CAP_BPS) / BPS;
      const pooled = await token.balanceOf(subnets);
      // Without the cap it would take the whole release.
      await expect(emission.distribute([a.netuid])).to.changeTokenBalance(ethers, token, emission, -cap);
      for (const netuids of [[a.netuid], [a.netuid, a.netuid]]) {
        await expect(emission.distribute(netuids))
          .to.be.revertedWithCustomError(emission, "EmissionAlreadyDistributed")
          .withArgs(a.netuid, 3n);
      }
      await nextPeriod(connection, emission);
      const next = ((DEV_EMISSION_RESERVE - cap) * RATE_BPS) / BPS;
      expect(await emission.periodRelease()).to.deep.equal([4n, next, 0n]);
      await emission.distribute([a.netuid]);
      // Every token is in the emission or in the subnets' pools.
      const paid = cap + (next * CAP_BPS) / BPS;
      expect(await token.balanceOf(emission)).to.equal(DEV_EMISSION_RESERVE - paid);
      expect(await token.balanceOf(subnets)).to.equal(pooled + paid);
    });
  });

  describe("E-06 insiders", function () {
    it("E-06 the protocol DAO cannot move the reserve: no function moves tokens but distribution into reward pools", async function () {
      const f = await loadFixture(votedFixture);
      const { emission, token, subnets, a, b } = f;
      const timelock = await timelockSigner(connection, f);
      const [shareA, shareB] = [(RELEASE * CAP_BPS) / BPS, (RELEASE * 3000n) / BPS];
      // The emission's writes are these four; a fifth (a sweep, a rescue) fails this test until it is reviewed.
      const writes: string[] = [];
      emission.interface.forEachFunction((fn) => {
        if (!fn.constant) writes.push(fn.name);
      });
      writes.sort();
      expect(writes).to.deep.equal(["distribute", "refresh", "setSettings", "vote"]);
      // Only the subnets contract may pull from it, and it pulls only from its caller.
      await expect(token.connect(timelock).transferFrom(emission, timelock, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(timelock.address, 0n, 1n);
      await expect(subnets.connect(timelock).fund(a.netuid, 1n)).to.be.revertedWithCustomError(
        token,
        "ERC20InsufficientAllowance",
      );
      // The timelock calling every write: only the subnets' shares leave, into their pools.
      await expect(emission.connect(timelock).vote([a.netuid], [10_000]))
        .to.be.revertedWithCustomError(emission, "EmissionNoVotingPower")
        .withArgs(timelock.address);
      await emission.connect(timelock).refresh(timelock);
      await emission.connect(timelock).setSettings({ ...SETTINGS, rateBps: 1000n, capBps: BPS });
      await expect(emission.connect(timelock).distribute([a.netuid, b.netuid])).to.changeTokenBalances(
        ethers,
        token,
        [emission, subnets, timelock],
        [-(shareA + shareB), shareA + shareB, 0n],
      );
    });

    it("E-06 the protocol DAO cannot change a running period: settings at their bounds wait for the next", async function () {
      const f = await loadFixture(votedFixture);
      const { emission, a, b } = f;
      const timelock = await timelockSigner(connection, f);
      await emission.distribute([b.netuid]);
      const before = {
        period: await emission.currentPeriod(),
        release: await emission.periodRelease(),
        share: await emission.shareOf(a.netuid),
        activity: await emission.activity(a.netuid),
      };
      // Settings applied at once would end the period within the hour, release 10%, cap a at 5% and need 64
      // validators: each changes one of the values below.
      await emission.connect(timelock).setSettings({
        periodLength: 3600n,
        rateBps: 1000n,
        capBps: 500n,
        graceBlocks: 0n,
        minValidators: 64n,
      });
      await mine(30);
      expect(await emission.currentPeriod()).to.deep.equal(before.period);
      expect(await emission.periodRelease()).to.deep.equal(before.release);
      expect(await emission.shareOf(a.netuid)).to.deep.equal(before.share);
      expect(await emission.activity(a.netuid)).to.equal(before.activity);
      await expect(emission.distribute([a.netuid]))
        .to.emit(emission, "EmissionDistributed")
        .withArgs(a.netuid, 3n, before.share[0], (await ethers.getSigners())[0].address);
    });

    it("E-06 a subnet owner cannot raise its share within a period, nor collect it twice", async function () {
      const { emission, token, subnets, owner, a } = await loadFixture(votedFixture);
      // The period's first call fixes its release. (Tokens sent before it are a gift to every subnet's share: 0.5% of
      // them is released, of which the owner's subnet gets its part.)
      await emission.refresh(owner);
      const [share] = await emission.shareOf(a.netuid);
      expect(share).to.equal((RELEASE * CAP_BPS) / BPS);
      // Its levers: its subnet's hyperparameters, funding, tokens sent to the emission, a new subnet, a vote.
      await subnets.connect(owner).setHyperparameters(a.netuid, { ...SMALL_SUBNET, ownerCut: 29_491, emission: 1n });
      await subnets.connect(owner).fund(a.netuid, TOKENS(100));
      await token.connect(owner).transfer(emission, TOKENS(1000));
      const other = await createSubnet(subnets, owner, token.target as string);
      await expect(emission.connect(owner).vote([a.netuid, other], [5000, 5000]))
        .to.be.revertedWithCustomError(emission, "EmissionNoVotingPower")
        .withArgs(owner.address);
      // A share read from the live balance or weights would move here.
      expect(await emission.shareOf(a.netuid)).to.deep.equal([share, false]);
      await expect(emission.connect(owner).distribute([a.netuid])).to.changeTokenBalance(ethers, token, subnets, share);
      await expect(emission.connect(owner).distribute([a.netuid]))
        .to.be.revertedWithCustomError(emission, "EmissionAlreadyDistributed")
        .withArgs(a.netuid, 3n);
    });
  });
});
