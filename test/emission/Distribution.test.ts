import { expect } from "chai";
import { network } from "hardhat";

import { DEV_EMISSION_RESERVE } from "../../deploy/protocol.js";
import { TOKENS } from "../fixtures/constants.js";
import {
  Activity,
  activeSubnet,
  BPS,
  CAP_BPS,
  createSubnet,
  expectedShare,
  GRACE_BLOCKS,
  nextPeriod,
  RATE_BPS,
  runEpoch,
  subnetsFixture,
  vote,
} from "./fixture.js";

// The emission's periods and its distribution: each period releases a fraction of what the contract holds, shared
// by the subnets' weights as they stood at the period's start, each share capped, paid into an active subnet's
// reward pool once; what is not paid stays for the next period.

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, mine } = networkHelpers;

const P = TOKENS(2_500_000);
/** Period 3's release: the reserve's rate, 20,000 tokens. */
const RELEASE = (DEV_EMISSION_RESERVE * RATE_BPS) / BPS;

/**
 * In period 2, holder 1 split its votes 70/30 between a and b, holder 2 20/80 between b and c: from period 3 on,
 * a weighs 35%, b 25% and c 40%. Period 3 has begun; nothing has opened it yet.
 */
async function votedFixture() {
  const f = await subnetsFixture(connection);
  await vote(f.emission, f.holders[1], [
    [f.a.netuid, 7000],
    [f.b.netuid, 3000],
  ]);
  await vote(f.emission, f.holders[2], [
    [f.b.netuid, 2000],
    [f.c.netuid, 8000],
  ]);
  await nextPeriod(connection, f.emission);
  return { ...f, netuids: [f.a.netuid, f.b.netuid, f.c.netuid] };
}

async function subnetsReady() {
  return subnetsFixture(connection);
}

/** In period 2, holder 1 gave all its votes to a; period 3 has begun. */
async function oneSubnetFixture() {
  const f = await subnetsFixture(connection);
  await vote(f.emission, f.holders[1], [[f.a.netuid, 10_000]]);
  await nextPeriod(connection, f.emission);
  return f;
}

describe("NetworkEmission periods and distribution", function () {
  after(async function () {
    await connection.close();
  });

  describe("periods", function () {
    it("opens a period at its first call, releasing rateBps of all it holds", async function () {
      const { emission, token, stranger } = await loadFixture(votedFixture);
      // Before anything opens it, the views say what opening it now would release.
      expect(await emission.periodRelease()).to.deep.equal([3n, RELEASE, 0n]);
      expect(await emission.reserve()).to.equal(DEV_EMISSION_RESERVE - RELEASE);
      await expect(emission.connect(stranger).refresh(stranger))
        .to.emit(emission, "EmissionPeriodOpened")
        .withArgs(3n, DEV_EMISSION_RESERVE, RELEASE);
      await expect(emission.connect(stranger).refresh(stranger)).to.not.emit(emission, "EmissionPeriodOpened");
      expect(await emission.periodRelease()).to.deep.equal([3n, RELEASE, 0n]);
      expect(await token.balanceOf(emission)).to.equal(DEV_EMISSION_RESERVE);
    });

    it("puts the undistributed rest of a period back into the next one's reserve", async function () {
      const { emission, token, a, b } = await loadFixture(votedFixture);
      // c's 40% is not distributed in period 3.
      await emission.distribute([a.netuid, b.netuid]);
      const paid = (RELEASE * 60n) / 100n;
      expect(await emission.periodRelease()).to.deep.equal([3n, RELEASE, paid]);
      expect(await emission.reserve()).to.equal(DEV_EMISSION_RESERVE - RELEASE);
      await nextPeriod(connection, emission);
      const held = DEV_EMISSION_RESERVE - paid;
      expect(await token.balanceOf(emission)).to.equal(held);
      const next = (held * RATE_BPS) / BPS;
      await expect(emission.distribute([a.netuid]))
        .to.emit(emission, "EmissionPeriodOpened")
        .withArgs(4n, held, next)
        .and.to.emit(emission, "EmissionDistributed")
        .withArgs(a.netuid, 4n, (next * 35n) / 100n, (await ethers.getSigners())[0].address);
    });

    it("absorbs tokens sent to it directly: the running period's release stays, the next one's grows", async function () {
      const { emission, token, holders, a } = await loadFixture(votedFixture);
      await emission.distribute([a.netuid]);
      const sent = TOKENS(10_000);
      await token.connect(holders[3]).transfer(emission, sent);
      expect(await emission.periodRelease()).to.deep.equal([3n, RELEASE, (RELEASE * 35n) / 100n]);
      expect(await emission.reserve()).to.equal(DEV_EMISSION_RESERVE - RELEASE + sent);
      const [, share] = await emission.shareOf(a.netuid);
      expect(share).to.equal(true);
      await nextPeriod(connection, emission);
      const held = DEV_EMISSION_RESERVE - (RELEASE * 35n) / 100n + sent;
      expect(await emission.periodRelease()).to.deep.equal([4n, (held * RATE_BPS) / BPS, 0n]);
    });

    it("releases nothing for a period nobody opened: the next opening releases from all it holds", async function () {
      const { emission, a } = await loadFixture(votedFixture);
      await nextPeriod(connection, emission);
      await expect(emission.distribute([a.netuid]))
        .to.emit(emission, "EmissionPeriodOpened")
        .withArgs(4n, DEV_EMISSION_RESERVE, RELEASE);
    });
  });

  describe("distribution", function () {
    describe("when several active subnets are distributed in one batch", function () {
      it("pays each its share by weight into its reward pool, and records it", async function () {
        const { emission, token, subnets, stranger, netuids } = await loadFixture(votedFixture);
        const shares = [(RELEASE * 35n) / 100n, (RELEASE * 25n) / 100n, (RELEASE * 40n) / 100n];
        const pools = await Promise.all(netuids.map(async (n) => (await subnets.subnet(n)).rewardPool));
        expect(await emission.connect(stranger).distribute.staticCall(netuids)).to.deep.equal(shares);
        const tx = emission.connect(stranger).distribute(netuids);
        await expect(tx).to.changeTokenBalances(ethers, token, [emission, subnets], [-RELEASE, RELEASE]);
        for (const [i, netuid] of netuids.entries()) {
          await expect(tx).to.emit(emission, "EmissionDistributed").withArgs(netuid, 3n, shares[i], stranger.address);
          await expect(tx).to.emit(subnets, "SubnetFunded").withArgs(netuid, emission.target, shares[i]);
          expect((await subnets.subnet(netuid)).rewardPool).to.equal(pools[i] + shares[i]);
          expect(await emission.shareOf(netuid)).to.deep.equal([shares[i], true]);
        }
        expect(await emission.periodRelease()).to.deep.equal([3n, RELEASE, RELEASE]);
      });

      it("pays the same one subnet at a time", async function () {
        const { emission, netuids } = await loadFixture(votedFixture);
        const batch = await emission.distribute.staticCall(netuids);
        for (const [i, netuid] of netuids.entries()) {
          expect(await emission.distribute.staticCall([netuid])).to.deep.equal([batch[i]]);
          await emission.distribute([netuid]);
        }
        expect(await emission.periodRelease()).to.deep.equal([3n, RELEASE, RELEASE]);
      });

      it("refuses the whole batch when one subnet cannot receive", async function () {
        const { emission, token, netuids, a } = await loadFixture(votedFixture);
        await emission.distribute([a.netuid]);
        await expect(emission.distribute(netuids))
          .to.be.revertedWithCustomError(emission, "EmissionAlreadyDistributed")
          .withArgs(a.netuid, 3n);
        const balance = await token.balanceOf(emission);
        await expect(emission.distribute([netuids[1], netuids[2], 999n]))
          .to.be.revertedWithCustomError(emission, "EmissionNoShare")
          .withArgs(999n, 3n);
        expect(await token.balanceOf(emission)).to.equal(balance);
        expect(await emission.shareOf(netuids[1])).to.deep.equal([(RELEASE * 25n) / 100n, false]);
      });
    });

    describe("when the shares do not divide the release", function () {
      it("rounds each down, and the dust stays in the reserve", async function () {
        const { emission, token, holders, netuids } = await loadFixture(votedFixture);
        // An odd amount sent before the period opens makes the release and its shares fractional.
        await token.connect(holders[3]).transfer(emission, 1_234_667n);
        const held = DEV_EMISSION_RESERVE + 1_234_667n;
        const released = (held * RATE_BPS) / BPS;
        const weights = [(P * 7000n) / BPS, (P * 3000n) / BPS + (P * 2000n) / BPS, (P * 8000n) / BPS];
        const total = 2n * P;
        const expected = weights.map((w) => expectedShare(released, w, total));
        expect(expected.map((e, i) => e * total < released * weights[i])).to.deep.equal([true, true, true]);
        expect(await emission.distribute.staticCall(netuids)).to.deep.equal(expected);
        await emission.distribute(netuids);
        const paid = expected.reduce((x, y) => x + y);
        expect(released - paid)
          .to.be.greaterThan(0n)
          .and.lessThan(BigInt(netuids.length));
        expect(await emission.periodRelease()).to.deep.equal([3n, released, paid]);
        expect(await token.balanceOf(emission)).to.equal(held - paid);
      });
    });

    describe("when a subnet's weight is over the cap", function () {
      it("pays it capBps of the release; the rest stays for the next period", async function () {
        const { emission, token, a } = await loadFixture(oneSubnetFixture);
        const cap = (RELEASE * CAP_BPS) / BPS;
        expect(await emission.shareOf(a.netuid)).to.deep.equal([cap, false]);
        await expect(emission.distribute([a.netuid])).to.changeTokenBalance(ethers, token, emission, -cap);
        await nextPeriod(connection, emission);
        const held = DEV_EMISSION_RESERVE - cap;
        expect(await emission.periodRelease()).to.deep.equal([4n, (held * RATE_BPS) / BPS, 0n]);
        expect(await emission.shareOf(a.netuid)).to.deep.equal([(((held * RATE_BPS) / BPS) * CAP_BPS) / BPS, false]);
      });
    });

    describe("when a subnet was distributed this period", function () {
      it("refuses it again until the next period, also twice in one batch", async function () {
        const { emission, a, b } = await loadFixture(votedFixture);
        await expect(emission.distribute([a.netuid, a.netuid]))
          .to.be.revertedWithCustomError(emission, "EmissionAlreadyDistributed")
          .withArgs(a.netuid, 3n);
        await emission.distribute([a.netuid]);
        await expect(emission.distribute([a.netuid]))
          .to.be.revertedWithCustomError(emission, "EmissionAlreadyDistributed")
          .withArgs(a.netuid, 3n);
        await nextPeriod(connection, emission);
        await emission.distribute([a.netuid, b.netuid]);
        expect((await emission.shareOf(a.netuid)).distributed).to.equal(true);
      });
    });

    describe("when a subnet has no share this period", function () {
      it("refuses a subnet nobody voted for, one voted for from the next period only, and one that does not exist", async function () {
        const { emission, holders, foreign, c } = await loadFixture(oneSubnetFixture);
        await vote(emission, holders[2], [[c.netuid, 10_000]]);
        for (const netuid of [c.netuid, foreign, 999n]) {
          expect(await emission.shareOf(netuid)).to.deep.equal([0n, false]);
          await expect(emission.distribute([netuid]))
            .to.be.revertedWithCustomError(emission, "EmissionNoShare")
            .withArgs(netuid, 3n);
        }
      });
    });

    describe("when a subnet is not active", function () {
      it("refuses a subnet that has completed no epoch", async function () {
        const { emission, subnets, token, stakeToken, owner, holders } = await loadFixture(subnetsReady);
        const netuid = await createSubnet(subnets, owner, token.target as string, stakeToken.target as string);
        await vote(emission, holders[1], [[netuid, 10_000]]);
        await nextPeriod(connection, emission);
        expect(await emission.activity(netuid)).to.equal(BigInt(Activity.NoEpoch));
        await expect(emission.distribute([netuid]))
          .to.be.revertedWithCustomError(emission, "EmissionSubnetInactive")
          .withArgs(netuid, Activity.NoEpoch);
      });

      it("refuses a subnet overdue for its next epoch by more than graceBlocks, until someone runs it", async function () {
        const { emission, subnets, a } = await loadFixture(oneSubnetFixture);
        const due = (await subnets.subnet(a.netuid)).nextEpochBlock;
        // Views run in the latest block: graceBlocks after the due block, the subnet is active still.
        await mine(due + GRACE_BLOCKS - BigInt(await ethers.provider.getBlockNumber()));
        expect(await emission.activity(a.netuid)).to.equal(BigInt(Activity.Active));
        await mine(1);
        expect(await emission.activity(a.netuid)).to.equal(BigInt(Activity.Overdue));
        await expect(emission.distribute([a.netuid]))
          .to.be.revertedWithCustomError(emission, "EmissionSubnetInactive")
          .withArgs(a.netuid, Activity.Overdue);
        await runEpoch(connection, subnets, a.netuid);
        expect(await emission.activity(a.netuid)).to.equal(BigInt(Activity.Active));
        await emission.distribute([a.netuid]);
      });

      it("refuses a subnet with too few validators with stake, not counting the owner's hotkey", async function () {
        const f = await loadFixture(oneSubnetFixture);
        const { emission, subnets, stakeToken, token, owner, signers, a } = f;
        // Two UIDs, no stake: only an owner's hotkey would hold a permit.
        const idle = await activeSubnet(
          connection,
          subnets,
          stakeToken,
          token.target as string,
          owner,
          signers.slice(11, 13),
          0,
        );
        expect((await subnets.subnet(idle.netuid)).validatorPermits).to.equal(0n);
        expect(await emission.activity(idle.netuid)).to.equal(BigInt(Activity.TooFewValidators));
        // a's only validator becomes its owner's hotkey: it no longer counts.
        expect(await emission.activity(a.netuid)).to.equal(BigInt(Activity.Active));
        await subnets.connect(owner).setOwnerHotkey(a.netuid, a.hotkeys[0]);
        expect(await emission.activity(a.netuid)).to.equal(BigInt(Activity.TooFewValidators));
        await expect(emission.distribute([a.netuid]))
          .to.be.revertedWithCustomError(emission, "EmissionSubnetInactive")
          .withArgs(a.netuid, Activity.TooFewValidators);
        // Another UID with stake, once it holds a permit, makes it active again.
        await subnets.connect(a.hotkeys[1]).stake(a.netuid, a.hotkeys[1], TOKENS(1000));
        for (let i = 0; i < 2; i++) await runEpoch(connection, subnets, a.netuid);
        expect(await emission.activity(a.netuid)).to.equal(BigInt(Activity.Active));
        await emission.distribute([a.netuid]);
      });
    });
  });
});
