import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import type { FeeOnTransferToken, MockStablecoin } from "../../types/typechain/index.js";
import { DAY, ETH, ONE, SaleStatus, TOKENS, USDC } from "../fixtures/constants.js";
import { deployLaunched, impersonate, type LaunchOverrides } from "../fixtures/launch.js";
import { by, UNISWAP, type Untyped } from "../fixtures/uniswap.js";

const connection = await network.connect();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

// The default launch sells 300,000 tokens at 0.001 ETH; the pool takes 20% of the proceeds with up to RESERVE
// tokens. Alice buys 40,000 tokens for 40 ETH, so the pool is meant to open with 8,000 tokens and 8 ETH.
const RESERVE = TOKENS(100_000);
const LOCK = 365n * BigInt(DAY);
const PRICE = ONE / 1_000n;
const POOL_GAS = 3_500_000n;
// The insider's vested allocation, all released a day after the sale ends.
const TEAM = TOKENS(20_000);

async function launch(extra: (start: bigint) => Partial<LaunchOverrides> = () => ({})) {
  const [team, alice, attacker, insider, keeper] = await ethers.getSigners();
  const launched = await deployLaunched(connection, {
    launch: async () => {
      const start = BigInt(await time.latest()) + 100n;
      return {
        start,
        liquidityAmount: RESERVE,
        pool: { proceedsBps: 2_000, lockDuration: LOCK },
        ...extra(start),
      };
    },
  });
  const { contracts } = launched.deployment;
  const factory = new ethers.Contract(contracts.UniswapV2Factory!.address, UNISWAP.factory.abi, team) as Untyped;
  const router = new ethers.Contract(contracts.UniswapV2Router02!.address, UNISWAP.router.abi, team) as Untyped;
  const weth = new ethers.Contract(contracts.WETH9!.address, UNISWAP.weth.abi, team) as Untyped;
  const liquidityLock = await ethers.getContractAt("LiquidityLock", contracts.LiquidityLock!.address);
  const pair = new ethers.Contract(await launched.offering.pool(), UNISWAP.pair.abi, team) as Untyped;
  const treasury = launched.launch.timelock;
  const reserves = async (): Promise<[bigint, bigint]> => {
    const [r0, r1] = (await pair.getReserves()) as [bigint, bigint];
    return (await pair.token0()) === launched.launch.token ? [r0, r1] : [r1, r0];
  };
  const deadline = async () => BigInt(await time.latest()) + 3_600n;
  return {
    ...launched,
    team,
    alice,
    attacker,
    insider,
    keeper,
    factory,
    router,
    weth,
    liquidityLock,
    pair,
    treasury,
    reserves,
    deadline,
  };
}

type Imo = Awaited<ReturnType<typeof launch>>;

/** Alice buys 40 ETH's worth, and the sale ends. */
async function sold(f: Imo) {
  await time.increaseTo(f.params.sale.start);
  await f.offering.connect(f.alice).depositETH([], { value: ETH(40) });
  await time.increaseTo(f.params.sale.end);
}

const ended = async () => {
  const f = await launch();
  await sold(f);
  return f;
};

/** The insider's allocation vests from the sale's end over a day, without cliff: all of it can be released then. */
const insiderLaunch = async () => {
  const [, , , insider] = await ethers.getSigners();
  const f = await launch((start) => ({
    team: [{ beneficiary: insider!.address, amount: TEAM, start: start + 7n * BigInt(DAY), duration: BigInt(DAY) }],
  }));
  await sold(f);
  await time.increase(DAY);
  await f.vesting[0]!["release(address)"](f.token);
  expect(await f.token.balanceOf(f.insider.address)).to.equal(TEAM);
  return f;
};

/** The value of `tokens` and `quote` at the sale's price, in quote units. */
const valueAt = (tokens: bigint, quote: bigint) => (tokens * PRICE) / ONE + quote;

/** The price (quote per whole token, scaled by ONE) is at or above the sale's, and above it by less than the fee. */
async function expectAtPriceWithinFee(f: Imo) {
  const [tokens, quote] = await f.reserves();
  expect(quote * ONE, "never below the sale price").to.be.gte(tokens * PRICE);
  expect(quote * ONE * 997n, "within the 0.3% fee").to.be.lte(tokens * PRICE * 1_000n);
}

describe("Attacks on the IMO pool", function () {
  describe("a pair created before the finalisation", function () {
    it("a synced WETH donation cannot move the opening price, and the donor gets nothing back", async function () {
      const f = await loadFixture(ended);
      await by(f.factory, f.attacker).createPair(f.token.target, f.weth.target);
      await by(f.weth, f.attacker).deposit({ value: ETH(2) });
      await by(f.weth, f.attacker).transfer(f.pair.target, ETH(2));
      await by(f.pair, f.attacker).sync();
      const tx = f.offering.finalize();
      // The donation counts toward the quote: 10,000 tokens enter against the donor's 2 ETH and the sale's 8 ETH.
      await expect(tx)
        .to.emit(f.offering, "PoolOpened")
        .withArgs(f.pair.target, TOKENS(10_000), ETH(8), anyValue, anyValue, anyValue);
      await expect(tx).to.changeEtherBalance(ethers, f.treasury, ETH(32));
      const [tokens, quote] = await f.reserves();
      expect([tokens, quote]).to.deep.equal([TOKENS(10_000), ETH(10)]);
      expect(quote * ONE).to.equal(tokens * PRICE);
      // Every share but the permanent minimum is locked for the treasury; the donor holds none and no WETH.
      expect(await f.pair.balanceOf(f.liquidityLock)).to.equal((await f.pair.totalSupply()) - 1_000n);
      expect(await f.pair.balanceOf(f.attacker.address)).to.equal(0n);
      expect(await f.weth.balanceOf(f.attacker.address)).to.equal(0n);
    });

    it("an unsynced WETH donation is skimmed to the treasury and the pool opens at exactly the sale price", async function () {
      const f = await loadFixture(ended);
      await by(f.factory, f.attacker).createPair(f.token.target, f.weth.target);
      await by(f.weth, f.attacker).deposit({ value: ETH(2) });
      await by(f.weth, f.attacker).transfer(f.pair.target, ETH(2));
      const tx = f.offering.finalize();
      await expect(tx)
        .to.emit(f.offering, "PoolOpened")
        .withArgs(f.pair.target, TOKENS(8_000), ETH(8), anyValue, anyValue, anyValue);
      // The donation comes back to the sale with the skim and goes on to the treasury, as ETH.
      await expect(tx).to.changeEtherBalance(ethers, f.treasury, ETH(34));
      expect(await f.reserves()).to.deep.equal([TOKENS(8_000), ETH(8)]);
      expect(await f.pair.balanceOf(f.attacker.address)).to.equal(0n);
      expect(await f.weth.balanceOf(f.attacker.address)).to.equal(0n);
    });
  });

  describe("a pool an insider opened at a skewed price", function () {
    for (const [skew, ethIn] of [
      ["5x too high", ETH(25)],
      ["5x too low", ETH(1)],
    ] as const) {
      it(`${skew}: the launch trades it to the sale price and the insider loses by it`, async function () {
        const f = await loadFixture(insiderLaunch);
        const tokensIn = TOKENS(5_000);
        await f.token.connect(f.insider).approve(f.router.target, tokensIn);
        await by(f.router, f.insider).addLiquidityETH(
          f.token.target,
          tokensIn,
          0n,
          0n,
          f.insider.address,
          await f.deadline(),
          {
            value: ethIn,
          },
        );
        const shares = (await f.pair.balanceOf(f.insider.address)) as bigint;
        expect(shares).to.be.gt(0n);
        const tx = f.offering.finalize();
        await expect(tx).to.emit(f.offering, "PoolOpened");
        await expect(tx).not.to.emit(f.offering, "PoolNotOpened");
        await expectAtPriceWithinFee(f);

        // The insider takes its liquidity out again: what comes back is worth less, at the sale price, than what
        // went in.
        await by(f.pair, f.insider).approve(f.router.target, shares);
        const ethBefore = await ethers.provider.getBalance(f.insider.address);
        const tokensBefore = await f.token.balanceOf(f.insider.address);
        const removal = await by(f.router, f.insider).removeLiquidityETH(
          f.token.target,
          shares,
          0n,
          0n,
          f.insider.address,
          await f.deadline(),
        );
        const receipt = await removal.wait();
        const gas = BigInt(receipt.gasUsed) * BigInt(receipt.gasPrice);
        const ethOut = (await ethers.provider.getBalance(f.insider.address)) - ethBefore + gas;
        const tokensOut = (await f.token.balanceOf(f.insider.address)) - tokensBefore;
        expect(valueAt(tokensOut, ethOut)).to.be.lt(valueAt(tokensIn, ethIn));
        // The price the insider left is still the sale's.
        await expectAtPriceWithinFee(f);
      });
    }

    for (const [skew, ethIn] of [
      ["5x too high", ETH(25)],
      ["5x too low", ETH(1)],
    ] as const) {
      it(`${skew}: the launch's reserve and quote are worth no less at the sale price, but for the fee on its trade`, async function () {
        const f = await loadFixture(insiderLaunch);
        await f.token.connect(f.insider).approve(f.router.target, TOKENS(5_000));
        await by(f.router, f.insider).addLiquidityETH(
          f.token.target,
          TOKENS(5_000),
          0n,
          0n,
          f.insider.address,
          await f.deadline(),
          {
            value: ethIn,
          },
        );
        const tokensBefore = await f.token.balanceOf(f.treasury);
        const ethBefore = await ethers.provider.getBalance(f.treasury);
        const lockId = await f.liquidityLock.lockCount();
        await f.offering.finalize();
        // What the treasury received besides the 260,000 unsold tokens and the 32 ETH of proceeds is what the pool
        // did not use; the locked shares are valued at the pool's reserves.
        const tokensBack = (await f.token.balanceOf(f.treasury)) - tokensBefore - TOKENS(260_000);
        const ethBack = (await ethers.provider.getBalance(f.treasury)) - ethBefore - ETH(32);
        const { amount: liquidity } = await f.liquidityLock.lockOf(lockId);
        const [tokens, quote] = await f.reserves();
        const supply = (await f.pair.totalSupply()) as bigint;
        const held = valueAt((tokens * liquidity) / supply, (quote * liquidity) / supply);
        const budget = valueAt(RESERVE, ETH(8));
        const after = held + valueAt(tokensBack, ethBack);
        // The trade's fee is at most 0.3% of what it moved, itself less than the budget.
        expect(after).to.be.gte(budget - (budget * 3n) / 1_000n);
        expect(await f.token.balanceOf(f.offering)).to.equal(TOKENS(40_000));
      });
    }
  });

  describe("gas starvation", function () {
    it("a finalisation without the gas for the pool step reverts by name", async function () {
      const f = await loadFixture(ended);
      await expect(f.offering.finalize({ gasLimit: 3_000_000 }))
        .to.be.revertedWithCustomError(f.offering, "OfferingPoolGas")
        .withArgs(anyValue, POOL_GAS);
      expect(await f.offering.status()).to.equal(SaleStatus.Ended);
    });

    it("never completes without the pool, whatever gas the caller gives", async function () {
      for (let limit = 3_000_000; limit <= 4_500_000; limit += 100_000) {
        const f = await loadFixture(ended);
        let receipt = null;
        try {
          receipt = await (await f.offering.connect(f.keeper).finalize({ gasLimit: limit })).wait();
        } catch {
          // A reverted finalisation leaves the sale as it was.
          expect(await f.offering.status(), `status at gas ${limit}`).to.equal(SaleStatus.Ended);
          continue;
        }
        const names = receipt!.logs
          .map((log) => (log.address === f.offering.target ? f.offering.interface.parseLog(log)?.name : undefined))
          .filter((name) => name !== undefined);
        expect(names, `events at gas ${limit}`).to.include("PoolOpened");
        expect(names, `events at gas ${limit}`).not.to.include("PoolNotOpened");
      }
    });
  });

  describe("the locked pool shares", function () {
    it("neither the DAO nor anyone else can take them before the lock ends, and a second finalisation reverts", async function () {
      const f = await loadFixture(ended);
      const lockId = await f.liquidityLock.lockCount();
      await f.offering.finalize();
      const { unlockAt, amount } = await f.liquidityLock.lockOf(lockId);
      const dao = await impersonate(connection, f.treasury);
      for (const caller of [dao, f.attacker, f.team]) {
        await expect(f.liquidityLock.connect(caller).release(lockId))
          .to.be.revertedWithCustomError(f.liquidityLock, "LockNotYetOpen")
          .withArgs(lockId, unlockAt);
      }
      // The lock holds them, not the sale (which could be made to move them) nor the treasury.
      expect(await f.pair.balanceOf(f.liquidityLock)).to.equal(amount);
      expect(await f.pair.balanceOf(f.offering)).to.equal(0n);
      expect(await f.pair.balanceOf(f.treasury)).to.equal(0n);
      await expect(f.offering.finalize())
        .to.be.revertedWithCustomError(f.offering, "OfferingWrongStatus")
        .withArgs(SaleStatus.Succeeded);
      await expect(f.offering.connect(f.attacker).openPool(ETH(8)))
        .to.be.revertedWithCustomError(f.offering, "OfferingOnlySelf")
        .withArgs(f.attacker.address);
    });
  });

  describe("a payment token that charges a fee on transfer", function () {
    it("cannot open the pool below the sale price: PoolNotOpened, and the treasury gets the reserve and the quote", async function () {
      // 1% of every transfer is burnt: the pair would receive 99% of the quote the seed sends.
      const fot = (await ethers.deployContract("FeeOnTransferToken", [100n])) as unknown as FeeOnTransferToken;
      const f = await launch(() => ({
        sale: { paymentToken: fot.target as string, price: PRICE, softCap: ETH(10), hardCap: ETH(100) },
      }));
      await fot.mint(f.alice.address, ETH(50));
      await fot.connect(f.alice).approve(f.offering, ETH(50));
      await time.increaseTo(f.params.sale.start);
      // 39.6 of the 40 arrive.
      await f.offering.connect(f.alice).deposit(ETH(40), []);
      await time.increaseTo(f.params.sale.end);
      const raised = (ETH(40) * 99n) / 100n;
      const treasuryBefore = await fot.balanceOf(f.treasury);
      const tx = f.offering.finalize();
      // The seed would send 20% of 39.6 (7.92) for 7,920 tokens; 7.8408 arrive.
      const sent = (raised * 2_000n) / 10_000n;
      const reason = f.offering.interface.encodeErrorResult("PoolSeedingBelowPrice", [
        (sent * ONE) / PRICE,
        (sent * 99n) / 100n,
      ]);
      await expect(tx).to.emit(f.offering, "PoolNotOpened").withArgs(reason);
      await expect(tx).not.to.emit(f.offering, "PoolOpened");
      await expect(tx).to.changeTokenBalance(
        ethers,
        f.token,
        f.treasury,
        RESERVE + (TOKENS(300_000) - (raised * ONE) / PRICE),
      );
      // The treasury receives the proceeds, as they arrive after the token's own fee.
      expect((await fot.balanceOf(f.treasury)) - treasuryBefore).to.equal((raised * 99n) / 100n);
      // The pool step reverted whole: not even the pair was created.
      expect(await f.factory.getPair(f.token.target, fot.target)).to.equal(ZeroAddress);
      await expect(f.offering.settle(f.alice.address)).to.changeTokenBalance(
        ethers,
        f.token,
        f.alice,
        (raised * ONE) / PRICE,
      );
    });
  });

  describe("a pool step that fails", function () {
    it("the DAO including the pool again before the finalisation: PoolNotOpened, and the treasury gets the reserve and the quote", async function () {
      const f = await loadFixture(ended);
      await by(f.factory, f.attacker).createPair(f.token.target, f.weth.target);
      const dao = await impersonate(connection, f.treasury);
      await f.token.connect(dao).setExcluded(f.pair.target, false);
      const tx = f.offering.finalize();
      await expect(tx)
        .to.emit(f.offering, "PoolNotOpened")
        .withArgs(f.offering.interface.encodeErrorResult("OfferingPoolNotExcluded", [f.pair.target]));
      await expect(tx).to.changeEtherBalance(ethers, f.treasury, ETH(40));
      await expect(tx).to.changeTokenBalance(ethers, f.token, f.treasury, RESERVE + TOKENS(260_000));
      expect(await f.offering.status()).to.equal(SaleStatus.Succeeded);
      expect(await f.pair.totalSupply()).to.equal(0n);
      await expect(f.offering.settle(f.alice.address)).to.changeTokenBalance(ethers, f.token, f.alice, TOKENS(40_000));
      await expect(f.offering.sweep()).to.emit(f.offering, "Swept").withArgs(0n, 0n);
    });

    it("a payment token whose pair overflows: PoolNotOpened, and the treasury gets the reserve and the quote", async function () {
      const usd = (await ethers.deployContract("MockStablecoin")) as unknown as MockStablecoin;
      const f = await launch(() => ({
        sale: { paymentToken: usd.target as string, price: 50_000n, softCap: USDC(1_000), hardCap: USDC(10_000) },
      }));
      await usd.mint(f.alice.address, USDC(2_000));
      await usd.connect(f.alice).approve(f.offering, USDC(2_000));
      await time.increaseTo(f.params.sale.start);
      await f.offering.connect(f.alice).deposit(USDC(2_000), []);
      await time.increaseTo(f.params.sale.end);
      // The pair's reserves are 112-bit: a quote reserve synced to the limit makes its mint revert.
      await by(f.factory, f.attacker).createPair(f.token.target, usd.target);
      await usd.mint(f.pair.target, 2n ** 112n - 1n);
      await by(f.pair, f.attacker).sync();
      const treasuryBefore = await usd.balanceOf(f.treasury);
      const tx = f.offering.finalize();
      await expect(tx).to.emit(f.offering, "PoolNotOpened");
      await expect(tx).not.to.emit(f.offering, "PoolOpened");
      await expect(tx).to.changeTokenBalance(ethers, f.token, f.treasury, RESERVE + TOKENS(260_000));
      await (await tx).wait();
      expect((await usd.balanceOf(f.treasury)) - treasuryBefore).to.equal(USDC(2_000));
      expect(await f.pair.totalSupply()).to.equal(0n);
      await expect(f.offering.settle(f.alice.address)).to.changeTokenBalance(ethers, f.token, f.alice, TOKENS(40_000));
    });
  });
});
