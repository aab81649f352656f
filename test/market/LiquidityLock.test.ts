import { expect } from "chai";
import { network } from "hardhat";

import type { LiquidityLock, MockSubnetToken } from "../../types/typechain/index.js";
import { DAY, ONE } from "../fixtures/constants.js";
import { deployUniswap } from "../fixtures/uniswap.js";

const connection = await network.connect();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

/** A real Uniswap V2 pool of a token and WETH, its LP tokens held by the launcher, and the lock. */
async function pooled() {
  const [launcher, treasury, stranger] = await ethers.getSigners();
  const uniswap = await deployUniswap(connection);
  const token = (await ethers.deployContract("MockSubnetToken", ["MDL", 18])) as unknown as MockSubnetToken;
  await token.mint(launcher.address, 1_000_000n * ONE);
  await token.approve(uniswap.router.target, ethers.MaxUint256);
  const deadline = (await time.latest()) + 3600;
  await uniswap.router.addLiquidityETH(token.target, 100_000n * ONE, 0n, 0n, launcher.address, deadline, {
    value: 20n * ONE,
  });
  const pair = uniswap.pairAt(await uniswap.factory.getPair(token.target, uniswap.weth.target));
  const lp = (await pair.balanceOf(launcher.address)) as bigint;
  const lock = (await ethers.deployContract("LiquidityLock")) as unknown as LiquidityLock;
  await pair.approve(lock.target, ethers.MaxUint256);
  return { ...uniswap, token, pair, lp, lock, launcher, treasury, stranger };
}

describe("LiquidityLock", function () {
  it("locks a real pool's shares until the time set, then anyone releases them to the beneficiary", async function () {
    const f = await loadFixture(pooled);
    expect(f.lp).to.be.greaterThan(0n);
    const unlockAt = BigInt(await time.latest()) + 365n * BigInt(DAY);
    const locked = f.lock.lock(f.pair.target as string, f.lp, f.treasury.address, unlockAt);
    await expect(locked)
      .to.emit(f.lock, "Locked")
      .withArgs(0n, f.pair.target, f.treasury.address, f.launcher.address, f.lp, unlockAt);
    expect(await f.pair.balanceOf(f.lock.target)).to.equal(f.lp);

    await expect(f.lock.connect(f.stranger).release(0n))
      .to.be.revertedWithCustomError(f.lock, "LockNotYetOpen")
      .withArgs(0n, unlockAt);
    await time.increaseTo(unlockAt - 2n);
    await expect(f.lock.release(0n)).to.be.revertedWithCustomError(f.lock, "LockNotYetOpen");

    await time.increaseTo(unlockAt);
    await expect(f.lock.connect(f.stranger).release(0n))
      .to.emit(f.lock, "Released")
      .withArgs(0n, f.treasury.address, f.lp);
    expect(await f.pair.balanceOf(f.treasury.address)).to.equal(f.lp);
    expect(await f.pair.balanceOf(f.lock.target)).to.equal(0n);
    await expect(f.lock.release(0n)).to.be.revertedWithCustomError(f.lock, "LockAlreadyReleased").withArgs(0n);
    expect((await f.lock.lockOf(0n)).released).to.equal(true);
  });

  it("refuses a lock shorter than the floor or longer than the ceiling, an empty one, and a bad beneficiary", async function () {
    const f = await loadFixture(pooled);
    const now = BigInt(await time.latest()) + 1n;
    const min = now + 180n * BigInt(DAY);
    const max = now + 20n * 365n * BigInt(DAY);
    await time.setNextBlockTimestamp(now);
    await expect(f.lock.lock(f.pair.target as string, f.lp, f.treasury.address, min - 1n))
      .to.be.revertedWithCustomError(f.lock, "LockTimeOutOfRange")
      .withArgs(min - 1n, min, max);
    await time.setNextBlockTimestamp(now + 1n);
    await expect(f.lock.lock(f.pair.target as string, f.lp, f.treasury.address, max + 2n))
      .to.be.revertedWithCustomError(f.lock, "LockTimeOutOfRange")
      .withArgs(max + 2n, min + 1n, max + 1n);
    await expect(f.lock.lock(f.pair.target as string, 0n, f.treasury.address, max)).to.be.revertedWithCustomError(
      f.lock,
      "LockEmpty",
    );
    for (const bad of [ethers.ZeroAddress, f.lock.target as string]) {
      await expect(f.lock.lock(f.pair.target as string, f.lp, bad, max))
        .to.be.revertedWithCustomError(f.lock, "LockInvalidBeneficiary")
        .withArgs(bad);
    }
    await expect(f.lock.release(0n)).to.be.revertedWithCustomError(f.lock, "LockUnknown").withArgs(0n, 0n);
  });

  it("keeps each lock's shares apart: two locks of one pool release on their own dates", async function () {
    const f = await loadFixture(pooled);
    const now = BigInt(await time.latest());
    const early = now + 200n * BigInt(DAY);
    const late = now + 400n * BigInt(DAY);
    await f.lock.lock(f.pair.target as string, f.lp / 3n, f.treasury.address, late);
    await f.lock.lock(f.pair.target as string, f.lp - f.lp / 3n, f.stranger.address, early);
    await time.increaseTo(early);
    await f.lock.release(1n);
    await expect(f.lock.release(0n)).to.be.revertedWithCustomError(f.lock, "LockNotYetOpen");
    expect(await f.pair.balanceOf(f.lock.target)).to.equal(f.lp / 3n);
    await time.increaseTo(late);
    await f.lock.release(0n);
    expect(await f.pair.balanceOf(f.lock.target)).to.equal(0n);
    expect(await f.lock.lockCount()).to.equal(2n);
  });
});
