import { expect } from "chai";
import { network } from "hardhat";

import { DEV_EMISSION_RESERVE } from "../../deploy/protocol.js";
import { TOKENS } from "../fixtures/constants.js";
import {
  BPS,
  createSubnet,
  emissionFixture,
  MAX_SUBNETS,
  NO_SETTINGS,
  nextPeriod,
  PERIOD,
  SETTINGS,
  settingsOf,
  subnetsFixture,
  vote,
} from "./fixture.js";

// The votes that split the emission across subnets: a ballot names subnets with basis points, weighs from the next
// period with the voter's power at the current period's start (capped by its power now), and is kept until changed;
// anyone may bring a voter's weight to its present power. Then the views a voter or keeper reads.

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

/** Each holder's share of the protocol token but the first's, all delegated since period 1. */
const P = TOKENS(2_500_000);

async function deployedFixture() {
  return emissionFixture(connection);
}

async function subnetsReady() {
  return subnetsFixture(connection);
}

/** Holder 1 has split its votes 70/30 between subnets a and b during period 2. */
async function splitFixture() {
  const f = await subnetsFixture(connection);
  await vote(f.emission, f.holders[1], [
    [f.a.netuid, 7000],
    [f.b.netuid, 3000],
  ]);
  return f;
}

describe("NetworkEmission votes", function () {
  after(async function () {
    await connection.close();
  });

  describe("when deployed", function () {
    it("starts period 1 at once with the default settings, holding the reserve, approved only to the subnets", async function () {
      const { emission, token, subnets, protocolTimelock, protocolGovernor } = await loadFixture(deployedFixture);
      // The constructor's event: the first settings, in force from period 1.
      const [queuedAtDeployment] = await emission.queryFilter(emission.filters.EmissionSettingsQueued());
      expect(settingsOf(queuedAtDeployment.args.settings)).to.deep.equal(SETTINGS);
      expect(queuedAtDeployment.args.from).to.equal(1n);
      const deployedAt = BigInt((await queuedAtDeployment.getBlock()).timestamp);
      expect(await emission.currentPeriod()).to.deep.equal([1n, deployedAt, deployedAt + PERIOD]);
      const [current, queued, from] = await emission.settings();
      expect(settingsOf(current)).to.deep.equal(SETTINGS);
      expect(settingsOf(queued)).to.deep.equal(NO_SETTINGS);
      expect(from).to.equal(0n);
      expect([await emission.token(), await emission.subnets(), await emission.timelock()]).to.deep.equal([
        token.target,
        subnets.target,
        protocolTimelock.target,
      ]);
      expect(await token.balanceOf(emission)).to.equal(DEV_EMISSION_RESERVE);
      expect(await token.allowance(emission, subnets)).to.equal(ethers.MaxUint256);
      expect(await token.allowance(emission, protocolTimelock)).to.equal(0n);
      expect(await token.allowance(emission, protocolGovernor)).to.equal(0n);
      expect(await emission.MAX_SUBNETS_PER_VOTER()).to.equal(MAX_SUBNETS);
    });

    it("refuses a supply a weight cannot hold, votes on a block clock, and settings out of bounds", async function () {
      const { emission, subnets, protocolTimelock, holders } = await loadFixture(deployedFixture);
      const deploy = (token: string, settings = SETTINGS) =>
        ethers.deployContract("NetworkEmission", [token, subnets.target, protocolTimelock.target, settings]);
      const huge = await ethers.deployContract("PlainVotesToken", [[holders[0].address], [1n << 96n]]);
      await expect(deploy(huge.target as string))
        .to.be.revertedWithCustomError(emission, "EmissionSupplyTooLarge")
        .withArgs(1n << 96n);
      const largest = await ethers.deployContract("PlainVotesToken", [[holders[0].address], [(1n << 96n) - 1n]]);
      await deploy(largest.target as string);
      const blockClock = await ethers.deployContract("BlockClockVotesToken", [TOKENS(1)]);
      await expect(deploy(blockClock.target as string)).to.be.revertedWithCustomError(
        emission,
        "EmissionTokenClockNotTimestamp",
      );
      await expect(deploy(largest.target as string, { ...SETTINGS, rateBps: 0n }))
        .to.be.revertedWithCustomError(emission, "EmissionSettingOutOfBounds")
        .withArgs("rateBps", 0n, 1n, 1000n);
    });
  });

  describe("when a holder splits its votes 70/30", function () {
    it("records the ballot and its weights from the next period, with the power held at this period's start", async function () {
      const { emission, token, holders, a, b } = await loadFixture(subnetsReady);
      const [period] = await emission.currentPeriod();
      // Tokens received during the period do not count.
      await token.connect(holders[2]).transfer(holders[1], TOKENS(5));
      await expect(
        vote(emission, holders[1], [
          [a.netuid, 7000],
          [b.netuid, 3000],
        ]),
      )
        .to.emit(emission, "EmissionVoted")
        .withArgs(holders[1].address, period + 1n, P, [a.netuid, b.netuid], [7000n, 3000n]);
      expect(await emission.ballotOf(holders[1])).to.deep.equal([P, period, [a.netuid, b.netuid], [7000n, 3000n]]);
      expect(await emission.weightOf(a.netuid)).to.deep.equal([0n, (P * 7000n) / BPS]);
      expect(await emission.weightOf(b.netuid)).to.deep.equal([0n, (P * 3000n) / BPS]);
      expect(await emission.totalWeight()).to.deep.equal([0n, P]);
    });

    it("weighs from the next period on, until changed", async function () {
      const { emission, a, b } = await loadFixture(splitFixture);
      for (let i = 0; i < 2; i++) {
        await nextPeriod(connection, emission);
        expect(await emission.weightOf(a.netuid)).to.deep.equal([(P * 7000n) / BPS, (P * 7000n) / BPS]);
        expect(await emission.weightOf(b.netuid)).to.deep.equal([(P * 3000n) / BPS, (P * 3000n) / BPS]);
        expect(await emission.totalWeight()).to.deep.equal([P, P]);
      }
    });

    it("adds to the weights others gave the same subnets", async function () {
      const { emission, holders, a, c } = await loadFixture(splitFixture);
      await vote(emission, holders[2], [
        [a.netuid, 5000],
        [c.netuid, 5000],
      ]);
      expect((await emission.weightOf(a.netuid))[1]).to.equal((P * 7000n) / BPS + P / 2n);
      expect((await emission.weightOf(c.netuid))[1]).to.equal(P / 2n);
      expect((await emission.totalWeight())[1]).to.equal(2n * P);
    });
  });

  describe("when a holder gives all its votes to one subnet", function () {
    it("weighs its whole power there; weights below 10,000 in all leave the rest unallocated", async function () {
      const { emission, holders, a, b } = await loadFixture(subnetsReady);
      await vote(emission, holders[1], [[a.netuid, 10_000]]);
      await vote(emission, holders[2], [[b.netuid, 2500]]);
      expect((await emission.weightOf(a.netuid))[1]).to.equal(P);
      expect((await emission.weightOf(b.netuid))[1]).to.equal(P / 4n);
      expect((await emission.totalWeight())[1]).to.equal(P + P / 4n);
    });
  });

  describe("when a holder changes its vote", function () {
    it("replaces its allocation from the next period; the current period keeps the old one", async function () {
      const { emission, holders, a, b, c } = await loadFixture(splitFixture);
      await nextPeriod(connection, emission);
      const [period] = await emission.currentPeriod();
      await vote(emission, holders[1], [[c.netuid, 10_000]]);
      expect(await emission.ballotOf(holders[1])).to.deep.equal([P, period, [c.netuid], [10_000n]]);
      expect(await emission.weightOf(a.netuid)).to.deep.equal([(P * 7000n) / BPS, 0n]);
      expect(await emission.weightOf(b.netuid)).to.deep.equal([(P * 3000n) / BPS, 0n]);
      expect(await emission.weightOf(c.netuid)).to.deep.equal([0n, P]);
      expect(await emission.totalWeight()).to.deep.equal([P, P]);
      await nextPeriod(connection, emission);
      expect(await emission.weightOf(a.netuid)).to.deep.equal([0n, 0n]);
      expect(await emission.weightOf(c.netuid)).to.deep.equal([P, P]);
    });

    it("changes nothing in the period it is cast in, however often it is cast", async function () {
      const { emission, holders, a, b } = await loadFixture(splitFixture);
      await nextPeriod(connection, emission);
      for (const netuid of [a.netuid, b.netuid, a.netuid]) await vote(emission, holders[1], [[netuid, 10_000]]);
      expect(await emission.weightOf(a.netuid)).to.deep.equal([(P * 7000n) / BPS, P]);
      expect(await emission.weightOf(b.netuid)).to.deep.equal([(P * 3000n) / BPS, 0n]);
    });
  });

  describe("when a holder withdraws with an empty list", function () {
    it("takes its weight out from the next period and keeps no allocation", async function () {
      const { emission, holders, a, b } = await loadFixture(splitFixture);
      await nextPeriod(connection, emission);
      const [period] = await emission.currentPeriod();
      await expect(emission.connect(holders[1]).vote([], []))
        .to.emit(emission, "EmissionVoted")
        .withArgs(holders[1].address, period + 1n, P, [], []);
      expect(await emission.ballotOf(holders[1])).to.deep.equal([P, period, [], []]);
      expect(await emission.weightOf(a.netuid)).to.deep.equal([(P * 7000n) / BPS, 0n]);
      expect(await emission.totalWeight()).to.deep.equal([P, 0n]);
      // A refresh has nothing to bring up to date.
      expect(await emission.refresh.staticCall(holders[1])).to.equal(false);
      await nextPeriod(connection, emission);
      expect(await emission.weightOf(b.netuid)).to.deep.equal([0n, 0n]);
      expect(await emission.totalWeight()).to.deep.equal([0n, 0n]);
    });

    it("is allowed without voting power", async function () {
      const { emission, stranger } = await loadFixture(subnetsReady);
      await expect(emission.connect(stranger).vote([], [])).to.emit(emission, "EmissionVoted");
    });
  });

  describe("when the ballot is malformed", function () {
    it("names the fault with its values, and leaves the allocation as it was", async function () {
      const { emission, holders, a, b, foreign, stakeToken } = await loadFixture(splitFixture);
      const voter = holders[1];
      const tooMany = Array.from({ length: 17 }, (_, i) => BigInt(i + 1));
      const cases: [bigint[], number[], string, unknown[]][] = [
        [[a.netuid, b.netuid], [5000], "EmissionLengthMismatch", [2n, 1n]],
        [tooMany, tooMany.map(() => 1), "EmissionTooManySubnets", [17n, MAX_SUBNETS]],
        [[b.netuid, a.netuid], [5000, 5000], "EmissionSubnetsNotAscending", [1n]],
        [[a.netuid, a.netuid], [5000, 5000], "EmissionSubnetsNotAscending", [1n]],
        [[a.netuid, b.netuid], [5000, 0], "EmissionZeroWeight", [b.netuid]],
        [[a.netuid, b.netuid], [5000, 5001], "EmissionWeightsExceedTotal", [10_001n]],
        [[a.netuid, 999n], [5000, 5000], "EmissionUnknownSubnet", [999n]],
        [[0n], [5000], "EmissionUnknownSubnet", [0n]],
        [[1n << 32n], [5000], "EmissionUnknownSubnet", [1n << 32n]],
        [[a.netuid, foreign], [5000, 5000], "EmissionRewardTokenMismatch", [foreign, stakeToken.target]],
      ];
      for (const [netuids, bps, error, args] of cases) {
        await expect(emission.connect(voter).vote(netuids, bps))
          .to.be.revertedWithCustomError(emission, error)
          .withArgs(...args);
      }
      const [period] = await emission.currentPeriod();
      expect(await emission.ballotOf(voter)).to.deep.equal([P, period, [a.netuid, b.netuid], [7000n, 3000n]]);
      expect((await emission.totalWeight())[1]).to.equal(P);
    });

    it("takes up to 16 subnets", async function () {
      const { emission, subnets, token, stakeToken, owner, holders } = await loadFixture(subnetsReady);
      const netuids: bigint[] = [];
      for (let i = 0; i < 16; i++)
        netuids.push(await createSubnet(subnets, owner, token.target as string, stakeToken.target as string));
      await vote(
        emission,
        holders[1],
        netuids.map((n) => [n, 625]),
      );
      const ballot = await emission.ballotOf(holders[1]);
      expect(ballot.netuids).to.deep.equal(netuids);
      expect((await emission.totalWeight())[1]).to.equal(P);
    });
  });

  describe("when the voter has no voting power at the period's start", function () {
    it("refuses the vote, also after tokens arrive and are delegated during the period", async function () {
      const { emission, token, holders, a, stranger } = await loadFixture(subnetsReady);
      await expect(vote(emission, stranger, [[a.netuid, 10_000]]))
        .to.be.revertedWithCustomError(emission, "EmissionNoVotingPower")
        .withArgs(stranger.address);
      await token.connect(holders[3]).transfer(stranger, TOKENS(1000));
      await token.connect(stranger).delegate(stranger);
      expect(await token.getVotes(stranger)).to.equal(TOKENS(11_000));
      await expect(vote(emission, stranger, [[a.netuid, 10_000]]))
        .to.be.revertedWithCustomError(emission, "EmissionNoVotingPower")
        .withArgs(stranger.address);
      // Held at the next period's start, the votes count.
      await nextPeriod(connection, emission);
      await vote(emission, stranger, [[a.netuid, 10_000]]);
      expect((await emission.ballotOf(stranger)).power).to.equal(TOKENS(11_000));
    });
  });

  describe("refresh", function () {
    it("lets anyone bring a voter's weight down to its power after a sale, from the next period", async function () {
      const { emission, token, holders, a, b, stranger } = await loadFixture(splitFixture);
      await nextPeriod(connection, emission);
      const [period] = await emission.currentPeriod();
      const sold = TOKENS(1_000_000);
      await token.connect(holders[1]).transfer(stranger, sold);
      expect(await emission.powerOf(holders[1])).to.equal(P - sold);
      expect(await emission.connect(stranger).refresh.staticCall(holders[1])).to.equal(true);
      await expect(emission.connect(stranger).refresh(holders[1]))
        .to.emit(emission, "EmissionRefreshed")
        .withArgs(holders[1].address, stranger.address, period + 1n, P, P - sold);
      // The allocation stays; its power changes from the next period.
      expect(await emission.ballotOf(holders[1])).to.deep.equal([
        P - sold,
        period,
        [a.netuid, b.netuid],
        [7000n, 3000n],
      ]);
      expect(await emission.weightOf(a.netuid)).to.deep.equal([(P * 7000n) / BPS, ((P - sold) * 7000n) / BPS]);
      expect(await emission.weightOf(b.netuid)).to.deep.equal([(P * 3000n) / BPS, ((P - sold) * 3000n) / BPS]);
      expect(await emission.totalWeight()).to.deep.equal([P, P - sold]);
    });

    it("follows a re-delegation: the former delegate's weight goes, the new delegate's power waits a period", async function () {
      const { emission, token, holders, a, stranger } = await loadFixture(splitFixture);
      await vote(emission, holders[2], [[a.netuid, 10_000]]);
      await nextPeriod(connection, emission);
      // Holder 1 delegates to holder 2, who voted already.
      await token.connect(holders[1]).delegate(holders[2]);
      await emission.connect(stranger).refresh(holders[1]);
      expect((await emission.ballotOf(holders[1])).power).to.equal(0n);
      // Holder 2's power now is 2P, but it held P at the period's start.
      expect(await emission.powerOf(holders[2])).to.equal(P);
      expect(await emission.refresh.staticCall(holders[2])).to.equal(false);
      await nextPeriod(connection, emission);
      expect(await emission.powerOf(holders[2])).to.equal(2n * P);
      await expect(emission.connect(stranger).refresh(holders[2]))
        .to.emit(emission, "EmissionRefreshed")
        .withArgs(holders[2].address, stranger.address, (await emission.currentPeriod())[0] + 1n, P, 2n * P);
      expect((await emission.weightOf(a.netuid))[1]).to.equal(2n * P);
      expect((await emission.totalWeight())[1]).to.equal(2n * P);
    });

    it("returns false and emits nothing when the weight would not change, or there is no allocation", async function () {
      const { emission, holders, stranger } = await loadFixture(splitFixture);
      for (const voter of [holders[1], holders[2], stranger]) {
        expect(await emission.refresh.staticCall(voter)).to.equal(false);
        await expect(emission.refresh(voter)).to.not.emit(emission, "EmissionRefreshed");
      }
      expect((await emission.totalWeight())[1]).to.equal(P);
    });
  });

  describe("views", function () {
    it("numbers the periods from 1, each starting where the last ended", async function () {
      const { emission } = await loadFixture(deployedFixture);
      const [, start] = await emission.currentPeriod();
      await time.increaseTo(start + PERIOD - 1n);
      expect(await emission.currentPeriod()).to.deep.equal([1n, start, start + PERIOD]);
      await time.increaseTo(start + PERIOD);
      expect(await emission.currentPeriod()).to.deep.equal([2n, start + PERIOD, start + 2n * PERIOD]);
      await time.increaseTo(start + 5n * PERIOD + 7n);
      expect(await emission.currentPeriod()).to.deep.equal([6n, start + 5n * PERIOD, start + 6n * PERIOD]);
    });

    it("counts a voter's power as its votes at the period's start, capped by its votes now", async function () {
      const { emission, token, holders, stranger } = await loadFixture(subnetsReady);
      expect(await emission.powerOf(holders[1])).to.equal(P);
      expect(await emission.powerOf(stranger)).to.equal(0n);
      await token.connect(holders[2]).transfer(holders[1], TOKENS(5));
      expect(await emission.powerOf(holders[1])).to.equal(P);
      await token.connect(holders[1]).transfer(stranger, TOKENS(7));
      expect(await emission.powerOf(holders[1])).to.equal(P - TOKENS(2));
      await token.connect(holders[1]).transfer(stranger, TOKENS(100));
      expect(await emission.powerOf(holders[1])).to.equal(P - TOKENS(102));
      await nextPeriod(connection, emission);
      expect(await emission.powerOf(holders[1])).to.equal(P - TOKENS(102));
      expect(await emission.powerOf(holders[2])).to.equal(P - TOKENS(5));
    });

    it("shows nothing for one who never voted, nor for a subnet nobody voted for", async function () {
      const { emission, stranger } = await loadFixture(splitFixture);
      expect(await emission.ballotOf(stranger)).to.deep.equal([0n, 0n, [], []]);
      expect(await emission.weightOf(12345n)).to.deep.equal([0n, 0n]);
    });
  });
});
