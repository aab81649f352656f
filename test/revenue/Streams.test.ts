import { expect } from "chai";
import { network } from "hardhat";

import type { MockLendingPool } from "../../types/typechain/index.js";
import { DAY, ETH, HOUR, NATIVE, ONE, USDC } from "../fixtures/constants.js";
import { allocation, claimableSum, revenueFixtures, U } from "./fixtures.js";

// Streams under pressure: an eligible supply that all but vanishes while a stream runs or a deposit arrives, and
// deposits that try to hold a stream back. Each attack is named after the finding it reproduces.

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const fixtures = revenueFixtures(connection);

/** Sends the next transaction at `timestamp`. */
const at = (timestamp: number | bigint) => time.setNextBlockTimestamp(timestamp);

/**
 * Alice alone holds 1e18 units (one whole token), ETH and USDC are released over a day, and the DAO excluded a
 * lending pool while it held nothing (as pools are excluded before anyone can fill them).
 */
async function wholeTokenFixture() {
  const p = await fixtures.protocol();
  const token = await fixtures.token(p, [allocation(p.alice, ONE)], {
    streamDuration: DAY,
    assets: [await p.usdc.getAddress()],
  });
  const pool: MockLendingPool = await ethers.deployContract("MockLendingPool", [token], p.dao);
  await token.connect(p.dao).setExcluded(pool, true);
  return { ...p, token, pool };
}

/** As {wholeTokenFixture}, with deposits released at once. */
async function instantFixture() {
  const p = await fixtures.protocol();
  const token = await fixtures.token(p, [allocation(p.alice, ONE)], { assets: [await p.usdc.getAddress()] });
  const pool: MockLendingPool = await ethers.deployContract("MockLendingPool", [token], p.dao);
  await token.connect(p.dao).setExcluded(pool, true);
  return { ...p, token, pool };
}

/** Alice 4, Bob 2, Carol 1 and Dave 1 of 8 units of 2**60; ETH released over a day. */
async function holdersFixture() {
  const p = await fixtures.protocol();
  const token = await fixtures.token(
    p,
    [allocation(p.alice, 4n * U), allocation(p.bob, 2n * U), allocation(p.carol, U), allocation(p.dave, U)],
    { streamDuration: DAY },
  );
  return { ...p, token };
}

describe("ModelToken revenue streams under attack", function () {
  after(async function () {
    await connection.close();
  });

  describe("M-04: the eligible supply vanishes", function () {
    for (const asset of ["ETH", "USDC"] as const) {
      it(`M-04 vanishing eligible supply mid-stream: nothing stranded, asset stays usable (${asset})`, async function () {
        const { token, pool, usdc, dao, payer, alice } = await loadFixture(wholeTokenFixture);
        const address = asset === "ETH" ? NATIVE : await usdc.getAddress();
        // A million USDC (1e12 units) and 1 ETH are both far more than 2**31 units per remaining eligible unit.
        const amount = asset === "ETH" ? ETH(1) : USDC(1_000_000);
        const deposit = (value: bigint) =>
          asset === "ETH" ? token.connect(payer).depositETH({ value }) : token.connect(payer).deposit(usdc, value);
        const t0 = (await time.latest()) + 10;
        await at(t0);
        await deposit(amount);

        // An hour in, Alice parks all but one unit in the excluded pool; a day later the pool hands them back.
        await at(t0 + HOUR);
        await token.connect(alice).transfer(pool, ONE - 1n);
        expect(await token.eligibleSupply()).to.equal(1n);
        await at(t0 + HOUR + DAY);
        await pool.connect(dao).withdraw(alice, ONE - 1n);
        expect(await token.eligibleSupply()).to.equal(ONE);

        // The stream resumes where it paused and releases the rest: Alice, the one holder, earns all of it.
        await time.increaseTo(t0 + 2 * DAY + HOUR);
        const info = await token.assetInfo(address);
        expect(info.unreleased).to.equal(0n);
        const earned = await token.claimable(alice, address);
        expect(earned).to.be.lte(amount);
        expect(amount - earned).to.be.lte(2n);

        // The asset stays usable: a streamed deposit and, once the DAO releases at once, an instant one.
        await deposit(amount);
        await token.connect(dao).setStreamDuration(address, 0);
        await time.increase(DAY);
        await deposit(amount);
        expect(amount * 3n - (await token.claimable(alice, address))).to.be.lte(4n);
        expect((await token.assetInfo(address)).accumulator).to.be.lt(2n ** 127n);
      });
    }

    it("M-04 instant deposits into a sliver of eligible supply cannot exhaust the accumulator", async function () {
      const { token, pool, dao, payer, alice } = await loadFixture(instantFixture);
      await token.connect(alice).transfer(pool, ONE - 1n);
      // A deposit of 2**31 - 1 wei would take the one eligible unit's accumulator to its limit: it waits instead.
      const sliver = 2n ** 31n - 1n;
      await token.connect(alice).depositETH({ value: sliver });
      expect((await token.assetInfo(NATIVE)).accumulator).to.equal(0n);
      expect((await token.assetInfo(NATIVE)).unreleased).to.equal(sliver);
      expect(await token.claimable(alice, NATIVE)).to.equal(0n);

      // Once the tokens are back, what waited is released (within a second), and every later deposit is taken.
      await pool.connect(dao).withdraw(alice, ONE - 1n);
      await time.increase(2);
      expect(await token.claimable(alice, NATIVE)).to.be.closeTo(sliver, 1n);
      for (let i = 0; i < 3; i++) await token.connect(payer).depositETH({ value: ETH(1) });
      expect(await token.claimable(alice, NATIVE)).to.be.closeTo(ETH(3) + sliver, 4n);
    });

    it("M-04 deposits while fewer tokens than the floor earn wait for them, and are not refused", async function () {
      const { token, pool, dao, payer, alice, usdc } = await loadFixture(instantFixture);
      const floor = await token.minEligibleSupply();
      expect(floor).to.equal(ONE >> 10n);
      await token.connect(alice).transfer(pool, ONE - floor + 1n);
      await expect(token.connect(payer).depositETH({ value: ETH(5) })).to.emit(token, "RevenueStreamed");
      await token.connect(payer).deposit(usdc, USDC(5));
      await time.increase(DAY);
      expect(await token.claimable(alice, NATIVE)).to.equal(0n);
      expect((await token.assetInfo(NATIVE)).unreleased).to.equal(ETH(5));
      // One more unit earning reaches the floor: released at once then.
      await pool.connect(dao).withdraw(alice, 1n);
      await time.increase(1);
      expect(await token.claimable(alice, NATIVE)).to.be.closeTo(ETH(5), 1n);
      expect(await token.claimable(alice, usdc)).to.be.closeTo(USDC(5), 1n);
    });
  });

  describe("M-05: dust deposits during a stream", function () {
    it("M-05 dust deposits during a stream: what was deposited is released on schedule", async function () {
      const { token, payer, stranger, alice, bob, carol, dave } = await loadFixture(holdersFixture);
      const everyone = [alice, bob, carol, dave];
      const t0 = (await time.latest()) + 10;
      await at(t0);
      await token.connect(payer).depositETH({ value: ETH(100) });
      // One 1-wei deposit an hour, from someone who wants everyone's revenue held back.
      let dust = 0n;
      for (let hour = 1; hour < 24; hour++) {
        await at(t0 + hour * HOUR);
        await token.connect(stranger).depositETH({ value: 1n });
        dust++;
      }
      // One duration after it was deposited, the 100 ETH is out but for a second per dust deposit (the joined
      // end rounds up, never down), and those seconds follow.
      await time.increaseTo(t0 + DAY);
      expect((await token.assetInfo(NATIVE)).streamEnd).to.be.lte(BigInt(t0 + DAY) + dust);
      expect(await claimableSum(token, NATIVE, everyone)).to.be.gte(ETH(100) - (ETH(100) * dust) / BigInt(DAY) - 4n);
      await time.increaseTo(BigInt(t0 + DAY) + dust);
      expect(await claimableSum(token, NATIVE, everyone)).to.be.gte(ETH(100) - 4n);
      expect((await token.assetInfo(NATIVE)).unreleased).to.equal(0n);
    });

    it("M-05 a deposit joining a running stream ends it at the amount-weighted average of the two ends", async function () {
      const { token, payer } = await loadFixture(holdersFixture);
      // Released at exactly 10**12 wei a second, so that every figure below is exact.
      const perDay = BigInt(DAY) * 10n ** 12n;
      const t0 = (await time.latest()) + 10;
      await at(t0);
      await token.connect(payer).depositETH({ value: perDay });
      // Half-way, half a day's worth remains until t0 + DAY; one and a half more are due until t1 + DAY: the
      // joined end is (0.5 * (t1 + DAY/2) + 1.5 * (t1 + DAY)) / 2 = t1 + 7/8 DAY.
      const t1 = t0 + DAY / 2;
      await at(t1);
      await expect(token.connect(payer).depositETH({ value: (perDay * 3n) / 2n }))
        .to.emit(token, "RevenueStreamed")
        .withArgs(NATIVE, (perDay * 3n) / 2n, t1 + (7 * DAY) / 8);
      const info = await token.assetInfo(NATIVE);
      expect(info.streamEnd).to.equal(BigInt(t1 + (7 * DAY) / 8));
      expect(info.unreleased).to.be.closeTo(2n * perDay, 1n);
    });

    describe("a sandwich around a deposit that joins a running stream", function () {
      for (const held of [1, HOUR, DAY / 4, DAY / 2, DAY]) {
        it(`M-05 earns at most its share of each deposit's release over the ${held} s it held`, async function () {
          const { token, payer, alice, stranger } = await loadFixture(holdersFixture);
          const t0 = (await time.latest()) + 10;
          await at(t0);
          await token.connect(payer).depositETH({ value: ETH(8) });
          // Three quarters of the first stream later, the attacker buys half the supply just before a deposit
          // that joins what remains (2 ETH over a quarter day) and sells `held` seconds later.
          const t1 = t0 + (3 * DAY) / 4;
          await at(t1);
          await token.connect(alice).transfer(stranger, 4n * U);
          await at(t1 + 1);
          await token.connect(payer).depositETH({ value: ETH(8) });
          await at(t1 + 1 + held);
          await token.connect(stranger).transfer(alice, 4n * U);
          const gain = await token.claimable(stranger, NATIVE);
          // It held `held` seconds and the one before the deposit: at most that time over the duration of its fair
          // share (half) of each deposit in the stream, as the joined stream releases no faster than the two
          // would have, each at its deposit over the duration.
          const fairShare = ETH(8) / 2n + ETH(8) / 2n;
          expect(gain).to.be.lte((fairShare * BigInt(held + 1)) / BigInt(DAY) + 1n);
          expect(gain).to.be.gt(0n);
        });
      }
    });
  });
});
