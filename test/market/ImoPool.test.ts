import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import type { MockStablecoin } from "../../types/typechain/index.js";
import { DAY, ETH, NATIVE, ONE, SaleStatus, TOKENS, USDC } from "../fixtures/constants.js";
import {
  deployLaunched,
  deployProtocolFixture,
  impersonate,
  type LaunchOverrides,
  launchParams,
  type Protocol,
  registerModel,
} from "../fixtures/launch.js";
import { by, UNISWAP, type Untyped } from "../fixtures/uniswap.js";

const connection = await network.connect();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

// The default launch sells 300,000 tokens at 0.001 ETH (soft cap 10 ETH, hard cap 100 ETH); the pool takes 20% of the
// proceeds after the fee and pairs them with up to RESERVE tokens, its shares locked for a year.
const RESERVE = TOKENS(100_000);
const LOCK = 365n * BigInt(DAY);
const PRICE = ONE / 1_000n;
const BPS = 10_000n;
const FEE_BPS = 500n;
// A 6-decimal stablecoin sale: 0.05 mUSD a token (50,000 units per 10^18 token units).
const USD_PRICE = 50_000n;

/** `amount` tokens' worth at `price` quote units per whole token, rounded up as the seed rounds the quote. */
const priced = (amount: bigint, price: bigint) => (amount * price + ONE - 1n) / ONE;

async function launch(overrides: (protocol: Protocol) => Promise<Partial<LaunchOverrides>> = async () => ({})) {
  const [team, alice, bob, carol, payer] = await ethers.getSigners();
  const launched = await deployLaunched(connection, {
    launch: async (protocol) => ({
      start: BigInt(await time.latest()) + 100n,
      liquidityAmount: RESERVE,
      pool: { proceedsBps: 2_000, lockDuration: LOCK },
      ...(await overrides(protocol)),
    }),
  });
  const { contracts } = launched.deployment;
  const factory = new ethers.Contract(contracts.UniswapV2Factory!.address, UNISWAP.factory.abi, team) as Untyped;
  const router = new ethers.Contract(contracts.UniswapV2Router02!.address, UNISWAP.router.abi, team) as Untyped;
  const weth = new ethers.Contract(contracts.WETH9!.address, UNISWAP.weth.abi, team) as Untyped;
  const liquidityLock = await ethers.getContractAt("LiquidityLock", contracts.LiquidityLock!.address);
  const poolAddress = await launched.offering.pool();
  const pair = new ethers.Contract(poolAddress, UNISWAP.pair.abi, team) as Untyped;
  const treasury = launched.launch.timelock;
  /** The pool's reserves as (tokens, quote). */
  const reserves = async (): Promise<[bigint, bigint]> => {
    const [r0, r1] = (await pair.getReserves()) as [bigint, bigint];
    return (await pair.token0()) === launched.launch.token ? [r0, r1] : [r1, r0];
  };
  return {
    ...launched,
    team,
    alice,
    bob,
    carol,
    payer,
    factory,
    router,
    weth,
    liquidityLock,
    pair,
    treasury,
    reserves,
  };
}

type Imo = Awaited<ReturnType<typeof launch>>;

const ethImo = () => launch();
/** The protocol fee switched on (5%) before the launch, which fixes it in the sale's terms. */
const feeImo = () =>
  launch(async (protocol) => {
    const owner = await impersonate(connection, await protocol.factory.owner());
    await protocol.factory.connect(owner).setFee((await ethers.getSigners())[9]!.address, FEE_BPS);
    return {};
  });
/** Only 1,000 tokens of reserve against the whole proceeds: the quote is more than the reserve can price. */
const smallReserveImo = () =>
  launch(async () => ({ liquidityAmount: TOKENS(1_000), pool: { proceedsBps: 10_000, lockDuration: LOCK } }));
const usdImo = async () => {
  const usd = (await ethers.deployContract("MockStablecoin")) as unknown as MockStablecoin;
  const f = await launch(async () => ({
    sale: { paymentToken: await usd.getAddress(), price: USD_PRICE, softCap: USDC(1_000), hardCap: USDC(10_000) },
  }));
  for (const buyer of [f.alice, f.bob]) {
    await usd.mint(buyer.address, USDC(20_000));
    await usd.connect(buyer).approve(f.offering, USDC(20_000));
  }
  return { ...f, usd };
};

/** Deposits `amounts` (ETH) from alice, bob and carol in turn during the sale, then moves past its end. */
async function sell(f: Imo, ...amounts: bigint[]) {
  await time.increaseTo(f.params.sale.start);
  const buyers = [f.alice, f.bob, f.carol];
  for (const [i, amount] of amounts.entries()) await f.offering.connect(buyers[i]!).depositETH([], { value: amount });
  await time.increaseTo(f.params.sale.end);
}

/** What the finalisation of a sale that kept `accepted` with `feeBps` puts in the pool: (tokens, quote). */
function expectedPool(accepted: bigint, feeBps: bigint, bps: bigint, reserve: bigint, price: bigint) {
  const proceeds = accepted - (accepted * feeBps) / BPS;
  const quote = (proceeds * bps) / BPS;
  const tokens = [reserve, (quote * ONE) / price].reduce((a, b) => (a < b ? a : b));
  return { proceeds, quote, tokens, quoteUsed: priced(tokens, price) };
}

describe("An IMO that opens a market", function () {
  describe("when the sale succeeds", function () {
    it("excludes the pool at launch and opens it at exactly the sale price (ETH)", async function () {
      const f = await loadFixture(ethImo);
      expect(await f.token.isExcluded(f.pair.target)).to.equal(true);
      await sell(f, ETH(40));
      const tx = await f.offering.finalize();
      expect(await f.factory.getPair(f.token.target, f.weth.target)).to.equal(f.pair.target);
      const [tokens, quote] = await f.reserves();
      // 20% of 40 ETH = 8 ETH at 0.001 ETH per token = 8,000 tokens.
      expect(quote).to.equal(ETH(8));
      expect(tokens).to.equal(TOKENS(8_000));
      expect(quote * ONE).to.equal(tokens * PRICE);
      await expect(tx).to.emit(f.offering, "PoolOpened");
    });

    it("pool() is the pair the factory created", async function () {
      const f = await loadFixture(ethImo);
      expect(await f.factory.getPair(f.token.target, f.weth.target)).to.equal(ZeroAddress);
      await sell(f, ETH(40));
      await f.offering.finalize();
      expect(await f.offering.pool()).to.equal(await f.factory.getPair(f.token.target, f.weth.target));
    });

    it("opens at the sale price to the unit of rounding when the quote is not a whole number of tokens", async function () {
      const f = await loadFixture(ethImo);
      // 20% of 33.333...333 ETH is not a multiple of the price: the tokens round down, the quote up.
      const raised = ETH(33) + ONE / 3n;
      await sell(f, raised);
      await f.offering.finalize();
      const e = expectedPool(raised, 0n, 2_000n, RESERVE, PRICE);
      const [tokens, quote] = await f.reserves();
      expect(tokens).to.equal(e.tokens);
      expect(quote).to.equal(e.quoteUsed);
      // Never below the price, and above it by less than one unit of quote.
      expect(quote * ONE).to.be.gte(tokens * PRICE);
      expect(quote * ONE - tokens * PRICE).to.be.lt(ONE);
    });

    it("opens at exactly the sale price for an ERC-20 payment", async function () {
      const f = await loadFixture(usdImo);
      await time.increaseTo(f.params.sale.start);
      await f.offering.connect(f.alice).deposit(USDC(3_000), []);
      await f.offering.connect(f.bob).deposit(USDC(1_234) + 567n, []);
      await time.increaseTo(f.params.sale.end);
      const raised = USDC(4_234) + 567n;
      const treasuryBefore = await f.usd.balanceOf(f.treasury);
      await f.offering.finalize();
      expect(await f.offering.pool()).to.equal(await f.factory.getPair(f.token.target, f.usd.target));
      const e = expectedPool(raised, 0n, 2_000n, RESERVE, USD_PRICE);
      const [tokens, quote] = await f.reserves();
      expect([tokens, quote]).to.deep.equal([e.tokens, e.quoteUsed]);
      expect(quote * ONE).to.be.gte(tokens * USD_PRICE);
      expect(quote * ONE - tokens * USD_PRICE).to.be.lt(ONE);
      // The treasury receives the rest of the proceeds and whatever of the pool's quote the rounding left.
      expect((await f.usd.balanceOf(f.treasury)) - treasuryBefore).to.equal(raised - e.quoteUsed);
    });

    it("sends the reserve the quote cannot price to the treasury", async function () {
      const f = await loadFixture(ethImo);
      await sell(f, ETH(40));
      const tx = f.offering.finalize();
      // 8,000 of the 100,000 tokens enter; the other 92,000 and the 260,000 unsold go to the treasury.
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.token,
        [f.treasury, f.pair.target, f.offering],
        [TOKENS(92_000) + TOKENS(260_000), TOKENS(8_000), -(TOKENS(100_000) + TOKENS(260_000))],
      );
      // The proceeds less the pool's 8 ETH, in ETH.
      await expect(tx).to.changeEtherBalances(ethers, [f.treasury, f.offering], [ETH(32), -ETH(40)]);
    });

    it("sends the quote the reserve cannot match to the treasury, unwrapped", async function () {
      const f = await loadFixture(smallReserveImo);
      await sell(f, ETH(40));
      const tx = f.offering.finalize();
      // All 40 ETH were meant for the pool; 1,000 tokens take 1 ETH, the other 39 come back as ETH.
      await expect(tx).to.changeEtherBalances(ethers, [f.treasury, f.offering], [ETH(39), -ETH(40)]);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.weth,
        [f.treasury, f.offering, f.pair.target],
        [0n, 0n, ETH(1)],
      );
      expect(await f.reserves()).to.deep.equal([TOKENS(1_000), ETH(1)]);
      expect(await ethers.provider.getBalance(f.offering)).to.equal(0n);
    });

    it("pairs the reserve with a share of the accepted proceeds when the sale is oversubscribed", async function () {
      const f = await loadFixture(ethImo);
      await sell(f, ETH(90), ETH(60));
      const tx = f.offering.finalize();
      await expect(tx)
        .to.emit(f.offering, "Finalized")
        .withArgs(SaleStatus.Oversubscribed, ETH(150), ETH(100), TOKENS(100_000), 0n);
      // 20% of the 100 ETH accepted, not of the 150 deposited.
      expect(await f.reserves()).to.deep.equal([TOKENS(20_000), ETH(20)]);
      // The treasury gets the other 80 ETH; the 50 ETH refunds stay for the buyers.
      await expect(tx).to.changeEtherBalance(ethers, f.treasury, ETH(80));
      await expect(f.offering.settle(f.bob.address)).to.changeEtherBalance(ethers, f.bob, ETH(20));
    });

    it("takes the pool's share from the proceeds after the protocol fee", async function () {
      const f = await loadFixture(feeImo);
      expect((await f.offering.fee()).bps).to.equal(FEE_BPS);
      await sell(f, ETH(40));
      const tx = f.offering.finalize();
      const e = expectedPool(ETH(40), FEE_BPS, 2_000n, RESERVE, PRICE);
      // 5% of 40 ETH = 2 ETH fee; 20% of the 38 ETH left = 7.6 ETH for 7,600 tokens; 30.4 ETH to the treasury.
      expect(e.quote).to.equal(ETH(76) / 10n);
      await expect(tx)
        .to.emit(f.offering, "Finalized")
        .withArgs(SaleStatus.Succeeded, ETH(40), ETH(40), TOKENS(40_000), ETH(2));
      await expect(tx).to.changeEtherBalances(ethers, [f.treasury, f.offering], [e.proceeds - e.quote, -ETH(38)]);
      expect(await f.reserves()).to.deep.equal([e.tokens, e.quoteUsed]);
      // The fee is still owed and paid in full afterwards: the pool took nothing of it.
      await expect(f.offering.payFee()).to.changeEtherBalance(ethers, (await f.offering.fee()).recipient, ETH(2));
    });

    it("opens the pool when a settlement finalises the sale", async function () {
      const f = await loadFixture(ethImo);
      await sell(f, ETH(40));
      const tx = f.offering.settle(f.alice.address);
      await expect(tx).to.emit(f.offering, "PoolOpened");
      await expect(tx).to.changeTokenBalance(ethers, f.token, f.alice, TOKENS(40_000));
      expect(await f.reserves()).to.deep.equal([TOKENS(8_000), ETH(8)]);
    });

    it("emits PoolOpened with the pair, what entered, the shares and their lock", async function () {
      const f = await loadFixture(ethImo);
      await sell(f, ETH(40));
      const lockId = await f.liquidityLock.lockCount();
      const tx = await f.offering.finalize();
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      // A first mint gives √(x·y) less the 1,000 units locked for ever: √(8,000e18 · 8e18) = 8,000e18 / √1000.
      const liquidity = sqrt(TOKENS(8_000) * ETH(8)) - 1_000n;
      await expect(tx)
        .to.emit(f.offering, "PoolOpened")
        .withArgs(f.pair.target, TOKENS(8_000), ETH(8), liquidity, lockId, at + LOCK);
      await expect(tx).not.to.emit(f.offering, "PoolNotOpened");
      expect(await f.pair.balanceOf(f.liquidityLock)).to.equal(liquidity);
    });
  });

  describe("when the pool shares are locked", function () {
    async function opened() {
      const f = await ethImo();
      await sell(f, ETH(40));
      const lockId = await f.liquidityLock.lockCount();
      const tx = await f.offering.finalize();
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      return { ...f, lockId, unlockAt: at + LOCK };
    }

    it("holds them for the treasury until finalisation + lockDuration", async function () {
      const f = await loadFixture(opened);
      const lock = await f.liquidityLock.lockOf(f.lockId);
      expect(lock.token).to.equal(f.pair.target);
      expect(lock.beneficiary).to.equal(f.treasury);
      expect(lock.unlockAt).to.equal(f.unlockAt);
      expect(lock.amount).to.equal(await f.pair.balanceOf(f.liquidityLock));
      expect(await f.pair.balanceOf(f.treasury)).to.equal(0n);
      expect(await f.pair.balanceOf(f.offering)).to.equal(0n);
    });

    it("cannot release them a second before the lock ends", async function () {
      const f = await loadFixture(opened);
      await time.setNextBlockTimestamp(f.unlockAt - 1n);
      await expect(f.liquidityLock.connect(f.alice).release(f.lockId))
        .to.be.revertedWithCustomError(f.liquidityLock, "LockNotYetOpen")
        .withArgs(f.lockId, f.unlockAt);
    });

    it("lets anyone release them to the timelock once the lock ends, once", async function () {
      const f = await loadFixture(opened);
      const amount = (await f.liquidityLock.lockOf(f.lockId)).amount;
      await time.setNextBlockTimestamp(f.unlockAt);
      const tx = f.liquidityLock.connect(f.carol).release(f.lockId);
      await expect(tx).to.emit(f.liquidityLock, "Released").withArgs(f.lockId, f.treasury, amount);
      await expect(tx).to.changeTokenBalances(ethers, f.pair, [f.treasury, f.liquidityLock], [amount, -amount]);
      await expect(f.liquidityLock.release(f.lockId))
        .to.be.revertedWithCustomError(f.liquidityLock, "LockAlreadyReleased")
        .withArgs(f.lockId);
    });
  });

  describe("when the sale does not go ahead", function () {
    it("a failed sale sends the reserve to the treasury and opens no pool", async function () {
      const f = await loadFixture(ethImo);
      await sell(f, ETH(5));
      const tx = f.offering.finalize();
      await expect(tx).to.emit(f.offering, "Finalized").withArgs(SaleStatus.Failed, ETH(5), 0n, 0n, 0n);
      await expect(tx).not.to.emit(f.offering, "PoolOpened");
      await expect(tx).not.to.emit(f.offering, "PoolNotOpened");
      await expect(tx).to.changeTokenBalance(ethers, f.token, f.treasury, TOKENS(300_000) + RESERVE);
      expect(await f.factory.getPair(f.token.target, f.weth.target)).to.equal(ZeroAddress);
      await expect(f.offering.settle(f.alice.address)).to.changeEtherBalance(ethers, f.alice, ETH(5));
    });

    it("cancelling before the start returns the sale's tokens and the reserve to the treasury", async function () {
      const f = await loadFixture(ethImo);
      const tx = f.offering.connect(f.team).cancel();
      await expect(tx).to.emit(f.offering, "Cancelled");
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.token,
        [f.treasury, f.offering],
        [TOKENS(300_000) + RESERVE, -(TOKENS(300_000) + RESERVE)],
      );
      expect(await f.factory.getPair(f.token.target, f.weth.target)).to.equal(ZeroAddress);
    });
  });

  describe("the pool step", function () {
    it("only the sale itself may call openPool", async function () {
      const f = await loadFixture(ethImo);
      await sell(f, ETH(40));
      await expect(f.offering.connect(f.alice).openPool(ETH(1)))
        .to.be.revertedWithCustomError(f.offering, "OfferingOnlySelf")
        .withArgs(f.alice.address);
    });

    it("takes ETH only from WETH, when it unwraps what the pool did not use", async function () {
      const f = await loadFixture(ethImo);
      await expect(f.alice.sendTransaction({ to: f.offering.target, value: 1n }))
        .to.be.revertedWithCustomError(f.offering, "OfferingUnexpectedETH")
        .withArgs(f.alice.address);
    });

    it("emits PoolNotOpened with the reason when the pair is no longer excluded, and the sale completes", async function () {
      const f = await loadFixture(ethImo);
      // The DAO includes the pool again before the pair exists: the sale must not open a pool that would earn.
      const dao = await impersonate(connection, f.treasury);
      await by(f.factory, f.carol).createPair(f.token.target, f.weth.target);
      await f.token.connect(dao).setExcluded(f.pair.target, false);
      await sell(f, ETH(40));
      const reason = f.offering.interface.encodeErrorResult("OfferingPoolNotExcluded", [f.pair.target]);
      const tx = f.offering.finalize();
      await expect(tx).to.emit(f.offering, "PoolNotOpened").withArgs(reason);
      await expect(tx).not.to.emit(f.offering, "PoolOpened");
      await expect(tx).to.changeEtherBalance(ethers, f.treasury, ETH(40));
      await expect(tx).to.changeTokenBalance(ethers, f.token, f.treasury, TOKENS(260_000) + RESERVE);
      expect(await f.pair.totalSupply()).to.equal(0n);
      await expect(f.offering.settle(f.alice.address)).to.changeTokenBalance(ethers, f.token, f.alice, TOKENS(40_000));
    });
  });

  describe("launch terms", function () {
    async function registered() {
      const [team] = await ethers.getSigners();
      const protocol = await deployProtocolFixture(connection);
      await registerModel(protocol.registry, team!, { approve: [protocol.factory] });
      return { ...protocol, team: team! };
    }
    const dead = "0x000000000000000000000000000000000000dEaD";
    const year20 = 20n * 365n * BigInt(DAY);
    const day180 = 180n * BigInt(DAY);
    const cases: [string, Partial<LaunchOverrides>, [bigint, bigint, bigint]][] = [
      ["no reserve", { liquidityAmount: 0n }, [0n, 2_000n, LOCK]],
      ["a recipient for the reserve", { liquidityRecipient: dead }, [RESERVE, 2_000n, LOCK]],
      ["no share of the proceeds", { pool: { proceedsBps: 0, lockDuration: LOCK } }, [RESERVE, 0n, LOCK]],
      ["more than all the proceeds", { pool: { proceedsBps: 10_001, lockDuration: LOCK } }, [RESERVE, 10_001n, LOCK]],
      ["a lock below 180 days", { pool: { proceedsBps: 1, lockDuration: day180 - 1n } }, [RESERVE, 1n, day180 - 1n]],
      ["a lock above 20 years", { pool: { proceedsBps: 1, lockDuration: year20 + 1n } }, [RESERVE, 1n, year20 + 1n]],
    ];
    for (const [what, overrides, args] of cases) {
      it(`refuses a pool with ${what}`, async function () {
        const f = await loadFixture(registered);
        const params = launchParams({
          start: BigInt(await time.latest()) + 100n,
          liquidityAmount: RESERVE,
          pool: { proceedsBps: 2_000, lockDuration: LOCK },
          ...overrides,
        });
        await expect(f.factory.connect(f.team).launch(params))
          .to.be.revertedWithCustomError(f.factory, "LaunchInvalidPool")
          .withArgs(...args);
      });
    }

    it("refuses a price that does not fit the sale's code (128 bits)", async function () {
      const f = await loadFixture(registered);
      const price = 2n ** 128n;
      const params = launchParams({
        start: BigInt(await time.latest()) + 100n,
        liquidityAmount: RESERVE,
        pool: { proceedsBps: 2_000, lockDuration: LOCK },
        sale: { price },
      });
      await expect(f.factory.connect(f.team).launch(params))
        .to.be.revertedWithCustomError(f.factory, "OfferingPriceTooHigh")
        .withArgs(price);
    });

    it("accepts the bounds: one basis point to all of the proceeds, a lock of 180 days to 20 years", async function () {
      const f = await loadFixture(registered);
      for (const [model, pool] of [
        [1n, { proceedsBps: 1, lockDuration: day180 }],
        [2n, { proceedsBps: 10_000, lockDuration: year20 }],
      ] as const) {
        if (model === 2n) await registerModel(f.registry, f.team, { slug: "second-model" });
        const params = launchParams({
          model,
          start: BigInt(await time.latest()) + 100n,
          liquidityAmount: RESERVE,
          pool,
        });
        await expect(f.factory.connect(f.team).launch(params)).to.emit(f.factory, "ModelLaunched");
      }
    });
  });

  describe("while the pool trades", function () {
    it("revenue still pays holders exactly and the pool earns nothing", async function () {
      const f = await loadFixture(ethImo);
      await sell(f, ETH(40), ETH(20));
      // A deposit while the sale holds every token for sale and the reserve.
      await f.token.connect(f.payer).depositETH({ value: ETH(3) });
      await f.offering.finalize();
      await f.offering.settle(f.alice.address);
      await f.token.connect(f.payer).depositETH({ value: ETH(5) });
      // Alice sells a quarter of her 40,000 tokens into the pool through the router.
      const deadline = BigInt(await time.latest()) + 3_600n;
      await f.token.connect(f.alice).approve(f.router.target, TOKENS(10_000));
      const swap = by(f.router, f.alice).swapExactTokensForETH(
        TOKENS(10_000),
        0n,
        [f.token.target, f.weth.target],
        f.alice.address,
        deadline,
      );
      await expect(swap).to.changeTokenBalances(
        ethers,
        f.token,
        [f.alice, f.pair.target],
        [-TOKENS(10_000), TOKENS(10_000)],
      );
      await f.token.connect(f.payer).depositETH({ value: ETH(7) });
      await f.offering.settle(f.bob.address);
      await f.offering.sweep();
      await f.token.connect(f.payer).depositETH({ value: ETH(11) });
      const deposits = ETH(3 + 5 + 7 + 11);

      expect(await f.token.claimable(f.pair.target, NATIVE)).to.equal(0n);
      expect(await f.token.claimable(f.offering, NATIVE)).to.equal(0n);
      expect(await f.token.eligibleSupply()).to.equal(
        (await f.token.totalSupply()) - (await f.token.balanceOf(f.pair.target)),
      );
      let claimed = 0n;
      const shares: Record<string, bigint> = {};
      for (const [name, holder] of [
        ["alice", f.alice],
        ["bob", f.bob],
      ] as const) {
        const amount = await f.token.claimable(holder.address, NATIVE);
        await expect(f.token.connect(holder).claim(NATIVE, holder.address)).to.changeEtherBalance(
          ethers,
          f.token,
          -amount,
        );
        claimed += amount;
        shares[name] = amount;
      }
      const dao = await impersonate(connection, f.treasury);
      const treasuryShare = await f.token.claimable(f.treasury, NATIVE);
      await f.token.connect(dao).claim(NATIVE, f.carol.address);
      claimed += treasuryShare;
      const unclaimed = await ethers.provider.getBalance(f.token);
      // Every wei deposited is claimed or still held, and what is held is rounding dust only.
      expect(claimed + unclaimed).to.equal(deposits);
      expect(unclaimed).to.be.lte(10n);
      // The exact shares, from the balances at each deposit (the eligible supply is the 1,100,000 tokens less the
      // pool's). The sale earned the first deposit on its 400,000 tokens; the part of the 12,000 that went to the pool
      // stays with the other 388,000 it held and follows them out.
      const d = (n: number) => ETH(n);
      const sale = (d(3) * TOKENS(400_000)) / TOKENS(1_100_000);
      const later = (balance: bigint) =>
        (d(5) * balance) / TOKENS(1_088_000) + ((d(7) + d(11)) * balance) / TOKENS(1_078_000);
      const expected = {
        alice:
          (sale * TOKENS(40_000)) / TOKENS(388_000) +
          (d(5) * TOKENS(40_000)) / TOKENS(1_088_000) +
          ((d(7) + d(11)) * TOKENS(30_000)) / TOKENS(1_078_000),
        bob: (sale * TOKENS(20_000)) / TOKENS(388_000) + later(TOKENS(20_000)),
        treasury:
          (d(3) * TOKENS(700_000)) / TOKENS(1_100_000) +
          (sale * TOKENS(328_000)) / TOKENS(388_000) +
          later(TOKENS(1_028_000)),
      };
      expect(shares.alice).to.be.closeTo(expected.alice, 10n);
      expect(shares.bob).to.be.closeTo(expected.bob, 10n);
      expect(treasuryShare).to.be.closeTo(expected.treasury, 10n);
    });
  });
});

/** ⌊√x⌋ by Newton's method. */
function sqrt(x: bigint): bigint {
  if (x < 2n) return x;
  let y = x;
  let z = (x + 1n) / 2n;
  while (z < y) {
    y = z;
    z = (x / z + z) / 2n;
  }
  return y;
}
