import { expect } from "chai";
import { network } from "hardhat";

import {
  createClient,
  LiquidityLock__factory,
  MarketInvalidSwapError,
  MarketNoPoolError,
  SwapExpiredError,
  SwapInsufficientOutputError,
  type Client,
} from "../../sdk/src/index.js";
import { MockStablecoin__factory, PoolSeedingHarness__factory } from "../../types/typechain/index.js";
import { DAY, ONE, TOKENS } from "../fixtures/constants.js";
import { deployLaunched } from "../fixtures/launch.js";
import { expectEveryErrorNamed, failure } from "./fixture.js";

// A model token's market through the SDK: the pool its sale opens (shown before and after the finalisation), quotes
// and swaps through Uniswap V2's router both ways, and the router's refusals in words. The launch and the sale's
// deposits and finalisation go through the contracts; only the market goes through the SDK.

const connection = await network.connect();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const RESERVE = TOKENS(100_000);
const LOCK = 365n * BigInt(DAY);
/** The shares Uniswap V2 burns at a pool's first mint: never anyone's to lock. */
const MINIMUM_LIQUIDITY = 1_000n;

describe("SDK market errors", function () {
  it("names every error of the liquidity lock and of pool seeding, each in a sentence", function () {
    expect(expectEveryErrorNamed("LiquidityLock", LiquidityLock__factory.createInterface())).to.include.members([
      "LockTimeOutOfRange",
      "LockEmpty",
      "LockInvalidBeneficiary",
      "LockUnknown",
      "LockNotYetOpen",
      "LockAlreadyReleased",
    ]);
    expect(expectEveryErrorNamed("PoolSeeding", PoolSeedingHarness__factory.createInterface())).to.include.members([
      "PoolSeedingEmpty",
      "PoolSeedingBelowPrice",
    ]);
  });
});

/** A sale of 300,000 tokens at 0.001 ETH (`payment` unless ETH) with a pool of 20% of the proceeds, locked a year. */
async function poolFixture(payment?: string) {
  const [team, alice, bob, carol] = await ethers.getSigners();
  const launched = await deployLaunched(connection, {
    launch: async () => ({
      start: BigInt(await time.latest()) + 100n,
      liquidityAmount: RESERVE,
      pool: { proceedsBps: 2_000, lockDuration: LOCK },
      ...(payment
        ? { sale: { paymentToken: payment, price: 1_000n, softCap: 10_000_000n, hardCap: 100_000_000n } }
        : {}),
    }),
  });
  const as = (signer: typeof team): Client => createClient({ runner: signer, deployment: launched.deployment });
  return { ...launched, team, alice, bob, carol, as, client: as(bob) };
}

async function ethPool() {
  return poolFixture();
}

/** The ETH sale finalised with 40 ETH deposited: 8 ETH and 8,000 tokens in the pool. */
async function openEthPool() {
  const f = await ethPool();
  await time.increaseTo(f.params.sale.start);
  await f.offering.connect(f.alice).depositETH([], { value: 40n * ONE });
  await time.increaseTo(f.params.sale.end);
  const receipt = (await (await f.offering.finalize()).wait())!;
  const finalisedAt = BigInt((await ethers.provider.getBlock(receipt.blockNumber))!.timestamp);
  return { ...f, finalisedAt };
}

async function stablecoinPool() {
  const [deployer] = await ethers.getSigners();
  const usd = await new MockStablecoin__factory(deployer).deploy();
  const f = await poolFixture(await usd.getAddress());
  for (const signer of [f.alice, f.bob]) await usd.mint(signer.address, 1_000_000_000n);
  await time.increaseTo(f.params.sale.start);
  await usd.connect(f.alice).approve(f.offering, 40_000_000n);
  await f.offering.connect(f.alice).deposit(40_000_000n, []);
  await time.increaseTo(f.params.sale.end);
  await f.offering.finalize();
  return { ...f, usd };
}

describe("SDK market: a model token's pool", function () {
  describe("before the sale is finalised", function () {
    it("shows the pool's address, excluded from revenue from launch, and that it does not exist yet", async function () {
      const f = await loadFixture(ethPool);
      const m = await f.client.market.show("face-landmark-68");
      expect(m.pair).to.equal(await f.offering.pool());
      expect(m.exists).to.equal(false);
      expect(m.excluded).to.equal(true);
      expect(m.terms).to.deep.equal({ reserve: RESERVE, proceedsBps: 2_000, lockDuration: Number(LOCK) });
      expect(m.reserves).to.deep.equal({ tokens: 0n, quote: 0n });
      expect(m.price).to.equal(undefined);
      expect(m.salePrice).to.equal(ONE / 1_000n);
      expect(m.quote.symbol).to.equal("ETH");
      expect(m.quote.address).to.equal(f.deployment.contracts.WETH9!.address);
      expect(m.lock).to.equal(undefined);
      expect(m.lockedShareBps).to.equal(0);
      expect(m.status).to.equal("Upcoming");
    });

    it("refuses a swap in a sentence: the pool opens when the sale is finalised", async function () {
      const f = await loadFixture(ethPool);
      const error = await failure(f.client.market.quoteSwap({ model: "face-landmark-68", side: "buy", amount: "1" }));
      expect(error).to.be.instanceOf(MarketNoPoolError);
      expect((error as MarketNoPoolError).shortMessage).to.equal(
        `face-landmark-68's pool does not exist yet: the sale opens it at ${await f.offering.pool()} when it is finalised successfully.`,
      );
    });

    it("shows the pool terms and the pool's address with the sale", async function () {
      const f = await loadFixture(ethPool);
      const o = await f.client.offering.getOffering("face-landmark-68");
      expect(o.pool?.terms).to.deep.equal({ reserve: RESERVE, proceedsBps: 2_000, lockDuration: Number(LOCK) });
      expect(o.pool?.pair).to.equal(await f.offering.pool());
      expect(o.pool?.lock).to.equal(f.deployment.contracts.LiquidityLock!.address);
      expect(o.pool?.opened).to.equal(undefined);
    });
  });

  describe("once the sale has opened it", function () {
    it("shows the reserves at the sale's price, the lock of the pool shares and the share it holds", async function () {
      const f = await loadFixture(openEthPool);
      const m = await f.client.market.show("face-landmark-68");
      expect(m.exists).to.equal(true);
      // 20% of 40 ETH = 8 ETH at 0.001 ETH per token = 8,000 tokens.
      expect(m.reserves).to.deep.equal({ tokens: TOKENS(8_000), quote: 8n * ONE });
      expect(m.price).to.equal(m.salePrice);
      expect(m.status).to.equal("Succeeded");
      expect(m.lock).to.not.equal(undefined);
      expect(m.lock!.beneficiary).to.equal(f.launch.timelock);
      expect(m.lock!.released).to.equal(false);
      expect(m.lock!.unlockAt.getTime()).to.equal(Number(f.finalisedAt + LOCK) * 1000);
      // Everything but the shares Uniswap burns at the first mint is locked.
      expect(m.lock!.amount).to.equal(m.lpSupply - MINIMUM_LIQUIDITY);
      expect(m.lockedShareBps).to.equal(Number(((m.lpSupply - MINIMUM_LIQUIDITY) * 10_000n) / m.lpSupply));
      expect(m.opened?.lockId).to.equal(m.lock!.id);
      expect(m.opened?.quote).to.equal(8n * ONE);
      const o = await f.client.offering.getOffering("face-landmark-68");
      expect(o.pool?.opened?.lockId).to.equal(m.lock!.id);
      expect(o.pool?.opened?.liquidity).to.equal(m.lock!.amount);
    });

    it("finds the lock from the liquidity lock's events when the sale's are not scanned", async function () {
      const f = await loadFixture(openEthPool);
      await networkHelpers.mine();
      const latest = await ethers.provider.getBlockNumber();
      const m = await f.client.market.show("face-landmark-68", { fromBlock: latest });
      expect(m.opened).to.equal(undefined);
      const full = await f.client.market.show("face-landmark-68");
      expect(m.lock).to.deep.equal(full.lock);
    });

    it("quotes a buy with the minimum out under a 0.5% slippage bound, and buys at least that", async function () {
      const f = await loadFixture(openEthPool);
      const q = await f.client.market.quoteSwap({ model: "face-landmark-68", side: "buy", amount: "1" });
      expect(q.assetIn.symbol).to.equal("ETH");
      expect(q.assetOut.symbol).to.equal("FL68");
      expect(q.amountIn).to.equal(ONE);
      expect(q.maxSlippageBps).to.equal(50);
      expect(q.amountOutMin).to.equal((q.amountOut * 9_950n) / 10_000n);
      // 1 ETH into 8 ETH and 8,000 tokens: less than the 1,000 tokens the pool's price would give, after its fee.
      expect(q.amountOut).to.be.lessThan(TOKENS(1_000)).and.greaterThan(TOKENS(880));
      expect(q.executionPrice).to.be.greaterThan(q.poolPrice);
      const before = await f.token.balanceOf(f.bob.address);
      const { amountIn, amountOut, approval } = await f.client.market.swap({
        model: "face-landmark-68",
        side: "buy",
        amount: "1",
      });
      expect(approval).to.equal(undefined);
      expect(amountIn).to.equal(ONE);
      expect(amountOut).to.equal(q.amountOut);
      expect((await f.token.balanceOf(f.bob.address)) - before).to.equal(amountOut);
      const m = await f.client.market.show("face-landmark-68");
      expect(m.reserves).to.deep.equal({ tokens: TOKENS(8_000) - amountOut, quote: 9n * ONE });
    });

    it("sells tokens for ETH, approving the router first", async function () {
      const f = await loadFixture(openEthPool);
      await f.client.market.swap({ model: "face-landmark-68", side: "buy", amount: "1" });
      const held = await f.token.balanceOf(f.bob.address);
      const q = await f.client.market.quoteSwap({ model: "face-landmark-68", side: "sell", amount: held });
      expect(q.assetOut.symbol).to.equal("ETH");
      const prepared = await f.client.market.prepareSwap({ model: "face-landmark-68", side: "sell", amount: held });
      expect(prepared.transactions).to.have.length(2);
      const before = await ethers.provider.getBalance(f.bob.address);
      const result = await f.client.market.swap({ model: "face-landmark-68", side: "sell", amount: held });
      expect(result.approval).to.not.equal(undefined);
      expect(result.amountIn).to.equal(held);
      expect(result.amountOut).to.equal(q.amountOut);
      const gas = [result.receipt, result.approval!].reduce((sum, r) => sum + r.gasUsed * r.gasPrice, 0n);
      expect((await ethers.provider.getBalance(f.bob.address)) - before).to.equal(result.amountOut - gas);
      expect(await f.token.balanceOf(f.bob.address)).to.equal(0n);
    });

    it("says so when the price moved past the slippage bound before the swap was mined", async function () {
      const f = await loadFixture(openEthPool);
      const params = { model: "face-landmark-68", side: "buy" as const, amount: "1", maxSlippageBps: 10 };
      const prepared = await f.client.market.prepareSwap(params);
      await f.as(f.carol).market.swap({ model: "face-landmark-68", side: "buy", amount: "2" });
      const error = await failure(f.client.market.swap({ ...params, prepared }));
      expect(error).to.be.instanceOf(SwapInsufficientOutputError);
      expect((error as SwapInsufficientOutputError).shortMessage).to.contain(
        "The swap would pay out less than the minimum of",
      );
    });

    it("says so when the swap is mined after its deadline", async function () {
      const f = await loadFixture(openEthPool);
      const prepared = await f.client.market.prepareSwap({
        model: "face-landmark-68",
        side: "buy",
        amount: "1",
        deadlineSeconds: 60,
      });
      await time.increase(120);
      const error = await failure(
        f.client.market.swap({ model: "face-landmark-68", side: "buy", amount: "1", prepared }),
      );
      expect(error).to.be.instanceOf(SwapExpiredError);
    });

    it("refuses a slippage bound out of range and a side that is neither buy nor sell", async function () {
      const f = await loadFixture(openEthPool);
      const model = "face-landmark-68";
      const bound = await failure(
        f.client.market.quoteSwap({ model, side: "buy", amount: "1", maxSlippageBps: 10_001 }),
      );
      expect(bound).to.be.instanceOf(MarketInvalidSwapError);
      const side = await failure(f.client.market.quoteSwap({ model, side: "hold" as "buy", amount: "1" }));
      expect(side).to.be.instanceOf(MarketInvalidSwapError);
    });
  });

  describe("a pool quoted in an ERC-20", function () {
    it("buys with the payment token and sells for it through swapExactTokensForTokens", async function () {
      const f = await loadFixture(stablecoinPool);
      const m = await f.client.market.show("face-landmark-68");
      expect(m.quote.symbol).to.equal("mUSD");
      expect(m.quote.decimals).to.equal(6);
      // 20% of 40 mUSD = 8 mUSD at 0.001 mUSD per token = 8,000 tokens.
      expect(m.reserves).to.deep.equal({ tokens: TOKENS(8_000), quote: 8_000_000n });
      const bought = await f.client.market.swap({ model: "face-landmark-68", side: "buy", amount: "1" });
      expect(bought.approval).to.not.equal(undefined);
      expect(bought.amountIn).to.equal(1_000_000n);
      expect(await f.token.balanceOf(f.bob.address)).to.equal(bought.amountOut);
      const usdBefore = await f.usd.balanceOf(f.bob.address);
      const sold = await f.client.market.swap({ model: "face-landmark-68", side: "sell", amount: bought.amountOut });
      expect((await f.usd.balanceOf(f.bob.address)) - usdBefore).to.equal(sold.amountOut);
      // Round trip through a 0.3% fee each way: less comes back than went in.
      expect(sold.amountOut).to.be.lessThan(1_000_000n);
    });
  });

  describe("a sale without a pool", function () {
    it("says it opens no pool", async function () {
      const [team] = await ethers.getSigners();
      const f = await deployLaunched(connection, {
        team,
        launch: async () => ({ start: BigInt(await time.latest()) + 100n }),
      });
      const client = createClient({ runner: team, deployment: f.deployment });
      const error = await failure(client.market.show("face-landmark-68"));
      expect(error).to.be.instanceOf(MarketNoPoolError);
      expect((error as MarketNoPoolError).shortMessage).to.contain("face-landmark-68's sale opens no pool");
      expect((await client.offering.getOffering("face-landmark-68")).pool).to.equal(undefined);
    });
  });
});
