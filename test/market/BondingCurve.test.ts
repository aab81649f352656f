import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { network } from "hardhat";

import { DAY, ETH, ONE, TOKENS } from "../fixtures/constants.js";
import {
  afterBuy,
  CURVE_TOKENS,
  CurveStatus,
  curveLaunchParams,
  deployCurve,
  FAR,
  feeOf,
  LOCK,
  OPENING_BLOCKS,
  RESERVE,
  TARGET,
  VIRTUAL,
} from "../fixtures/curve.js";
import { impersonate, registerModel } from "../fixtures/launch.js";

const connection = await network.connect();
const { ethers, networkHelpers } = connection;
const { loadFixture, mine, time } = networkHelpers;

/** A curve launched, its opening over, and three buyers. */
async function curveFixture() {
  const f = await deployCurve(connection);
  const [, alice, bob, carol] = await ethers.getSigners();
  await mine(Number(OPENING_BLOCKS));
  return { ...f, alice, bob, carol };
}

/** A curve paid in an ERC-20 (mUSD), fees deposited for holders, the ERC-20 a revenue asset. */
async function erc20Fixture() {
  const usd = await ethers.deployContract("MockStablecoin");
  const f = await deployCurve(connection, () => ({
    curve: { paymentToken: usd.target as string, feesToHolders: true },
    revenue: { assets: [usd.target as string] },
  }));
  const [, alice, bob] = await ethers.getSigners();
  for (const who of [alice, bob]) {
    await usd.mint(who.address, ETH(1_000));
    await usd.connect(who).approve(f.curve.target, ethers.MaxUint256);
  }
  await mine(Number(OPENING_BLOCKS));
  return { ...f, usd, alice, bob };
}

/** Reserves of the curve's pool as (tokens, quote). */
async function poolReserves(f: Awaited<ReturnType<typeof curveFixture>>) {
  const [r0, r1] = (await f.pair.getReserves()) as [bigint, bigint];
  return (await f.pair.token0()) === f.token.target ? [r0, r1] : [r1, r0];
}

describe("BondingCurve", function () {
  describe("launch", function () {
    it("launches through the factory's shared flow: the curve holds its tokens, the pool is excluded, the DAO waits", async function () {
      const f = await loadFixture(curveFixture);
      const model = f.params.model;
      expect(await f.factory.kindOf(model)).to.equal(1n);
      expect((await f.factory.launchOf(model)).offering).to.equal(f.curve.target);
      expect(await f.token.balanceOf(f.curve.target)).to.equal(CURVE_TOKENS + RESERVE);
      expect(await f.token.balanceOf(f.timelock.target)).to.equal(TOKENS(100_000));
      expect(await f.token.isExcluded(await f.curve.pool())).to.equal(true);
      expect(await f.governor.sale()).to.equal(f.curve.target);
      expect(await f.governor.saleEnd()).to.equal(BigInt(f.params.curve.deadline));
      expect(await f.registry.ownerOf(model)).to.equal(f.timelock.target);
      const c = await f.curve.config();
      expect(c.token).to.equal(f.token.target);
      expect(c.treasury).to.equal(f.timelock.target);
      expect(c.reserveTokens).to.equal(RESERVE);
      expect(c.launchBlock).to.equal(BigInt(f.receipt.blockNumber));
      expect(c.curve.virtualQuote).to.equal(VIRTUAL);
      expect(c.curve.targetQuote).to.equal(TARGET);
      expect(c.curve.deadline).to.equal(BigInt(f.params.curve.deadline));
      expect(await f.curve.status()).to.equal(CurveStatus.Trading);
      const logs = f.receipt.logs.map((log) => f.factory.interface.parseLog(log)).filter((l) => l !== null);
      expect(logs.map((l) => l.name)).to.include.members(["ModelLaunched", "CurveLaunched"]);
      const launched = logs.find((l) => l.name === "CurveLaunched")!;
      expect(launched.args.curve).to.equal(f.curve.target);
      expect(launched.args.reserveTokens).to.equal(RESERVE);
      console.log(`      curve launch gas: ${f.receipt.gasUsed}`);
      expect(f.receipt.gasUsed).to.be.lessThanOrEqual(1_700_000n);
      // A model without a launch reads as an IMO's kind; launchOf tells it has none.
      expect(await f.factory.kindOf(2n)).to.equal(0n);
    });

    it("refuses terms out of range, each by name with its values", async function () {
      const f = await loadFixture(curveFixture);
      const now = BigInt(await time.latest());
      await registerModel(f.registry, f.team, { slug: "second", approve: [f.factory] });
      const launch = (over: Parameters<typeof curveLaunchParams>[0]) =>
        f.factory.connect(f.team).launchCurve({ ...curveLaunchParams(over), model: 2n });
      const deadline = now + BigInt(DAY);
      await expect(launch({ deadline, curve: { tokensForCurve: 0n } }))
        .to.be.revertedWithCustomError(f.curve, "CurveInvalidSupply")
        .withArgs(0n, RESERVE);
      await expect(launch({ deadline, liquidityAmount: 0n }))
        .to.be.revertedWithCustomError(f.curve, "CurveInvalidSupply")
        .withArgs(CURVE_TOKENS, 0n);
      await expect(launch({ deadline, curve: { virtualQuote: 0n } }))
        .to.be.revertedWithCustomError(f.curve, "CurveInvalidQuote")
        .withArgs(0n, TARGET);
      await expect(launch({ deadline, curve: { targetQuote: 2n ** 128n } }))
        .to.be.revertedWithCustomError(f.curve, "CurveInvalidQuote")
        .withArgs(VIRTUAL, 2n ** 128n);
      await expect(launch({ deadline, curve: { feeBps: 1_001, openingFeeBps: 1_001 } }))
        .to.be.revertedWithCustomError(f.curve, "CurveInvalidFees")
        .withArgs(1_001n, 1_001n, OPENING_BLOCKS);
      await expect(launch({ deadline, curve: { feeBps: 100, openingFeeBps: 99 } }))
        .to.be.revertedWithCustomError(f.curve, "CurveInvalidFees")
        .withArgs(100n, 99n, OPENING_BLOCKS);
      await expect(launch({ deadline, curve: { openingFeeBps: 5_001 } }))
        .to.be.revertedWithCustomError(f.curve, "CurveInvalidFees")
        .withArgs(100n, 5_001n, OPENING_BLOCKS);
      await expect(launch({ deadline, curve: { openingBlocks: 1_001 } }))
        .to.be.revertedWithCustomError(f.curve, "CurveInvalidFees")
        .withArgs(100n, 5_000n, 1_001n);
      await expect(launch({ deadline: now - 1n }))
        .to.be.revertedWithCustomError(f.curve, "CurveInvalidDeadline")
        .withArgs(now - 1n, anyValue);
      await expect(launch({ deadline, curve: { lockDuration: 179n * BigInt(DAY) } }))
        .to.be.revertedWithCustomError(f.curve, "CurveInvalidLock")
        .withArgs(179n * BigInt(DAY), 180n * BigInt(DAY), 20n * 365n * BigInt(DAY));
      await expect(launch({ deadline, supply: 1n }))
        .to.be.revertedWithCustomError(f.factory, "LaunchSplitMismatch")
        .withArgs(CURVE_TOKENS + RESERVE + TOKENS(100_000), 1n);
      const member = { beneficiary: f.alice.address, amount: ONE, start: deadline - 1n, cliff: 0n, duration: 1n };
      await expect(launch({ deadline, team: [member] }))
        .to.be.revertedWithCustomError(f.factory, "LaunchVestingBeforeSaleEnd")
        .withArgs(0n, deadline - 1n, deadline);
      await expect(f.factory.connect(f.team).launchCurve(curveLaunchParams({ deadline })))
        .to.be.revertedWithCustomError(f.factory, "LaunchNotModelOwner")
        .withArgs(1n, f.team.address);
    });

    it("is not a curve itself: the implementation refuses to read terms", async function () {
      const f = await loadFixture(curveFixture);
      const impl = await ethers.getContractAt("BondingCurve", await f.factory.curveImplementation());
      await expect(impl.config()).to.be.revertedWithCustomError(impl, "CurveNotACurve");
    });
  });

  describe("trading", function () {
    it("sells along the constant product, rounding the tokens down, and buys back rounding the quote down", async function () {
      const f = await loadFixture(curveFixture);
      const paid = ETH(3);
      const fee = feeOf(paid, 100n);
      const expected = afterBuy(CURVE_TOKENS, 0n, paid - fee);
      await expect(f.curve.connect(f.alice).buy(paid, expected.tokensOut, FAR, { value: paid }))
        .to.emit(f.curve, "Bought")
        .withArgs(f.alice.address, paid, fee, expected.tokensOut, 0n);
      expect(await f.token.balanceOf(f.alice.address)).to.equal(expected.tokensOut);
      expect(await f.curve.state()).to.deep.equal([paid - fee, expected.onCurve, fee, 0n]);
      // (V + R) · S >= V · N, by less than one V + R.
      const product = (VIRTUAL + expected.reserve) * expected.onCurve;
      expect(product >= VIRTUAL * CURVE_TOKENS).to.equal(true);
      expect(product - VIRTUAL * CURVE_TOKENS < VIRTUAL + expected.reserve).to.equal(true);

      // The price rises: the same payment buys fewer tokens next.
      const second = afterBuy(expected.onCurve, expected.reserve, paid - fee);
      await f.curve.connect(f.bob).buy(paid, 0n, FAR, { value: paid });
      expect(second.tokensOut < expected.tokensOut).to.equal(true);
      expect(await f.token.balanceOf(f.bob.address)).to.equal(second.tokensOut);

      // Alice sells back everything: the gross is V + R - ceil(V·N / (S + t)), less the fee.
      const t = expected.tokensOut;
      const k = VIRTUAL * CURVE_TOKENS;
      const onCurve = second.onCurve + t;
      const gross = VIRTUAL + second.reserve - (k + onCurve - 1n) / onCurve;
      const sellFee = feeOf(gross, 100n);
      expect(await f.curve.quoteSell(t)).to.deep.equal([gross - sellFee, sellFee]);
      await f.token.connect(f.alice).approve(f.curve.target, t);
      const tx = f.curve.connect(f.alice).sell(t, gross - sellFee, FAR);
      await expect(tx)
        .to.emit(f.curve, "Sold")
        .withArgs(f.alice.address, t, gross - sellFee, sellFee);
      await expect(tx).to.changeEtherBalance(ethers, f.alice, gross - sellFee);
      // Alice, who bought first and sold after Bob, gains on the curve; the reserve still covers Bob.
      expect(await f.curve.boughtOf(f.alice.address)).to.equal(0n);
      const [reserve, left] = await f.curve.state();
      expect(reserve).to.equal(second.reserve - gross);
      expect(left).to.equal(onCurve);
    });

    it("fills a buy that passes the target up to it exactly and refunds the rest in the same call", async function () {
      const f = await loadFixture(curveFixture);
      const paid = ETH(100);
      const fee = (TARGET * 100n + 9_899n) / 9_900n;
      const expected = afterBuy(CURVE_TOKENS, 0n, TARGET);
      expect(await f.curve.quoteBuy(paid)).to.deep.equal([expected.tokensOut, fee, paid - TARGET - fee]);
      const tx = f.curve.connect(f.alice).buy(paid, 0n, FAR, { value: paid });
      await expect(tx)
        .to.emit(f.curve, "Bought")
        .withArgs(f.alice.address, TARGET + fee, fee, expected.tokensOut, paid - TARGET - fee);
      await expect(tx).to.emit(f.curve, "TargetReached").withArgs(TARGET, expected.onCurve);
      await expect(tx).to.changeEtherBalance(ethers, f.alice, -(TARGET + fee));
      expect(await f.curve.status()).to.equal(CurveStatus.Graduating);
      await expect(f.curve.connect(f.bob).buy(ONE, 0n, FAR, { value: ONE }))
        .to.be.revertedWithCustomError(f.curve, "CurveWrongStatus")
        .withArgs(CurveStatus.Graduating);
      await expect(f.curve.connect(f.alice).sell(ONE, 0n, FAR))
        .to.be.revertedWithCustomError(f.curve, "CurveWrongStatus")
        .withArgs(CurveStatus.Graduating);
    });

    it("credits an ETH refund its buyer refuses, for a later withdrawal", async function () {
      const f = await loadFixture(curveFixture);
      const buyer = await ethers.deployContract("CurveBuyer", [f.curve.target]);
      await buyer.setRejects(true);
      const paid = ETH(70);
      const [, fee, refund] = await f.curve.quoteBuy(paid);
      await expect(buyer.buy(paid, 0n, { value: paid }))
        .to.emit(f.curve, "RefundCredited")
        .withArgs(buyer.target, refund);
      expect(await f.curve.creditOf(buyer.target)).to.equal(refund);
      expect(await f.curve.state()).to.deep.equal([TARGET, afterBuy(CURVE_TOKENS, 0n, TARGET).onCurve, fee, refund]);
      expect(await ethers.provider.getBalance(f.curve.target)).to.equal(TARGET + fee + refund);
      await expect(buyer.withdraw(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(f.curve, "CurveInvalidRecipient")
        .withArgs(ethers.ZeroAddress);
      const tx = buyer.withdraw(f.carol.address);
      await expect(tx).to.emit(f.curve, "CreditWithdrawn").withArgs(buyer.target, f.carol.address, refund);
      await expect(tx).to.changeEtherBalance(ethers, f.carol, refund);
      await expect(buyer.withdraw(f.carol.address))
        .to.be.revertedWithCustomError(f.curve, "CurveNothingToWithdraw")
        .withArgs(buyer.target);
    });

    it("refuses bad trades by name: slippage, an expired trade, a wrong payment, nothing, selling what was not bought", async function () {
      const f = await loadFixture(curveFixture);
      const [out] = await f.curve.quoteBuy(ONE);
      await expect(f.curve.connect(f.alice).buy(ONE, out + 1n, FAR, { value: ONE }))
        .to.be.revertedWithCustomError(f.curve, "CurveSlippage")
        .withArgs(out, out + 1n);
      const now = BigInt(await time.latest());
      await expect(f.curve.connect(f.alice).buy(ONE, 0n, now, { value: ONE }))
        .to.be.revertedWithCustomError(f.curve, "CurveTradeExpired")
        .withArgs(now, anyValue);
      await expect(f.curve.connect(f.alice).buy(ONE, 0n, FAR, { value: ONE - 1n }))
        .to.be.revertedWithCustomError(f.curve, "CurveWrongPayment")
        .withArgs(ONE, ONE - 1n);
      await expect(f.curve.connect(f.alice).buy(0n, 0n, FAR)).to.be.revertedWithCustomError(f.curve, "CurveZeroAmount");
      // One wei pays its fee (rounded up) and buys nothing: refused.
      await expect(f.curve.connect(f.alice).buy(1n, 0n, FAR, { value: 1n })).to.be.revertedWithCustomError(
        f.curve,
        "CurveZeroAmount",
      );
      await f.curve.connect(f.alice).buy(ONE, 0n, FAR, { value: ONE });
      await f.token.connect(f.alice).approve(f.curve.target, ethers.MaxUint256);
      const [quote] = await f.curve.quoteSell(out);
      await expect(f.curve.connect(f.alice).sell(out, quote + 1n, FAR))
        .to.be.revertedWithCustomError(f.curve, "CurveSlippage")
        .withArgs(quote, quote + 1n);
      await expect(f.curve.connect(f.alice).sell(0n, 0n, FAR)).to.be.revertedWithCustomError(
        f.curve,
        "CurveZeroAmount",
      );
      await expect(f.curve.connect(f.alice).sell(out + 1n, 0n, FAR))
        .to.be.revertedWithCustomError(f.curve, "CurveSellExceedsBought")
        .withArgs(f.alice.address, out + 1n, out);
      // Tokens that did not come from the curve cannot be sold to it: the treasury's, here.
      const treasury = await impersonate(connection, f.timelock.target as string);
      await f.token.connect(treasury).approve(f.curve.target, ONE);
      await expect(f.curve.connect(treasury).sell(ONE, 0n, FAR))
        .to.be.revertedWithCustomError(f.curve, "CurveSellExceedsBought")
        .withArgs(f.timelock.target, ONE, 0n);
      await expect(f.curve.openPool(1n, 1n, 1n, 1n))
        .to.be.revertedWithCustomError(f.curve, "CurveOnlySelf")
        .withArgs(f.team.address);
      await expect(f.team.sendTransaction({ to: f.curve.target, value: 1n }))
        .to.be.revertedWithCustomError(f.curve, "CurveUnexpectedETH")
        .withArgs(f.team.address);
      await expect(f.curve.graduate())
        .to.be.revertedWithCustomError(f.curve, "CurveWrongStatus")
        .withArgs(CurveStatus.Trading);
      await expect(f.curve.reclaim())
        .to.be.revertedWithCustomError(f.curve, "CurveWrongStatus")
        .withArgs(CurveStatus.Trading);
    });

    it("costs a holder's repeat buy and sell at most 100k gas", async function () {
      const f = await loadFixture(curveFixture);
      await f.curve.connect(f.alice).buy(ONE, 0n, FAR, { value: ONE });
      await f.token.connect(f.alice).approve(f.curve.target, ethers.MaxUint256);
      const buy = (await (await f.curve.connect(f.alice).buy(ONE, 0n, FAR, { value: ONE })).wait())!;
      const sell = (await (await f.curve.connect(f.alice).sell(TOKENS(1_000), 0n, FAR)).wait())!;
      console.log(`      curve.buy (repeat): ${buy.gasUsed}, curve.sell: ${sell.gasUsed}`);
      expect(buy.gasUsed).to.be.lessThanOrEqual(100_000n);
      expect(sell.gasUsed).to.be.lessThanOrEqual(100_000n);
    });
  });

  describe("fees", function () {
    it("falls from the opening fee to the trading fee linearly over the opening blocks, never below the line", async function () {
      const f = await deployCurve(connection);
      const launchBlock = BigInt(f.receipt.blockNumber);
      const [, alice] = await ethers.getSigners();
      for (let i = 0; i < 3; i++) {
        const tx = await f.curve.connect(alice).buy(ONE, 0n, FAR, { value: ONE });
        const receipt = (await tx.wait())!;
        const elapsed = BigInt(receipt.blockNumber) - launchBlock;
        const bps = 5_000n - (4_900n * elapsed) / OPENING_BLOCKS;
        await expect(tx).to.emit(f.curve, "Bought").withArgs(alice.address, ONE, feeOf(ONE, bps), anyValue, 0n);
      }
      await mine(Number(OPENING_BLOCKS));
      expect(await f.curve.currentFeeBps()).to.equal(100n);
    });

    it("accrue beside the reserve and go to the treasury when collected", async function () {
      const f = await loadFixture(curveFixture);
      await f.curve.connect(f.alice).buy(ETH(10), 0n, FAR, { value: ETH(10) });
      const fee = feeOf(ETH(10), 100n);
      const tx = f.curve.connect(f.bob).collectFees();
      await expect(tx).to.emit(f.curve, "FeesCollected").withArgs(f.timelock.target, fee, false);
      await expect(tx).to.changeEtherBalances(ethers, [f.curve, f.timelock], [-fee, fee]);
      expect((await f.curve.state())[0]).to.equal(ETH(10) - fee);
      await expect(f.curve.collectFees()).to.be.revertedWithCustomError(f.curve, "CurveNoFees");
    });

    it("are deposited as revenue for holders when the terms say so (ETH)", async function () {
      const f = await deployCurve(connection, () => ({ curve: { feesToHolders: true } }));
      const [, alice] = await ethers.getSigners();
      await mine(Number(OPENING_BLOCKS));
      await f.curve.connect(alice).buy(ETH(10), 0n, FAR, { value: ETH(10) });
      const fee = feeOf(ETH(10), 100n);
      const tx = f.curve.collectFees();
      await expect(tx).to.emit(f.curve, "FeesCollected").withArgs(f.token.target, fee, true);
      await expect(tx).to.changeEtherBalances(ethers, [f.curve, f.token], [-fee, fee]);
    });

    it("are deposited as revenue in the payment ERC-20, or paid to the treasury if the token refuses them", async function () {
      const f = await loadFixture(erc20Fixture);
      await f.curve.connect(f.alice).buy(ETH(10), 0n, FAR);
      const fee = feeOf(ETH(10), 100n);
      await expect(f.curve.collectFees()).to.emit(f.curve, "FeesCollected").withArgs(f.token.target, fee, true);
      expect(await f.usd.balanceOf(f.token.target)).to.equal(fee);
      // The DAO stops accepting the asset: the next fees go to the treasury instead, and nothing stays behind.
      const dao = await impersonate(connection, f.timelock.target as string);
      await f.token.connect(dao).removeAsset(f.usd.target);
      await f.curve.connect(f.bob).buy(ETH(10), 0n, FAR);
      const tx = f.curve.collectFees();
      await expect(tx).to.emit(f.curve, "FeesCollected").withArgs(f.timelock.target, fee, false);
      await expect(tx).to.changeTokenBalances(ethers, f.usd, [f.curve, f.timelock], [-fee, fee]);
      expect(await f.usd.allowance(f.curve.target, f.token.target)).to.equal(0n);
    });
  });

  describe("graduation", function () {
    async function graduating() {
      const f = await curveFixture();
      await f.curve.connect(f.alice).buy(ETH(20), 0n, FAR, { value: ETH(20) });
      await f.curve.connect(f.bob).buy(ETH(100), 0n, FAR, { value: ETH(100) });
      return f;
    }

    it("opens the pool at the curve's final price, locks the shares for the treasury and sends leftovers to it", async function () {
      const f = await loadFixture(graduating);
      const [reserve, onCurve, fees] = await f.curve.state();
      expect(reserve).to.equal(TARGET);
      const treasuryTokens = await f.token.balanceOf(f.timelock.target);
      const lock = await ethers.getContractAt("LiquidityLock", (await f.curve.market()).lock);
      const tx = await f.curve.connect(f.carol).graduate({ gasLimit: 5_000_000 });
      const receipt = (await tx.wait())!;
      console.log(`      curve.graduate: ${receipt.gasUsed}`);
      expect(receipt.gasUsed).to.be.lessThanOrEqual(3_500_000n);
      const at = BigInt(await time.latest());
      const [tokens, quote] = await poolReserves(f);
      // The price (V + R) / S, to the unit of rounding: quote / tokens = (V + R) / S.
      expect(quote).to.equal(TARGET);
      const expectedTokens = (TARGET * onCurve) / (VIRTUAL + TARGET);
      expect(tokens).to.equal(expectedTokens);
      expect(quote * onCurve >= tokens * (VIRTUAL + TARGET)).to.equal(true);
      const shares = await f.pair.balanceOf(lock.target);
      expect(shares).to.equal((await f.pair.totalSupply()) - 1000n);
      const locked = await lock.lockOf(0n);
      expect(locked.beneficiary).to.equal(f.timelock.target);
      expect(locked.unlockAt).to.equal(at + LOCK);
      expect(locked.amount).to.equal(shares);
      await expect(tx)
        .to.emit(f.curve, "Graduated")
        .withArgs(f.pair.target, tokens, quote, shares, 0n, at + LOCK);
      // Leftover tokens (the curve's and the pool's reserve beyond what the price used) went to the treasury.
      expect(await f.token.balanceOf(f.curve.target)).to.equal(0n);
      expect((await f.token.balanceOf(f.timelock.target)) - treasuryTokens).to.equal(onCurve + RESERVE - tokens);
      // Only the fees stay, for their collection.
      expect(await ethers.provider.getBalance(f.curve.target)).to.equal(fees);
      expect(await f.curve.state()).to.deep.equal([0n, onCurve, fees, 0n]);
      expect(await f.curve.status()).to.equal(CurveStatus.Graduated);
      await f.curve.collectFees();
      await time.increaseTo(at + LOCK);
      await lock.release(0n);
      expect(await f.pair.balanceOf(f.timelock.target)).to.equal(shares);
    });

    it("refuses a graduation without the gas its pool step needs", async function () {
      const f = await loadFixture(graduating);
      await expect(f.curve.graduate({ gasLimit: 3_000_000 })).to.be.revertedWithCustomError(
        f.curve,
        "CurveGraduationGas",
      );
      expect(await f.curve.status()).to.equal(CurveStatus.Graduating);
    });

    it("sends everything to the treasury when the pool cannot open (the DAO included the pool again)", async function () {
      const f = await deployCurve(connection);
      const [, alice] = await ethers.getSigners();
      await mine(Number(OPENING_BLOCKS));
      await f.curve.connect(alice).buy(ETH(100), 0n, FAR, { value: ETH(100) });
      // A pool that cannot open: the WETH pair created and its exclusion lifted is refused by the curve.
      await f.uniswap.createPair(f.token.target, f.weth.target);
      const dao = await impersonate(connection, f.timelock.target as string);
      await f.token.connect(dao).setExcluded(f.pair.target, false);
      const [, onCurve] = await f.curve.state();
      const tx = f.curve.graduate({ gasLimit: 5_000_000 });
      await expect(tx).to.emit(f.curve, "PoolNotOpened");
      await expect(tx).to.changeEtherBalance(ethers, f.timelock, TARGET);
      await expect(tx).to.changeTokenBalance(ethers, f.token, f.timelock, onCurve + RESERVE);
      expect(await f.curve.status()).to.equal(CurveStatus.Graduated);
    });
  });

  describe("past the deadline without graduation", function () {
    it("stops buying; every buyer sells back without fee, the reserve empties to rounding; reclaim sends the tokens to the treasury", async function () {
      const f = await loadFixture(curveFixture);
      const buyers = [f.alice, f.bob, f.carol];
      for (const [i, who] of buyers.entries()) {
        await f.curve.connect(who).buy(ETH(i + 1), 0n, FAR, { value: ETH(i + 1) });
        await f.token.connect(who).approve(f.curve.target, ethers.MaxUint256);
      }
      await time.increaseTo(BigInt(f.params.curve.deadline));
      expect(await f.curve.status()).to.equal(CurveStatus.Refunding);
      expect(await f.curve.currentFeeBps()).to.equal(0n);
      await expect(f.curve.connect(f.alice).buy(ONE, 0n, FAR, { value: ONE }))
        .to.be.revertedWithCustomError(f.curve, "CurveWrongStatus")
        .withArgs(CurveStatus.Refunding);
      const [, , fees] = await f.curve.state();
      const treasuryBefore = await f.token.balanceOf(f.timelock.target);
      await expect(f.curve.reclaim())
        .to.emit(f.curve, "Reclaimed")
        .withArgs(
          f.timelock.target,
          CURVE_TOKENS +
            RESERVE -
            (await f.token.balanceOf(f.alice.address)) -
            (await f.token.balanceOf(f.bob.address)) -
            (await f.token.balanceOf(f.carol.address)),
        );
      await expect(f.curve.reclaim()).to.be.revertedWithCustomError(f.curve, "CurveNothingToReclaim");
      // The first to sell is not favoured over the last beyond the curve's own price path; all are paid.
      for (const who of [f.carol, f.alice, f.bob]) {
        const held = await f.token.balanceOf(who.address);
        const [quote, fee] = await f.curve.quoteSell(held);
        expect(fee).to.equal(0n);
        await expect(f.curve.connect(who).sell(held, quote, FAR))
          .to.emit(f.curve, "Sold")
          .withArgs(who.address, held, quote, 0n);
      }
      const [reserve, onCurve] = await f.curve.state();
      expect(onCurve).to.equal(CURVE_TOKENS);
      expect(reserve).to.be.lessThanOrEqual(3n);
      expect(await ethers.provider.getBalance(f.curve.target)).to.equal(reserve + fees);
      await f.curve.reclaim();
      expect((await f.token.balanceOf(f.timelock.target)) - treasuryBefore).to.equal(CURVE_TOKENS + RESERVE);
    });
  });
});
