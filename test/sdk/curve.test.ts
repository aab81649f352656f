import { expect } from "chai";
import { network } from "hardhat";

import {
  BondingCurve__factory,
  createClient,
  CurveInvalidTradeError,
  CurveNoFeesError,
  CurveNothingToWithdrawError,
  CurveSellExceedsBoughtError,
  CurveWrongStatusError,
  MarketNoPoolError,
  OfferingIsCurveError,
  type Client,
} from "../../sdk/src/index.js";
import { ONE } from "../fixtures/constants.js";
import { CURVE_TOKENS, deployCurve, OPENING_BLOCKS, TARGET, VIRTUAL } from "../fixtures/curve.js";
import { expectEveryErrorNamed, failure } from "./fixture.js";

// A model's bonding curve through the SDK: shown, quoted and traded both ways with a slippage bound, filled to its
// target, graduated into its pool (which the market module then shows and swaps against), its fees collected, and
// past a missed deadline sold back without fee and reclaimed. The launch goes through the contracts; the curve through
// the SDK.

const connection = await network.connect();
const { ethers, networkHelpers } = connection;
const { loadFixture, mine, time } = networkHelpers;

const SLUG = "face-landmark-68";

describe("SDK curve errors", function () {
  it("names every error of the bonding curve, each in a sentence", function () {
    expect(expectEveryErrorNamed("BondingCurve", BondingCurve__factory.createInterface())).to.include.members([
      "CurveWrongStatus",
      "CurveSlippage",
      "CurveSellExceedsBought",
      "CurveNoFees",
      "CurveGraduationGas",
      "CurveInvalidLock",
    ]);
  });
});

async function curveFixture() {
  const [, alice, bob, keeper] = await ethers.getSigners();
  const launched = await deployCurve(connection);
  const as = (signer: typeof alice): Client => createClient({ runner: signer, deployment: launched.deployment });
  return { ...launched, alice, bob, keeper, as };
}

/** The curve past its opening fee, alice and bob holding what 10 and 5 ETH bought. */
async function tradedCurve() {
  const f = await loadFixture(curveFixture);
  await mine(Number(OPENING_BLOCKS));
  await f.as(f.alice).curve.buy({ model: SLUG, amount: "10" });
  await f.as(f.bob).curve.buy({ model: SLUG, amount: "5" });
  return f;
}

describe("SDK curve", function () {
  it("shows a fresh curve: its opening price, no progress, the opening fee, its pool not created yet", async function () {
    const f = await loadFixture(curveFixture);
    const c = await f.as(f.alice).curve.show(SLUG);
    expect(c.status).to.equal("Trading");
    expect(c.openingPrice).to.equal((VIRTUAL * ONE) / CURVE_TOKENS);
    expect(c.price).to.equal(c.openingPrice);
    expect(c.finalPrice > c.openingPrice).to.equal(true);
    expect(c.progressBps).to.equal(0);
    expect(c.tokensOnCurve).to.equal(CURVE_TOKENS);
    expect(c.currentFeeBps).to.equal(Number(await f.curve.currentFeeBps()));
    expect(c.currentFeeBps > 100).to.equal(true);
    expect(c.pool.pair).to.equal(await f.curve.pool());
    expect(c.pool.exists).to.equal(false);
    expect(c.account).to.deep.equal({ address: f.alice.address, bought: 0n, credit: 0n });
    expect(c.payment.isEth).to.equal(true);
    expect(c.terms.targetQuote).to.equal(TARGET);
  });

  it("refuses a sale's model in the curve module and a curve's model in the offering module, each in words", async function () {
    const f = await loadFixture(curveFixture);
    const client = f.as(f.alice);
    const error = await failure(client.offering.getOffering(SLUG));
    expect(error).to.be.instanceOf(OfferingIsCurveError);
    expect((error as Error).message).to.contain("launched on a bonding curve");
    expect(await client.offering.listOfferings()).to.deep.equal([]);
    const [launch] = await client.offering.listLaunches();
    expect(launch.kind).to.equal("curve");
    expect(await failure(client.curve.quote({ model: SLUG, side: "hold" as "buy", amount: "1" }))).to.be.instanceOf(
      CurveInvalidTradeError,
    );
  });

  it("quotes and buys with a minimum out, the price rising by the curve's own arithmetic", async function () {
    const f = await loadFixture(curveFixture);
    await mine(Number(OPENING_BLOCKS));
    const client = f.as(f.alice);
    const quote = await client.curve.quote({ model: SLUG, side: "buy", amount: "10", maxSlippageBps: 100 });
    const [tokensOut, fee] = await f.curve.quoteBuy(10n * ONE);
    expect(quote.amountOut).to.equal(tokensOut);
    expect(quote.fee).to.equal(fee);
    expect(quote.feeBps).to.equal(100);
    expect(quote.amountOutMin).to.equal((tokensOut * 9_900n) / 10_000n);
    const bought = await client.curve.buy({ model: SLUG, amount: "10" });
    expect(bought.amountOut).to.equal(tokensOut);
    expect(bought.amountIn).to.equal(10n * ONE);
    expect(bought.fee).to.equal(fee);
    expect(await f.token.balanceOf(f.alice.address)).to.equal(tokensOut);
    const c = await client.curve.show(SLUG);
    expect(c.reserve).to.equal(10n * ONE - fee);
    expect(c.price).to.equal(quote.priceAfter);
    expect(c.progressBps).to.equal(Number(((10n * ONE - fee) * 10_000n) / TARGET));
    expect(c.fees).to.equal(fee);
    expect(c.account!.bought).to.equal(tokensOut);
    const listed = await client.curve.list();
    expect(listed.map((l) => [l.slug, l.progressBps])).to.deep.equal([[SLUG, c.progressBps]]);
  });

  it("sells back only what the seller bought, before anything is signed, and pays the quote", async function () {
    const f = await tradedCurve();
    const client = f.as(f.bob);
    const bought = await f.curve.boughtOf(f.bob.address);
    const error = await failure(client.curve.sell({ model: SLUG, amount: bought + 1n }));
    expect(error).to.be.instanceOf(CurveSellExceedsBoughtError);
    const half = bought / 2n;
    const quote = await client.curve.quote({ model: SLUG, side: "sell", amount: half });
    const before = await ethers.provider.getBalance(f.bob.address);
    const sold = await client.curve.sell({ model: SLUG, amount: half });
    expect(sold.approval).to.not.equal(undefined);
    expect(sold.amountOut).to.equal(quote.amountOut);
    const gas = (r: { gasUsed: bigint; gasPrice: bigint }) => r.gasUsed * r.gasPrice;
    expect(await ethers.provider.getBalance(f.bob.address)).to.equal(
      before + sold.amountOut - gas(sold.receipt) - gas(sold.approval!),
    );
    expect(await f.curve.boughtOf(f.bob.address)).to.equal(bought - half);
  });

  it("fills the target, refunds the rest, graduates into the pool at the final price, and the market shows and swaps it", async function () {
    const f = await tradedCurve();
    const keeper = f.as(f.keeper);
    const [reserve] = await f.curve.state();
    const filled = await f.as(f.alice).curve.buy({ model: SLUG, amount: "100" });
    expect(filled.reachedTarget).to.equal(true);
    expect(filled.refund > 0n).to.equal(true);
    expect(filled.amountIn - filled.fee).to.equal(TARGET - reserve);
    const waiting = await keeper.curve.show(SLUG);
    expect(waiting.status).to.equal("Graduating");
    expect(waiting.progressBps).to.equal(10_000);
    expect(await failure(keeper.market.swap({ model: SLUG, side: "buy", amount: "1" }))).to.be.instanceOf(
      MarketNoPoolError,
    );
    const before = await keeper.market.show(SLUG);
    expect([before.kind, before.status, before.exists, before.lock]).to.deep.equal([
      "curve",
      "Graduating",
      false,
      undefined,
    ]);
    expect(before.salePrice).to.equal(waiting.price);
    expect(before.salePrice).to.equal(waiting.finalPrice);
    const { result } = await keeper.curve.graduate({ model: SLUG });
    expect(result.graduated!.quote).to.equal(TARGET);
    const c = await keeper.curve.show(SLUG);
    expect(c.status).to.equal("Graduated");
    expect(c.reserve).to.equal(0n);
    expect(c.pool.exists).to.equal(true);
    expect(c.pool.graduated!.lockId).to.equal(result.graduated!.lockId);
    const m = await keeper.market.show(SLUG);
    expect(m.kind).to.equal("curve");
    expect(m.status).to.equal("Graduated");
    expect(m.salePrice).to.equal(c.finalPrice);
    expect(m.lock!.id).to.equal(result.graduated!.lockId);
    expect(m.lock!.beneficiary).to.equal(await f.timelock.getAddress());
    expect(m.excluded).to.equal(true);
    // The pool opens at the final price, to the rounding of its first shares.
    const drift = m.price! > c.finalPrice ? m.price! - c.finalPrice : c.finalPrice - m.price!;
    expect(drift * 1_000_000n < c.finalPrice).to.equal(true);
    const swapped = await f.as(f.bob).market.swap({ model: SLUG, side: "buy", amount: "1" });
    expect(swapped.amountOut > 0n).to.equal(true);
    expect(await failure(keeper.curve.graduate({ model: SLUG }))).to.be.instanceOf(CurveWrongStatusError);
  });

  it("collects the fees to the treasury, and refuses a second collection in words", async function () {
    const f = await tradedCurve();
    const keeper = f.as(f.keeper);
    const { fees } = await keeper.curve.show(SLUG);
    const treasury = await f.timelock.getAddress();
    const before = await ethers.provider.getBalance(treasury);
    const { result } = await keeper.curve.collectFees({ model: SLUG });
    expect(result).to.deep.equal({ recipient: treasury, amount: fees, asRevenue: false });
    expect(await ethers.provider.getBalance(treasury)).to.equal(before + fees);
    expect(await failure(keeper.curve.collectFees({ model: SLUG }))).to.be.instanceOf(CurveNoFeesError);
    expect(await failure(keeper.curve.withdraw({ model: SLUG }))).to.be.instanceOf(CurveNothingToWithdrawError);
  });

  it("past the deadline sells back without fee and reclaims the curve's tokens for the treasury", async function () {
    const f = await tradedCurve();
    const keeper = f.as(f.keeper);
    expect(await failure(keeper.curve.reclaim({ model: SLUG }))).to.be.instanceOf(CurveWrongStatusError);
    await time.increaseTo(BigInt(f.params.curve.deadline));
    const c = await keeper.curve.show(SLUG);
    expect(c.status).to.equal("Refunding");
    expect(c.currentFeeBps).to.equal(0);
    const bought = await f.curve.boughtOf(f.alice.address);
    const sold = await f.as(f.alice).curve.sell({ model: SLUG, amount: bought, deadlineSeconds: 60 });
    expect(sold.fee).to.equal(0n);
    const held = await f.token.balanceOf(await f.curve.getAddress());
    const { result } = await keeper.curve.reclaim({ model: SLUG });
    expect(result.tokens).to.equal(held);
    expect(result.treasury).to.equal(await f.timelock.getAddress());
    const { entries } = await keeper.offering.getPortfolio(f.bob.address);
    expect(entries.map((e) => [e.kind, e.status])).to.deep.equal([["curve", "Refunding"]]);
  });
});
