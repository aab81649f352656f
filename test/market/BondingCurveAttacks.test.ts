import { expect } from "chai";
import { network } from "hardhat";

import { DAY, ETH, ONE } from "../fixtures/constants.js";
import {
  CURVE_TOKENS,
  CurveStatus,
  deployCurve,
  FAR,
  feeOf,
  OPENING_BLOCKS,
  RESERVE,
  TARGET,
  VIRTUAL,
} from "../fixtures/curve.js";
import { impersonate } from "../fixtures/launch.js";
import { by, UNISWAP, type Untyped } from "../fixtures/uniswap.js";

const connection = await network.connect();
const { ethers, networkHelpers } = connection;
const { loadFixture, mine, time } = networkHelpers;

async function curveFixture() {
  const f = await deployCurve(connection);
  const [, alice, bob, carol, mallory] = await ethers.getSigners();
  const router = new ethers.Contract(
    f.deployment.contracts.UniswapV2Router02!.address,
    UNISWAP.router.abi,
    mallory,
  ) as unknown as Untyped;
  return { ...f, alice, bob, carol, mallory, router };
}

/** The pool's reserves as (tokens, quote). */
async function reserves(pair: Untyped, token: string): Promise<[bigint, bigint]> {
  const [r0, r1] = (await pair.getReserves()) as [bigint, bigint];
  return (await pair.token0()) === token ? [r0, r1] : [r1, r0];
}

describe("BondingCurve attacks", function () {
  it("a sniper at the open pays the opening fee, and splitting the buy across wallets does not avoid it", async function () {
    const f = await loadFixture(curveFixture);
    const launchBlock = BigInt(f.receipt.blockNumber);
    // All three buys land in the block after the launch: one sniper buying 10 ETH, and the same 10 ETH split in two.
    await ethers.provider.send("evm_setAutomine", [false]);
    const whole = await f.curve.connect(f.mallory).buy(ETH(10), 0n, FAR, { value: ETH(10), gasLimit: 300_000 });
    const half1 = await f.curve.connect(f.alice).buy(ETH(5), 0n, FAR, { value: ETH(5), gasLimit: 300_000 });
    const half2 = await f.curve.connect(f.bob).buy(ETH(5), 0n, FAR, { value: ETH(5), gasLimit: 300_000 });
    await mine(1);
    await ethers.provider.send("evm_setAutomine", [true]);
    const receipts = await Promise.all([whole, half1, half2].map(async (tx) => (await tx.wait())!));
    expect(receipts.map((r) => BigInt(r.blockNumber))).to.deep.equal([
      launchBlock + 1n,
      launchBlock + 1n,
      launchBlock + 1n,
    ]);
    const fees = receipts.map(
      (r) => f.curve.interface.parseLog(r.logs.find((l) => l.address === f.curve.target)!)!.args.fee as bigint,
    );
    // 50% falling by 4,900 bps over 10 blocks: 45.1% one block in.
    const bps = 5_000n - 4_900n / OPENING_BLOCKS;
    expect(fees[0]).to.equal(feeOf(ETH(10), bps));
    expect(fees[1] + fees[2]).to.be.greaterThanOrEqual(fees[0]);
    // After the opening the same buy pays 1%: the sniper paid 45 times more to be first.
    await mine(Number(OPENING_BLOCKS));
    const later = (await (await f.curve.connect(f.carol).buy(ETH(10), 0n, FAR, { value: ETH(10) })).wait())!;
    const laterFee = f.curve.interface.parseLog(later.logs.find((l) => l.address === f.curve.target)!)!.args.fee;
    expect(laterFee).to.equal(feeOf(ETH(10), 100n));
    expect(fees[0]).to.be.greaterThan(45n * laterFee);
  });

  it("a pair pre-created and seeded at a skewed price before graduation only loses its liquidity provider money", async function () {
    const f = await loadFixture(curveFixture);
    await mine(Number(OPENING_BLOCKS));
    // Mallory buys tokens, then opens the pool at a tenth of the curve's price.
    await f.curve.connect(f.mallory).buy(ETH(10), 0n, FAR, { value: ETH(10) });
    const [reserve0, onCurve0] = await f.curve.state();
    const depositTokens = (await f.token.balanceOf(f.mallory.address)) / 2n;
    const depositQuote = (depositTokens * (VIRTUAL + reserve0)) / onCurve0 / 10n;
    await f.uniswap.createPair(f.token.target, f.weth.target);
    await by(f.weth, f.mallory).deposit({ value: depositQuote });
    await by(f.weth, f.mallory).transfer(f.pair.target, depositQuote);
    await f.token.connect(f.mallory).transfer(f.pair.target, depositTokens);
    await by(f.pair, f.mallory).mint(f.mallory.address);

    await f.curve.connect(f.alice).buy(ETH(100), 0n, FAR, { value: ETH(100) });
    const [, onCurve] = await f.curve.state();
    await f.curve.graduate({ gasLimit: 5_000_000 });
    // The pool ends at the curve's final price, within the pair's 0.3% fee and never below it.
    const [tokens, quote] = await reserves(f.pair, f.token.target as string);
    const finalNum = VIRTUAL + TARGET;
    expect(quote * onCurve * 1_000n).to.be.greaterThanOrEqual(tokens * finalNum * 997n);
    expect(quote * onCurve * 1_000n).to.be.lessThanOrEqual(tokens * finalNum * 1_003n);

    // Mallory withdraws: what it gets back is worth less, at the final price, than what it put in.
    const shares: bigint = await f.pair.balanceOf(f.mallory.address);
    await by(f.pair, f.mallory).transfer(f.pair.target, shares);
    const tokensBefore = await f.token.balanceOf(f.mallory.address);
    const wethBefore: bigint = await f.weth.balanceOf(f.mallory.address);
    await by(f.pair, f.mallory).burn(f.mallory.address);
    const backTokens = (await f.token.balanceOf(f.mallory.address)) - tokensBefore;
    const backQuote = ((await f.weth.balanceOf(f.mallory.address)) as bigint) - wethBefore;
    const valueIn = depositQuote * onCurve + depositTokens * finalNum;
    const valueOut = backQuote * onCurve + backTokens * finalNum;
    expect(valueOut).to.be.lessThan(valueIn);
  });

  it("a donation synced into a pre-created pair is lost to the pool's locked shares; the pool opens at the curve's price", async function () {
    const f = await loadFixture(curveFixture);
    await mine(Number(OPENING_BLOCKS));
    await f.uniswap.createPair(f.token.target, f.weth.target);
    await by(f.weth, f.mallory).deposit({ value: ETH(5) });
    await by(f.weth, f.mallory).transfer(f.pair.target, ETH(5));
    await f.pair.sync();
    await f.curve.connect(f.alice).buy(ETH(100), 0n, FAR, { value: ETH(100) });
    const [, onCurve] = await f.curve.state();
    const lock = (await f.curve.market()).lock;
    await f.curve.graduate({ gasLimit: 5_000_000 });
    const [tokens, quote] = await reserves(f.pair, f.token.target as string);
    // The synced donation counted toward the quote: the pool opens at the curve's price to the unit of rounding, with
    // the donation in it, and every share but the pair's permanent minimum is locked for the treasury.
    expect(quote).to.equal(TARGET + ETH(5));
    expect(tokens).to.equal(((TARGET + ETH(5)) * onCurve) / (VIRTUAL + TARGET));
    expect(await f.pair.balanceOf(f.mallory.address)).to.equal(0n);
    expect(await f.pair.balanceOf(lock)).to.equal((await f.pair.totalSupply()) - 1000n);
  });

  it("a sandwich around graduation gains at most the last buyer's own curve price move less its fee", async function () {
    const f = await loadFixture(curveFixture);
    await mine(Number(OPENING_BLOCKS));
    await f.curve.connect(f.alice).buy(ETH(55), 0n, FAR, { value: ETH(55) });
    // Mallory buys the last tokens before the target (the rest of its 10 ETH comes back), graduates, and sells them
    // into the new pool at once.
    const before = await ethers.provider.getBalance(f.mallory.address);
    let gas = 0n;
    const buy = (await (await f.curve.connect(f.mallory).buy(ETH(10), 0n, FAR, { value: ETH(10) })).wait())!;
    gas += buy.gasUsed * buy.gasPrice;
    const x = await f.token.balanceOf(f.mallory.address);
    const paid = before - gas - (await ethers.provider.getBalance(f.mallory.address));
    const [, onCurve] = await f.curve.state();
    const graduate = (await (await f.curve.connect(f.mallory).graduate({ gasLimit: 5_000_000 })).wait())!;
    gas += graduate.gasUsed * graduate.gasPrice;
    const approve = (await (await f.token.connect(f.mallory).approve(f.router.target, x)).wait())!;
    gas += approve.gasUsed * approve.gasPrice;
    const swap: { gasUsed: bigint; gasPrice: bigint } = await (
      await f.router.swapExactTokensForETH(x, 0n, [f.token.target, f.weth.target], f.mallory.address, FAR)
    ).wait();
    gas += swap.gasUsed * swap.gasPrice;
    const gain = (await ethers.provider.getBalance(f.mallory.address)) + gas - before;
    // The bound: x tokens valued at the final price (V + R) / S, less what was paid for them, fee included.
    const bound = (x * (VIRTUAL + TARGET)) / onCurve - paid;
    expect(gain).to.be.lessThanOrEqual(bound);
    // Here the fee and the pool's own price impact make the round trip a loss.
    expect(gain).to.be.lessThan(0n);
  });

  it("reentrancy through an ETH refund: the buyer's callback cannot trade or graduate", async function () {
    const f = await loadFixture(curveFixture);
    await mine(Number(OPENING_BLOCKS));
    const buyer = await ethers.deployContract("CurveBuyer", [f.curve.target]);
    for (const reentry of [
      f.curve.interface.encodeFunctionData("graduate"),
      f.curve.interface.encodeFunctionData("sell", [1n, 0n, FAR]),
      f.curve.interface.encodeFunctionData("buy", [0n, 0n, FAR]),
    ]) {
      await buyer.setReentry(reentry);
      await buyer.buy(ETH(1), 0n, { value: ETH(1) });
      // A refund only comes with the buy that passes the target; before it, no callback runs.
      expect(await buyer.reentered()).to.equal(false);
    }
    await buyer.setReentry(f.curve.interface.encodeFunctionData("graduate"));
    await buyer.buy(ETH(100), 0n, { value: ETH(100) });
    expect(await buyer.reentered()).to.equal(false);
    const reason = await buyer.reentryError();
    expect(reason.slice(0, 10)).to.equal(f.curve.interface.getError("ReentrancyGuardReentrantCall")!.selector);
    expect(await f.curve.status()).to.equal(CurveStatus.Graduating);
    // The refund arrived (the callback did not revert): nothing is credited, nothing stuck.
    expect(await f.curve.creditOf(buyer.target)).to.equal(0n);
    const [reserve, , fees, credits] = await f.curve.state();
    expect(await ethers.provider.getBalance(f.curve.target)).to.equal(reserve + fees + credits);
  });

  it("reentrancy through a malicious payment token: its transfer hooks cannot trade on the curve", async function () {
    const token = await ethers.deployContract("ReentrantPaymentToken");
    const f = await deployCurve(connection, () => ({ curve: { paymentToken: token.target as string } }));
    const [, alice] = await ethers.getSigners();
    await mine(Number(OPENING_BLOCKS));
    await token.mint(alice.address, ETH(100));
    await token.connect(alice).approve(f.curve.target, ethers.MaxUint256);
    await token.arm(f.curve.target, f.curve.interface.encodeFunctionData("buy", [ONE, 0n, FAR]));
    await f.curve.connect(alice).buy(ETH(10), 0n, FAR);
    expect(await token.attempts()).to.be.greaterThan(0n);
    expect(await token.reentered()).to.equal(false);
    expect((await token.reentryError()).slice(0, 10)).to.equal(
      f.curve.interface.getError("ReentrancyGuardReentrantCall")!.selector,
    );
    await f.token.connect(alice).approve(f.curve.target, ethers.MaxUint256);
    await token.arm(f.curve.target, f.curve.interface.encodeFunctionData("sell", [1n, 0n, FAR]));
    await f.curve.connect(alice).sell(await f.token.balanceOf(alice.address), 0n, FAR);
    expect(await token.reentered()).to.equal(false);
    const [reserve, , fees] = await f.curve.state();
    expect(await token.balanceOf(f.curve.target)).to.equal(reserve + fees);
  });

  it("graduating twice, or opening the pool from outside, is refused", async function () {
    const f = await loadFixture(curveFixture);
    await mine(Number(OPENING_BLOCKS));
    await f.curve.connect(f.alice).buy(ETH(100), 0n, FAR, { value: ETH(100) });
    await expect(f.curve.connect(f.mallory).openPool(TARGET, RESERVE, 1n, 1n))
      .to.be.revertedWithCustomError(f.curve, "CurveOnlySelf")
      .withArgs(f.mallory.address);
    await f.curve.graduate({ gasLimit: 5_000_000 });
    await expect(f.curve.graduate({ gasLimit: 5_000_000 }))
      .to.be.revertedWithCustomError(f.curve, "CurveWrongStatus")
      .withArgs(CurveStatus.Graduated);
    await expect(f.curve.reclaim())
      .to.be.revertedWithCustomError(f.curve, "CurveWrongStatus")
      .withArgs(CurveStatus.Graduated);
  });

  it("tokens from outside the curve cannot take the buyers' refunds past the deadline", async function () {
    const f = await loadFixture(curveFixture);
    await mine(Number(OPENING_BLOCKS));
    await f.curve.connect(f.alice).buy(ETH(10), 0n, FAR, { value: ETH(10) });
    await f.curve.connect(f.bob).buy(ETH(10), 0n, FAR, { value: ETH(10) });
    // Bob passes his tokens to Mallory, who cannot sell them back: only what an account bought is bought back.
    const bobs = await f.token.balanceOf(f.bob.address);
    await f.token.connect(f.bob).transfer(f.mallory.address, bobs);
    await time.increase(8n * BigInt(DAY));
    expect(await f.curve.status()).to.equal(CurveStatus.Refunding);
    await f.token.connect(f.mallory).approve(f.curve.target, ethers.MaxUint256);
    await expect(f.curve.connect(f.mallory).sell(bobs, 0n, FAR))
      .to.be.revertedWithCustomError(f.curve, "CurveSellExceedsBought")
      .withArgs(f.mallory.address, bobs, 0n);
    // The treasury's tokens neither.
    const treasury = await impersonate(connection, f.timelock.target as string);
    await f.token.connect(treasury).approve(f.curve.target, ONE);
    await expect(f.curve.connect(treasury).sell(ONE, 0n, FAR)).to.be.revertedWithCustomError(
      f.curve,
      "CurveSellExceedsBought",
    );
    // Alice sells all of hers back, without fee, at the curve's price.
    const alices = await f.token.balanceOf(f.alice.address);
    await f.token.connect(f.alice).approve(f.curve.target, alices);
    const [quote, fee] = await f.curve.quoteSell(alices);
    expect(fee).to.equal(0n);
    await expect(f.curve.connect(f.alice).sell(alices, quote, FAR)).to.changeEtherBalance(ethers, f.alice, quote);
    expect(await f.curve.boughtOf(f.bob.address)).to.equal(bobs);
    expect((await f.curve.state())[1]).to.equal(CURVE_TOKENS - bobs);
  });
});
