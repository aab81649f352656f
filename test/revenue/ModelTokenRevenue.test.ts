import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { network } from "hardhat";

import type { FlashLoanAttacker, IModelToken, MockLendingPool, ModelToken } from "../../types/typechain/index.js";
import { cidOf, DAY, ETH, HOUR, NATIVE, USDC } from "../fixtures/constants.js";
import { deployLaunched, saleStart, type RevenueParams } from "../fixtures/launch.js";
import { permitSignature } from "../fixtures/signatures.js";
import { shouldBehaveLikeVotesToken, type TokenContext } from "../fixtures/token.behavior.js";
import {
  allocation,
  claimableSum,
  expectExclusionByTheDaoOfContractsOnly,
  revenueFixtures,
  revenueParams,
  U,
} from "./fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const fixtures = revenueFixtures(connection);

type Allocation = IModelToken.AllocationStruct;

// ---------------------------------------------------------------------------------------------------------------
// The sharing rules, written out from the specification: revenue released per token unit is kept as a Q96 number
// that grows by floor(amount * 2**96 / eligible), and a holder's part of it is floor(accumulator * balance / 2**96).
// ---------------------------------------------------------------------------------------------------------------

const Q96 = 2n ** 96n;
const accumulatorOf = (amount: bigint, eligible: bigint) => (amount * Q96) / eligible;
const accruedOf = (accumulator: bigint, balance: bigint) => (accumulator * balance) / Q96;

const MAX_SUPPLY = 2n ** 96n - 1n;
const MAX_STREAM = 180n * BigInt(DAY);

const MODEL = 1n;
/** Eight days: a deposit of STREAM * 10**12 is released at exactly 10**12 wei per second. */
const STREAM = 8 * DAY;
const STREAMED = BigInt(STREAM) * 10n ** 12n;
const PER_SECOND = 10n ** 12n;

enum Attack {
  None,
  Claim,
  ClaimAll,
  ClaimFor,
  Redeem,
  Deposit,
  Transfer,
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures. Most tokens are clones made by MockTokenLauncher for a model that `dao` registered, so that `dao` is
// the token's DAO and every holder is chosen by the test; the sale's forwarding is tested on a real launch.
// ---------------------------------------------------------------------------------------------------------------

async function protocolFixture() {
  return fixtures.protocol();
}

type Protocol = Awaited<ReturnType<typeof protocolFixture>>;

/** A token for the protocol's model, made and initialised in one transaction; `payer` has approved it for USDC. */
const createToken = (p: Protocol, allocations: Allocation[], revenue: RevenueParams) =>
  fixtures.token(p, allocations, revenue);

/**
 * Alice 4, Bob 2, Carol 1 and Dave 1 of 8 units of 2**60, sharing ETH and USDC; `payer` has approved the token. With
 * an eligible supply of 8 units (2**63), every deposit divides among them without rounding: their shares are exact
 * to the wei.
 */
async function holdersWith(revenue: Partial<RevenueParams>) {
  const p = await protocolFixture();
  const token = await createToken(
    p,
    [allocation(p.alice, 4n * U), allocation(p.bob, 2n * U), allocation(p.carol, U), allocation(p.dave, U)],
    revenueParams({ assets: [await p.usdc.getAddress()], ...revenue }),
  );
  return { ...p, token };
}

const tokenFixture = () => holdersWith({});
const streamFixture = () => holdersWith({ streamDuration: STREAM });
const reserveFixture = () => holdersWith({ reserveBps: 1_000 });

/** The model token of {tokenFixture}, for the tests every token of the protocol shares: Alice's 4 units move. */
async function tokenContextFixture(): Promise<TokenContext> {
  const { token, alice, bob, carol, stranger } = await tokenFixture();
  // The token, then who holds and moves it.
  return {
    token,
    name: "Revenue Model",
    symbol: "REV",
    supply: 8n * U,
    holder: alice,
    balance: 4n * U,
    amount: U,
    recipient: bob,
    delegatee: carol,
    spender: stranger,
  };
}

/**
 * The holders' token `f` with a lending pool (a contract `dao` owns) that the DAO excluded while it held nothing,
 * and that then received Alice's 4 units.
 */
async function withPool(f: Awaited<ReturnType<typeof holdersWith>>) {
  const pool: MockLendingPool = await ethers.deployContract("MockLendingPool", [f.token], f.dao);
  await f.token.connect(f.dao).setExcluded(pool, true);
  await f.token.connect(f.alice).transfer(pool, 4n * U);
  return { ...f, pool };
}

/** The token of {tokenFixture} with the pool of {withPool}. */
async function poolFixture() {
  return withPool(await tokenFixture());
}

/** As {poolFixture}, with streams. */
async function streamPoolFixture() {
  return withPool(await streamFixture());
}

/** Alice alone holds all 8 units, with streams, and a pool the DAO excludes. */
async function aloneFixture() {
  const p = await protocolFixture();
  const token = await createToken(p, [allocation(p.alice, 8n * U)], revenueParams({ streamDuration: STREAM }));
  const pool: MockLendingPool = await ethers.deployContract("MockLendingPool", [token], p.dao);
  await token.connect(p.dao).setExcluded(pool, true);
  return { ...p, token, pool };
}

/** A forwarding account `desk` (as the sale is) holding 4 units next to Bob (2), Carol (1) and Dave (1). */
async function forwardingFixture() {
  const p = await protocolFixture();
  const desk = p.alice;
  const token = await createToken(
    p,
    [allocation(desk, 4n * U, true), allocation(p.bob, 2n * U), allocation(p.carol, U), allocation(p.dave, U)],
    revenueParams({ assets: [await p.usdc.getAddress()] }),
  );
  return { ...p, token, desk };
}

// A launch through the factory: 300k tokens for sale, 250k to the treasury, 100k to `lp`; no team.
const SALE_SUPPLY = ETH(650_000);
const FOR_SALE = ETH(300_000);
const TREASURY = ETH(250_000);
const LIQUIDITY = ETH(100_000);
/**
 * The supply is 65 * 2**22 * 5**22 units and every balance below is a multiple of 10**22 units, so deposits that are
 * multiples of supply / 2**22 are shared exactly: each balance earns exactly deposit * balance / supply.
 */
const SALE_UNIT = SALE_SUPPLY / 2n ** 22n;

async function saleFixture() {
  const [team, alice, bob, lp, payer, attacker] = await ethers.getSigners();
  const l = await deployLaunched(connection, {
    team,
    registration: { slug: "sale-model", card: cidOf("sale") },
    launch: async () => ({
      start: await saleStart(connection),
      name: "Sale Model",
      symbol: "SALE",
      sale: { tokensForSale: FOR_SALE },
      treasuryAmount: TREASURY,
      liquidityAmount: LIQUIDITY,
      liquidityRecipient: lp.address,
      dao: { votingPeriod: BigInt(DAY), proposalThreshold: 0n },
      timelockDelay: BigInt(DAY),
    }),
  });
  const { start, end } = l.params.sale;
  return {
    token: l.token,
    offering: l.offering,
    treasury: l.launch.timelock,
    team,
    alice,
    bob,
    lp,
    payer,
    attacker,
    start: BigInt(start),
    end: BigInt(end),
  };
}

/** Sends the next transaction at `timestamp`. */
const at = (timestamp: number | bigint) => time.setNextBlockTimestamp(timestamp);

// ---------------------------------------------------------------------------------------------------------------

describe("ModelToken revenue", function () {
  describe("when created", function () {
    it("shares ETH and its launch assets among the whole supply", async function () {
      const { token, usdc, registry, dao } = await loadFixture(tokenFixture);
      expect(await token.NATIVE_ASSET()).to.equal(NATIVE);
      expect(await token.MAX_ASSETS()).to.equal(4n);
      expect(await token.MAX_STREAM_DURATION()).to.equal(MAX_STREAM);
      expect(await token.revenueAssets()).to.deep.equal([NATIVE, await usdc.getAddress()]);
      expect(await token.eligibleSupply()).to.equal(8n * U);
      expect(await token.reserveBps()).to.equal(0n);
      expect(await token.dao()).to.equal(dao.address);
      expect(await token.registry()).to.equal(await registry.getAddress());
      expect(await token.model()).to.equal(MODEL);
      for (const asset of [NATIVE, await usdc.getAddress()]) {
        const info = await token.assetInfo(asset);
        expect(info.asset).to.equal(asset);
        expect(info.active).to.equal(true);
        expect(info.streamDuration).to.equal(0n);
        expect(info.accumulator).to.equal(0n);
        expect(info.eligibleSupply).to.equal(8n * U);
        expect(info.unreleased).to.equal(0n);
        expect(info.streamEnd).to.equal(0n);
        expect(info.reserve).to.equal(0n);
        expect(info.held).to.equal(0n);
      }
    });

    it("announces its supply, reserve share and stream duration", async function () {
      const p = await loadFixture(protocolFixture);
      const args = [
        p.registry,
        MODEL,
        "Revenue Model",
        "REV",
        [allocation(p.alice, ETH(1_000))] as Allocation[],
        revenueParams({ reserveBps: 250, streamDuration: STREAM, assets: [await p.usdc.getAddress()] }),
      ] as const;
      const address = await p.launcher.create.staticCall(...args);
      const token = await ethers.getContractAt("ModelToken", address);
      const tx = p.launcher.create(...args);
      await expect(tx)
        .to.emit(token, "ModelTokenInitialized")
        .withArgs(await p.registry.getAddress(), MODEL, ETH(1_000), 250n);
      await expect(tx).to.emit(token, "RevenueStreamDurationSet").withArgs(NATIVE, STREAM);
      await expect(tx)
        .to.emit(token, "RevenueStreamDurationSet")
        .withArgs(await p.usdc.getAddress(), STREAM);
      await expect(tx)
        .to.emit(token, "RevenueAssetAllowed")
        .withArgs(await p.usdc.getAddress(), 1n);
      expect((await token.assetInfo(p.usdc)).streamDuration).to.equal(BigInt(STREAM));
    });

    it("refuses to be initialised again, and its implementation refuses to be initialised at all", async function () {
      const { token, implementation, alice } = await loadFixture(tokenFixture);
      for (const target of [token, implementation]) {
        await expect(target.initialize("X", "X", [allocation(alice, 1n)], revenueParams()))
          .to.be.revertedWithCustomError(token, "ModelTokenAlreadyInitialized")
          .withArgs();
      }
    });

    it("refuses a supply above 2**96 - 1, and an empty one", async function () {
      const p = await loadFixture(protocolFixture);
      const create = (allocations: Allocation[], revenue = revenueParams()) =>
        p.launcher.create(p.registry, MODEL, "X", "X", allocations, revenue);
      await expect(create([allocation(p.alice, 2n ** 95n), allocation(p.bob, 2n ** 95n)]))
        .to.be.revertedWithCustomError(p.implementation, "ModelTokenSupplyTooLarge")
        .withArgs(2n ** 96n, MAX_SUPPLY);
      await expect(create([allocation(p.alice, MAX_SUPPLY), allocation(p.bob, 1n)]))
        .to.be.revertedWithCustomError(p.implementation, "ModelTokenSupplyTooLarge")
        .withArgs(MAX_SUPPLY + 1n, MAX_SUPPLY);
      await expect(create([allocation(p.alice, MAX_SUPPLY)])).to.not.revert(ethers);
      await expect(create([])).to.be.revertedWithCustomError(p.implementation, "ModelTokenEmptySupply");
      await expect(create([allocation(p.alice, 0n)])).to.be.revertedWithCustomError(
        p.implementation,
        "ModelTokenEmptySupply",
      );
    });

    it("refuses a reserve above 100%, a stream above 180 days, and more or other assets than allowed", async function () {
      const p = await loadFixture(protocolFixture);
      const create = (revenue: Partial<RevenueParams>) =>
        p.launcher.create(p.registry, MODEL, "X", "X", [allocation(p.alice, ETH(1))], revenueParams(revenue));
      await expect(create({ reserveBps: 10_001 }))
        .to.be.revertedWithCustomError(p.implementation, "RevenueReserveTooHigh")
        .withArgs(10_001n);
      await expect(create({ reserveBps: 10_000 })).to.not.revert(ethers);
      await expect(create({ streamDuration: MAX_STREAM + 1n }))
        .to.be.revertedWithCustomError(p.implementation, "RevenueStreamTooLong")
        .withArgs(MAX_STREAM + 1n, MAX_STREAM);
      await expect(create({ streamDuration: MAX_STREAM })).to.not.revert(ethers);
      const coins = [];
      for (let i = 0; i < 5; i++) coins.push(await (await ethers.deployContract("MockStablecoin")).getAddress());
      await expect(create({ assets: coins }))
        .to.be.revertedWithCustomError(p.implementation, "RevenueTooManyAssets")
        .withArgs(4n);
      await expect(create({ assets: coins.slice(0, 4) })).to.not.revert(ethers);
      await expect(create({ assets: [p.stranger.address] }))
        .to.be.revertedWithCustomError(p.implementation, "RevenueInvalidAsset")
        .withArgs(p.stranger.address);
      await expect(create({ assets: [NATIVE] }))
        .to.be.revertedWithCustomError(p.implementation, "RevenueInvalidAsset")
        .withArgs(NATIVE);
      await expect(create({ assets: [coins[0], coins[0]] }))
        .to.be.revertedWithCustomError(p.implementation, "RevenueAssetAlreadyAllowed")
        .withArgs(coins[0]);
    });
  });

  describe("deposits", function () {
    describe("of ETH", function () {
      it("takes depositETH and plain transfers alike, and raises the accumulator", async function () {
        const { token, payer } = await loadFixture(tokenFixture);
        const tx = token.connect(payer).depositETH({ value: ETH(1) });
        await expect(tx).to.emit(token, "RevenueDeposited").withArgs(NATIVE, payer.address, ETH(1));
        await expect(tx).to.changeEtherBalances(ethers, [payer, token], [-ETH(1), ETH(1)]);
        expect((await token.assetInfo(NATIVE)).accumulator).to.equal(accumulatorOf(ETH(1), 8n * U));

        const send = payer.sendTransaction({ to: await token.getAddress(), value: ETH(3) });
        await expect(send).to.emit(token, "RevenueDeposited").withArgs(NATIVE, payer.address, ETH(3));
        await expect(send).to.changeEtherBalances(ethers, [payer, token], [-ETH(3), ETH(3)]);
        const info = await token.assetInfo(NATIVE);
        expect(info.accumulator).to.equal(accumulatorOf(ETH(4), 8n * U));
        expect(info.held).to.equal(ETH(4));
      });

      it("refuses nothing, by either way", async function () {
        const { token, payer } = await loadFixture(tokenFixture);
        await expect(token.connect(payer).depositETH({ value: 0n }))
          .to.be.revertedWithCustomError(token, "RevenueZeroAmount")
          .withArgs();
        await expect(payer.sendTransaction({ to: await token.getAddress(), value: 0n })).to.be.revertedWithCustomError(
          token,
          "RevenueZeroAmount",
        );
      });

      it("refuses a deposit above 2**127 per token unit in Q96", async function () {
        const p = await loadFixture(protocolFixture);
        // One token unit in all: a deposit of 2**31 wei would be 2**127 per unit.
        const token = await createToken(p, [allocation(p.alice, 1n)], revenueParams());
        await expect(token.connect(p.payer).depositETH({ value: 2n ** 31n }))
          .to.be.revertedWithCustomError(token, "RevenueDepositTooLarge")
          .withArgs(NATIVE, 2n ** 31n);
        await token.connect(p.payer).depositETH({ value: 2n ** 31n - 1n });
        expect(await token.claimable(p.alice, NATIVE)).to.equal(2n ** 31n - 1n);
        // The accumulator is full now: even one more wei is too much.
        await expect(token.connect(p.payer).depositETH({ value: 1n }))
          .to.be.revertedWithCustomError(token, "RevenueDepositTooLarge")
          .withArgs(NATIVE, 1n);
      });

      it("refuses a deposit when no token earns revenue", async function () {
        const { token, pool, alice, payer } = await loadFixture(aloneFixture);
        await token.connect(alice).transfer(pool, 8n * U);
        expect(await token.eligibleSupply()).to.equal(0n);
        await expect(token.connect(payer).depositETH({ value: ETH(1) }))
          .to.be.revertedWithCustomError(token, "RevenueNoEligibleSupply")
          .withArgs();
      });
    });

    describe("of an ERC-20", function () {
      it("takes an approved amount and holds it", async function () {
        const { token, usdc, payer } = await loadFixture(tokenFixture);
        const tx = token.connect(payer).deposit(usdc, USDC(800));
        await expect(tx)
          .to.emit(token, "RevenueDeposited")
          .withArgs(await usdc.getAddress(), payer.address, USDC(800));
        await expect(tx).to.changeTokenBalances(ethers, usdc, [payer, token], [-USDC(800), USDC(800)]);
        const info = await token.assetInfo(usdc);
        expect(info.held).to.equal(USDC(800));
        expect(info.accumulator).to.equal(accumulatorOf(USDC(800), 8n * U));
      });

      it("takes a permit instead of an approval, even one already used by someone else", async function () {
        const { token, usdc, payer, stranger } = await loadFixture(tokenFixture);
        await usdc.connect(payer).approve(token, 0n);
        const deadline = BigInt((await time.latest()) + HOUR);
        const first = await permitSignature(usdc, payer, await token.getAddress(), USDC(800), deadline);
        await expect(
          token.connect(payer).depositWithPermit(usdc, USDC(800), deadline, first.v, first.r, first.s),
        ).to.changeTokenBalances(ethers, usdc, [payer, token], [-USDC(800), USDC(800)]);
        expect(await usdc.allowance(payer, token)).to.equal(0n);

        // Someone submits the next permit first: the deposit goes on with the allowance it granted.
        const second = await permitSignature(usdc, payer, await token.getAddress(), USDC(80), deadline);
        await usdc.connect(stranger).permit(payer, token, USDC(80), deadline, second.v, second.r, second.s);
        await expect(token.connect(payer).depositWithPermit(usdc, USDC(80), deadline, second.v, second.r, second.s))
          .to.emit(token, "RevenueDeposited")
          .withArgs(await usdc.getAddress(), payer.address, USDC(80));
        expect((await token.assetInfo(usdc)).held).to.equal(USDC(880));
      });

      it("refuses an asset that is not allowed, ETH's address, and nothing", async function () {
        const { token, usdc, payer } = await loadFixture(tokenFixture);
        const other = await ethers.deployContract("MockStablecoin");
        await expect(token.connect(payer).deposit(other, 1n))
          .to.be.revertedWithCustomError(token, "RevenueAssetNotAllowed")
          .withArgs(await other.getAddress());
        await expect(token.connect(payer).deposit(NATIVE, 1n))
          .to.be.revertedWithCustomError(token, "RevenueAssetNotAllowed")
          .withArgs(NATIVE);
        await expect(token.connect(payer).deposit(usdc, 0n)).to.be.revertedWithCustomError(token, "RevenueZeroAmount");
      });

      it("refuses a deposit too large to hold", async function () {
        const { token, usdc, payer } = await loadFixture(tokenFixture);
        await usdc.mint(payer, 2n ** 128n);
        await expect(token.connect(payer).deposit(usdc, 2n ** 128n))
          .to.be.revertedWithCustomError(token, "RevenueDepositTooLarge")
          .withArgs(await usdc.getAddress(), 2n ** 128n);
      });
    });
  });

  describe("instant shares", function () {
    it("are exact to the wei for every holder, in ETH and in an ERC-20", async function () {
      const { token, usdc, payer, alice, bob, carol, dave } = await loadFixture(tokenFixture);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(payer).deposit(usdc, USDC(800));
      const expected = [
        [alice, ETH(1) / 2n, USDC(400)],
        [bob, ETH(1) / 4n, USDC(200)],
        [carol, ETH(1) / 8n, USDC(100)],
        [dave, ETH(1) / 8n, USDC(100)],
      ] as const;
      for (const [holder, eth, usd] of expected) {
        expect(await token.claimable(holder, NATIVE)).to.equal(eth);
        expect(await token.claimable(holder, usdc)).to.equal(usd);
        expect(await token.claimableAll(holder)).to.deep.equal([
          [NATIVE, await usdc.getAddress()],
          [eth, usd],
        ]);
      }
    });

    it("follow the accumulator for any balances, and leave at most one unit per holder and deposit", async function () {
      const p = await loadFixture(protocolFixture);
      const balances = [ETH(3) + 1n, ETH(7) + 3n, ETH(11) + 5n];
      const holders = [p.alice, p.bob, p.carol];
      const supply = balances[0] + balances[1] + balances[2];
      const token = await createToken(
        p,
        holders.map((h, i) => allocation(h, balances[i])),
        revenueParams({ assets: [await p.usdc.getAddress()] }),
      );
      const deposits = [ETH(1) + 7n, 999_999_999_999_999_989n];
      for (const amount of deposits) await token.connect(p.payer).depositETH({ value: amount });
      await token.connect(p.payer).deposit(p.usdc, 123_456_789n);

      const acc = accumulatorOf(deposits[0], supply) + accumulatorOf(deposits[1], supply);
      const accUsd = accumulatorOf(123_456_789n, supply);
      let sum = 0n;
      let sumUsd = 0n;
      for (let i = 0; i < holders.length; i++) {
        const eth = await token.claimable(holders[i], NATIVE);
        expect(eth).to.equal(accruedOf(acc, balances[i]));
        sum += eth;
        const usd = await token.claimable(holders[i], p.usdc);
        expect(usd).to.equal(accruedOf(accUsd, balances[i]));
        sumUsd += usd;
      }
      const total = deposits[0] + deposits[1];
      expect(sum).to.be.lte(total);
      expect(total - sum).to.be.lte(2n + 3n);
      expect(sumUsd).to.be.lte(123_456_789n);
      expect(123_456_789n - sumUsd).to.be.lte(1n + 3n);
    });

    it("let a seller keep what it earned, and the buyer earn from its purchase on", async function () {
      const { token, usdc, payer, alice, bob, carol, dave } = await loadFixture(tokenFixture);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(payer).deposit(usdc, USDC(800));
      // Alice sells half of her 4 units to Bob between the deposits.
      await token.connect(alice).transfer(bob, 2n * U);
      expect(await token.claimable(alice, NATIVE)).to.equal(ETH(1) / 2n);
      expect(await token.claimable(bob, NATIVE)).to.equal(ETH(1) / 4n);
      await token.connect(payer).depositETH({ value: ETH(2) });
      await token.connect(payer).deposit(usdc, USDC(1_600));
      expect(await token.claimable(alice, NATIVE)).to.equal(ETH(1) / 2n + ETH(2) / 4n);
      expect(await token.claimable(bob, NATIVE)).to.equal(ETH(1) / 4n + ETH(2) / 2n);
      expect(await token.claimable(alice, usdc)).to.equal(USDC(400) + USDC(400));
      expect(await token.claimable(bob, usdc)).to.equal(USDC(200) + USDC(800));
      expect(await claimableSum(token, NATIVE, [alice, bob, carol, dave])).to.equal(ETH(3));
      expect(await claimableSum(token, await usdc.getAddress(), [alice, bob, carol, dave])).to.equal(USDC(2_400));
    });

    it("move nothing when a holder sends tokens to itself or through an allowance", async function () {
      const { token, payer, alice, bob, stranger } = await loadFixture(tokenFixture);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(alice).transfer(alice, 4n * U);
      expect(await token.claimable(alice, NATIVE)).to.equal(ETH(1) / 2n);
      await token.connect(alice).approve(stranger, U);
      await token.connect(stranger).transferFrom(alice, bob, U);
      await token.connect(payer).depositETH({ value: ETH(1) });
      expect(await token.claimable(alice, NATIVE)).to.equal(ETH(1) / 2n + (ETH(1) * 3n) / 8n);
      expect(await token.claimable(bob, NATIVE)).to.equal(ETH(1) / 4n + (ETH(1) * 3n) / 8n);
      expect(await token.claimable(stranger, NATIVE)).to.equal(0n);
    });
  });

  describe("claims", function () {
    it("pay the caller's share of one asset to any recipient, once", async function () {
      const { token, usdc, payer, alice, recipient } = await loadFixture(tokenFixture);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(payer).deposit(usdc, USDC(800));
      expect(await token.connect(alice).claim.staticCall(NATIVE, recipient)).to.equal(ETH(1) / 2n);
      const tx = token.connect(alice).claim(NATIVE, recipient);
      await expect(tx)
        .to.emit(token, "RevenueClaimed")
        .withArgs(alice.address, NATIVE, recipient.address, ETH(1) / 2n);
      await expect(tx).to.changeEtherBalances(ethers, [token, alice, recipient], [-ETH(1) / 2n, 0n, ETH(1) / 2n]);
      expect(await token.claimable(alice, NATIVE)).to.equal(0n);
      await expect(token.connect(alice).claim(NATIVE, alice))
        .to.be.revertedWithCustomError(token, "RevenueNothingToClaim")
        .withArgs(alice.address, NATIVE);

      const usd = token.connect(alice).claim(usdc, alice);
      await expect(usd).to.changeTokenBalances(ethers, usdc, [token, alice], [-USDC(400), USDC(400)]);
      expect((await token.assetInfo(usdc)).held).to.equal(USDC(400));
    });

    it("pay every asset at once with claimAll, and refuse when there is nothing at all", async function () {
      const { token, usdc, payer, bob, carol } = await loadFixture(tokenFixture);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(payer).deposit(usdc, USDC(800));
      expect(await token.connect(bob).claimAll.staticCall(carol)).to.deep.equal([ETH(1) / 4n, USDC(200)]);
      const tx = token.connect(bob).claimAll(carol);
      await expect(tx).to.changeEtherBalances(ethers, [token, carol], [-ETH(1) / 4n, ETH(1) / 4n]);
      await expect(tx).to.changeTokenBalances(ethers, usdc, [token, carol], [-USDC(200), USDC(200)]);
      await expect(tx)
        .to.emit(token, "RevenueClaimed")
        .withArgs(bob.address, NATIVE, carol.address, ETH(1) / 4n);
      await expect(tx)
        .to.emit(token, "RevenueClaimed")
        .withArgs(bob.address, await usdc.getAddress(), carol.address, USDC(200));
      await expect(token.connect(bob).claimAll(bob))
        .to.be.revertedWithCustomError(token, "RevenueNothingToClaim")
        .withArgs(bob.address, ethers.ZeroAddress);

      // Only ETH is due now: claimAll pays it and reports nothing for USDC.
      await token.connect(payer).depositETH({ value: ETH(1) });
      expect(await token.connect(bob).claimAll.staticCall(bob)).to.deep.equal([ETH(1) / 4n, 0n]);
    });

    it("can be made for a holder by anyone, and then pay the holder", async function () {
      const { token, usdc, payer, carol, dave, stranger } = await loadFixture(tokenFixture);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(payer).deposit(usdc, USDC(800));
      const one = token.connect(stranger).claimFor(carol, NATIVE);
      await expect(one).to.changeEtherBalances(ethers, [token, carol, stranger], [-ETH(1) / 8n, ETH(1) / 8n, 0n]);
      await expect(one)
        .to.emit(token, "RevenueClaimed")
        .withArgs(carol.address, NATIVE, carol.address, ETH(1) / 8n);
      await expect(token.connect(stranger).claimFor(carol, NATIVE))
        .to.be.revertedWithCustomError(token, "RevenueNothingToClaim")
        .withArgs(carol.address, NATIVE);

      expect(await token.connect(stranger).claimAllFor.staticCall(dave)).to.deep.equal([ETH(1) / 8n, USDC(100)]);
      const all = token.connect(stranger).claimAllFor(dave);
      await expect(all).to.changeEtherBalances(ethers, [token, dave], [-ETH(1) / 8n, ETH(1) / 8n]);
      await expect(all).to.changeTokenBalances(ethers, usdc, [token, dave, stranger], [-USDC(100), USDC(100), 0n]);
      await expect(token.connect(stranger).claimAllFor(dave))
        .to.be.revertedWithCustomError(token, "RevenueNothingToClaim")
        .withArgs(dave.address, ethers.ZeroAddress);
    });

    it("refuse the zero address, the token itself, an unknown asset, and a recipient that refuses ETH", async function () {
      const { token, payer, alice } = await loadFixture(tokenFixture);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await expect(token.connect(alice).claim(NATIVE, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(token, "RevenueInvalidRecipient")
        .withArgs(ethers.ZeroAddress);
      await expect(token.connect(alice).claimAll(token))
        .to.be.revertedWithCustomError(token, "RevenueInvalidRecipient")
        .withArgs(await token.getAddress());
      await expect(token.connect(alice).claim(alice, alice))
        .to.be.revertedWithCustomError(token, "RevenueAssetNotAllowed")
        .withArgs(alice.address);
      await expect(token.claimable(alice, alice))
        .to.be.revertedWithCustomError(token, "RevenueAssetNotAllowed")
        .withArgs(alice.address);
      const rejecter = await ethers.deployContract("EtherRejecter", [ethers.ZeroAddress]);
      await expect(token.connect(alice).claim(NATIVE, rejecter))
        .to.be.revertedWithCustomError(token, "RevenueEthTransferFailed")
        .withArgs(await rejecter.getAddress(), ETH(1) / 2n);
      expect(await token.claimable(alice, NATIVE)).to.equal(ETH(1) / 2n);
    });
  });

  describe("exclusion", function () {
    it("keeps a contract the DAO excluded from earning: its tokens leave the eligible supply, the sender's earnings stay", async function () {
      const p = await loadFixture(protocolFixture);
      const { dao, payer, alice, bob, carol, dave } = p;
      const token = await createToken(
        p,
        [allocation(alice, 4n * U), allocation(bob, 2n * U), allocation(carol, U), allocation(dave, U)],
        revenueParams({ assets: [await p.usdc.getAddress()] }),
      );
      const pool: MockLendingPool = await ethers.deployContract("MockLendingPool", [token], dao);
      await expect(token.connect(dao).setExcluded(pool, true))
        .to.emit(token, "RevenueExclusionSet")
        .withArgs(await pool.getAddress(), true, false);
      expect(await token.isExcluded(pool)).to.equal(true);
      expect(await token.excludedBySelf(pool)).to.equal(false);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(payer).deposit(p.usdc, USDC(800));
      // Alice lends her 4 units to the pool: they stop earning, and what they earned stays hers.
      await token.connect(alice).transfer(pool, 4n * U);
      expect(await token.eligibleSupply()).to.equal(4n * U);
      expect((await token.assetInfo(p.usdc)).eligibleSupply).to.equal(4n * U);
      expect(await token.claimable(alice, NATIVE)).to.equal(ETH(1) / 2n);

      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(payer).deposit(p.usdc, USDC(800));
      expect(await token.claimable(pool, NATIVE)).to.equal(0n);
      expect(await token.claimable(pool, p.usdc)).to.equal(0n);
      expect(await token.claimable(bob, NATIVE)).to.equal(ETH(1) / 4n + ETH(1) / 2n);
      expect(await token.claimable(carol, p.usdc)).to.equal(USDC(100) + USDC(200));
      // Nothing is stranded: the excluded pool's part went to the others.
      expect(await claimableSum(token, NATIVE, [alice, bob, carol, dave])).to.equal(ETH(2));
      expect(await claimableSum(token, await p.usdc.getAddress(), [alice, bob, carol, dave])).to.equal(USDC(1_600));
    });

    it("lets the DAO include a contract again while it holds nothing, which then earns what it receives", async function () {
      const { token, pool, dao, payer, alice, bob } = await loadFixture(poolFixture);
      await pool.connect(dao).withdraw(alice, 4n * U);
      await expect(token.connect(dao).setExcluded(pool, false))
        .to.emit(token, "RevenueExclusionSet")
        .withArgs(await pool.getAddress(), false, false);
      expect(await token.isExcluded(pool)).to.equal(false);
      await token.connect(alice).transfer(pool, 4n * U);
      expect(await token.eligibleSupply()).to.equal(8n * U);
      await token.connect(payer).depositETH({ value: ETH(1) });
      expect(await token.claimable(pool, NATIVE)).to.equal(ETH(1) / 2n);
      expect(await token.claimable(bob, NATIVE)).to.equal(ETH(1) / 4n);
    });

    it("moves the eligible supply with tokens that cross between excluded and included accounts", async function () {
      const { token, pool, dao, payer, bob, carol, dave } = await loadFixture(poolFixture);
      await token.connect(payer).depositETH({ value: ETH(1) });
      // Two of the pool's units go to Bob: from now on they earn, from the current accumulator.
      await pool.connect(dao).withdraw(bob, 2n * U);
      expect(await token.eligibleSupply()).to.equal(6n * U);
      expect(await token.claimable(bob, NATIVE)).to.equal(ETH(1) / 2n);
      // Carol parks her unit in the pool: it stops earning, and keeps what it earned.
      await token.connect(carol).transfer(pool, U);
      expect(await token.eligibleSupply()).to.equal(5n * U);
      expect(await token.claimable(carol, NATIVE)).to.equal(ETH(1) / 4n);
      expect(await token.claimable(pool, NATIVE)).to.equal(0n);
      await token.connect(payer).depositETH({ value: 5n * ETH(1) });
      expect(await token.claimable(bob, NATIVE)).to.equal(ETH(1) / 2n + 4n * ETH(1));
      expect(await token.claimable(carol, NATIVE)).to.equal(ETH(1) / 4n);
      expect(await token.claimable(dave, NATIVE)).to.equal(ETH(1) / 4n + ETH(1));
      expect(await claimableSum(token, NATIVE, [pool, bob, carol, dave])).to.equal(6n * ETH(1));
    });

    it("is the DAO's alone, for contracts only, for accounts that hold nothing, and must change something", async function () {
      const { token, pool, dao, bob, stranger } = await loadFixture(poolFixture);
      const empty = await ethers.deployContract("MockLendingPool", [token], dao);
      await expectExclusionByTheDaoOfContractsOnly(token, dao, stranger, empty, bob);
      await expect(token.connect(dao).setExcluded(empty, false))
        .to.be.revertedWithCustomError(token, "RevenueExclusionUnchanged")
        .withArgs(await empty.getAddress(), false);
      await expect(token.connect(dao).setExcluded(pool, true))
        .to.be.revertedWithCustomError(token, "RevenueExclusionUnchanged")
        .withArgs(await pool.getAddress(), true);
      await expect(token.connect(dao).setExcluded(pool, false))
        .to.be.revertedWithCustomError(token, "RevenueExclusionHolder")
        .withArgs(await pool.getAddress(), 4n * U);
    });
  });

  describe("forwarding", function () {
    it("moves what a forwarding account's tokens earned with them, pro rata, and the rest with its last tokens", async function () {
      const { token, usdc, desk, payer, bob, carol, dave, stranger, recipient } = await loadFixture(forwardingFixture);
      expect(await token.forwardsRevenue(desk)).to.equal(true);
      expect(await token.forwardsRevenue(bob)).to.equal(false);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(payer).deposit(usdc, USDC(800));
      expect(await token.claimable(desk, NATIVE)).to.equal(ETH(1) / 2n);

      // A quarter of the desk's tokens takes a quarter of what they earned.
      await token.connect(desk).transfer(stranger, U);
      expect(await token.claimable(stranger, NATIVE)).to.equal(ETH(1) / 8n);
      expect(await token.claimable(stranger, usdc)).to.equal(USDC(100));
      expect(await token.claimable(desk, NATIVE)).to.equal((ETH(1) * 3n) / 8n);

      await token.connect(payer).depositETH({ value: ETH(1) });
      // The rest goes with the desk's last tokens.
      await token.connect(desk).transfer(recipient, 3n * U);
      expect(await token.claimable(recipient, NATIVE)).to.equal((ETH(1) * 3n) / 8n + (ETH(1) * 3n) / 8n);
      expect(await token.claimable(recipient, usdc)).to.equal(USDC(300));
      expect(await token.claimable(desk, NATIVE)).to.equal(0n);
      expect(await token.claimable(desk, usdc)).to.equal(0n);
      expect(await token.claimable(stranger, NATIVE)).to.equal(ETH(1) / 8n + ETH(1) / 8n);
      expect(await claimableSum(token, NATIVE, [desk, bob, carol, dave, stranger, recipient])).to.equal(ETH(2));
    });

    it("refuses to pay a forwarding account, whose earnings belong to the tokens' next holders", async function () {
      const { token, desk, payer, stranger } = await loadFixture(forwardingFixture);
      await token.connect(payer).depositETH({ value: ETH(1) });
      for (const claim of [
        token.connect(stranger).claimFor(desk, NATIVE),
        token.connect(stranger).claimAllFor(desk),
        token.connect(desk).claim(NATIVE, desk),
        token.connect(desk).claimAll(stranger),
      ]) {
        await expect(claim).to.be.revertedWithCustomError(token, "RevenueHolderForwards").withArgs(desk.address);
      }
    });

    it("lets a forwarding account make zero-value transfers, and refuses its redemptions (it could never claim what they earned)", async function () {
      const p = await loadFixture(protocolFixture);
      const desk = p.alice;
      const token = await createToken(
        p,
        [allocation(desk, 4n * U, true), allocation(p.bob, 4n * U)],
        revenueParams({ reserveBps: 1_000 }),
      );
      await token.connect(p.payer).depositETH({ value: ETH(1) });
      await expect(token.connect(desk).redeem(4n * U, desk))
        .to.be.revertedWithCustomError(token, "RevenueHolderForwards")
        .withArgs(desk.address);
      await expect(token.connect(desk).transfer(p.bob, 0n)).to.not.revert(ethers);
      await expect(token.connect(p.stranger).transferFrom(desk, p.bob, 0n)).to.not.revert(ethers);
      // Its whole balance, and what it earned, move on together.
      const earned = await token.claimable(desk, NATIVE);
      const before = await token.claimable(p.bob, NATIVE);
      await token.connect(desk).transfer(p.bob, 4n * U);
      expect(await token.claimable(p.bob, NATIVE)).to.equal(before + earned);
      expect(await token.claimable(desk, NATIVE)).to.equal(0n);
    });

    describe("when the sale settles", function () {
      it("gives buyers what their tokens earned in the sale, and the unsold tokens' part to the treasury", async function () {
        const { token, offering, treasury, alice, bob, lp, payer, start, end } = await loadFixture(saleFixture);
        expect(await token.forwardsRevenue(offering)).to.equal(true);
        const r1 = 8n * SALE_UNIT;
        const r2 = 16n * SALE_UNIT;
        const r3 = 32n * SALE_UNIT;
        const share = (amount: bigint, balance: bigint) => (amount * balance) / SALE_SUPPLY;
        // Before the sale opens the sale's 300k tokens earn like any other.
        await token.connect(payer).depositETH({ value: r1 });
        expect(await token.claimable(offering, NATIVE)).to.equal(share(r1, FOR_SALE));

        await time.increaseTo(start);
        await offering.connect(alice).depositETH([], { value: ETH(30) });
        await offering.connect(bob).depositETH([], { value: ETH(20) });
        await time.increaseTo(end);
        // 50k sold: the 250k unsold tokens take their share of the sale's earnings to the treasury.
        await offering.finalize();
        expect(await token.balanceOf(treasury)).to.equal(TREASURY + ETH(250_000));
        expect(await token.claimable(treasury, NATIVE)).to.equal(share(r1, TREASURY) + share(r1, ETH(250_000)));
        expect(await token.claimable(offering, NATIVE)).to.equal(share(r1, ETH(50_000)));

        await token.connect(payer).depositETH({ value: r2 });
        await offering.settle(alice);
        expect(await token.balanceOf(alice)).to.equal(ETH(30_000));
        expect(await token.claimable(alice, NATIVE)).to.equal(share(r1 + r2, ETH(30_000)));
        expect(await token.claimable(offering, NATIVE)).to.equal(share(r1 + r2, ETH(20_000)));

        await token.connect(payer).depositETH({ value: r3 });
        await offering.settle(bob);
        const all = r1 + r2 + r3;
        expect(await token.claimable(alice, NATIVE)).to.equal(share(all, ETH(30_000)));
        expect(await token.claimable(bob, NATIVE)).to.equal(share(all, ETH(20_000)));
        expect(await token.claimable(offering, NATIVE)).to.equal(0n);
        expect(await token.claimable(treasury, NATIVE)).to.equal(
          share(r1, ETH(500_000)) + share(r2 + r3, ETH(500_000)),
        );
        expect(await token.claimable(lp, NATIVE)).to.equal(share(all, LIQUIDITY));
        expect(await claimableSum(token, NATIVE, [alice, bob, lp, offering, treasury])).to.equal(all);

        // Everyone is paid, the treasury included; the sale never is.
        await expect(token.claimFor(offering, NATIVE))
          .to.be.revertedWithCustomError(token, "RevenueHolderForwards")
          .withArgs(await offering.getAddress());
        await expect(token.claimFor(treasury, NATIVE)).to.changeEtherBalances(
          ethers,
          [token, treasury],
          [-share(all, ETH(500_000)), share(all, ETH(500_000))],
        );
        await expect(token.connect(alice).claim(NATIVE, alice)).to.changeEtherBalance(
          ethers,
          alice,
          share(all, ETH(30_000)),
        );
      });
    });
  });

  describe("streams", function () {
    it("release a deposit linearly over the duration, exactly", async function () {
      const { token, payer, alice, bob, carol, dave } = await loadFixture(streamFixture);
      const t0 = (await time.latest()) + 10;
      await at(t0);
      const tx = token.connect(payer).depositETH({ value: STREAMED });
      await expect(tx).to.emit(token, "RevenueDeposited").withArgs(NATIVE, payer.address, STREAMED);
      await expect(tx)
        .to.emit(token, "RevenueStreamed")
        .withArgs(NATIVE, STREAMED, t0 + STREAM);
      let info = await token.assetInfo(NATIVE);
      expect(info.unreleased).to.equal(STREAMED);
      expect(info.streamEnd).to.equal(BigInt(t0 + STREAM));
      expect(await token.claimable(alice, NATIVE)).to.equal(0n);

      for (const elapsed of [1, HOUR, DAY, STREAM / 2, STREAM - 1]) {
        await time.increaseTo(t0 + elapsed);
        const released = PER_SECOND * BigInt(elapsed);
        expect(await token.claimable(alice, NATIVE)).to.equal(released / 2n);
        expect(await token.claimable(bob, NATIVE)).to.equal(released / 4n);
        expect(await token.claimable(carol, NATIVE)).to.equal(released / 8n);
        info = await token.assetInfo(NATIVE);
        expect(info.unreleased).to.equal(STREAMED - released);
      }
      await time.increaseTo(t0 + STREAM + DAY);
      expect(await claimableSum(token, NATIVE, [alice, bob, carol, dave])).to.equal(STREAMED);
      info = await token.assetInfo(NATIVE);
      expect(info.unreleased).to.equal(0n);
      expect(info.streamEnd).to.equal(0n);
    });

    it("pay what was released at the claim, and the rest later", async function () {
      const { token, payer, bob } = await loadFixture(streamFixture);
      const t0 = (await time.latest()) + 10;
      await at(t0);
      await token.connect(payer).depositETH({ value: STREAMED });
      await at(t0 + DAY);
      await expect(token.connect(bob).claim(NATIVE, bob)).to.changeEtherBalance(
        ethers,
        bob,
        (PER_SECOND * BigInt(DAY)) / 4n,
      );
      await time.increaseTo(t0 + STREAM);
      await expect(token.connect(bob).claim(NATIVE, bob)).to.changeEtherBalance(
        ethers,
        bob,
        (PER_SECOND * BigInt(STREAM - DAY)) / 4n,
      );
    });

    it("let a seller keep what was released while it held", async function () {
      const { token, payer, alice, stranger } = await loadFixture(streamFixture);
      const t0 = (await time.latest()) + 10;
      await at(t0);
      await token.connect(payer).depositETH({ value: STREAMED });
      await at(t0 + DAY);
      await token.connect(alice).transfer(stranger, 4n * U);
      await time.increaseTo(t0 + STREAM);
      expect(await token.claimable(alice, NATIVE)).to.equal((PER_SECOND * BigInt(DAY)) / 2n);
      expect(await token.claimable(stranger, NATIVE)).to.equal((PER_SECOND * BigInt(STREAM - DAY)) / 2n);
    });

    it("join a deposit made while a stream runs: both are released until the amount-weighted average of their ends", async function () {
      const { token, payer, alice, bob, carol, dave } = await loadFixture(streamFixture);
      const t0 = (await time.latest()) + 10;
      await at(t0);
      await token.connect(payer).depositETH({ value: STREAMED });
      // Half the first deposit remains for half the duration, the second is due over the whole: together they end
      // after (0.5 * STREAM / 2 + 1 * STREAM) / 1.5 = 5/6 of the duration, at 1.8 * 10**12 wei a second.
      const t1 = t0 + STREAM / 2;
      const joined = (5 * STREAM) / 6;
      await at(t1);
      await expect(token.connect(payer).depositETH({ value: STREAMED }))
        .to.emit(token, "RevenueStreamed")
        .withArgs(NATIVE, STREAMED, t1 + joined);
      const info = await token.assetInfo(NATIVE);
      expect(info.unreleased).to.equal(STREAMED / 2n + STREAMED);
      expect(info.streamEnd).to.equal(BigInt(t1 + joined));
      await time.increaseTo(t1 + DAY);
      expect(await token.claimable(alice, NATIVE)).to.equal((STREAMED / 2n + 18n * 10n ** 11n * BigInt(DAY)) / 2n);
      await time.increaseTo(t1 + joined);
      expect(await claimableSum(token, NATIVE, [alice, bob, carol, dave])).to.equal(2n * STREAMED);
      expect(await token.claimable(alice, NATIVE)).to.equal(STREAMED);
    });

    it("pause while no token earns, and resume where they stopped", async function () {
      const { token, pool, dao, payer, alice } = await loadFixture(aloneFixture);
      const t0 = (await time.latest()) + 10;
      await at(t0);
      await token.connect(payer).depositETH({ value: STREAMED });
      const quarter = STREAM / 4;
      await at(t0 + quarter);
      await token.connect(alice).transfer(pool, 8n * U);
      expect(await token.eligibleSupply()).to.equal(0n);
      expect(await token.claimable(alice, NATIVE)).to.equal(STREAMED / 4n);

      const pause = 3 * DAY;
      await time.increaseTo(t0 + quarter + pause);
      let info = await token.assetInfo(NATIVE);
      expect(info.unreleased).to.equal((STREAMED * 3n) / 4n);
      expect(info.streamEnd).to.equal(BigInt(t0 + STREAM + pause));
      expect(await token.claimable(alice, NATIVE)).to.equal(STREAMED / 4n);

      await at(t0 + quarter + pause + 1);
      await pool.connect(dao).withdraw(alice, 8n * U);
      info = await token.assetInfo(NATIVE);
      expect(info.streamEnd).to.equal(BigInt(t0 + STREAM + pause + 1));
      await time.increaseTo(t0 + STREAM + pause);
      expect(await token.claimable(alice, NATIVE)).to.equal(STREAMED - PER_SECOND);
      await time.increaseTo(t0 + STREAM + pause + 1);
      expect(await token.claimable(alice, NATIVE)).to.equal(STREAMED);
      expect((await token.assetInfo(NATIVE)).unreleased).to.equal(0n);
    });

    it("follow the DAO's duration for new deposits, while a running stream keeps its end", async function () {
      const { token, usdc, dao, payer, alice, bob, carol, dave, stranger } = await loadFixture(streamFixture);
      const t0 = (await time.latest()) + 10;
      await at(t0);
      await token.connect(payer).depositETH({ value: STREAMED });

      await expect(token.connect(dao).setStreamDuration(NATIVE, 0))
        .to.emit(token, "RevenueStreamDurationSet")
        .withArgs(NATIVE, 0n);
      expect((await token.assetInfo(NATIVE)).streamDuration).to.equal(0n);
      // Released at once, while the stream runs on to its end.
      const t1 = t0 + DAY;
      await at(t1);
      await token.connect(payer).depositETH({ value: ETH(1) });
      let info = await token.assetInfo(NATIVE);
      expect(info.streamEnd).to.equal(BigInt(t0 + STREAM));
      expect(info.unreleased).to.equal(STREAMED - PER_SECOND * BigInt(DAY));
      expect(await token.claimable(alice, NATIVE)).to.equal((PER_SECOND * BigInt(DAY)) / 2n + ETH(1) / 2n);

      // A new duration applies to the next deposit, which joins what remains: they end at the amount-weighted
      // average of the running stream's end (6 days away) and the deposit's (2 days away), rounded up.
      const shorter = 2 * DAY;
      await token.connect(dao).setStreamDuration(NATIVE, shorter);
      const t2 = t0 + 2 * DAY;
      await at(t2);
      const left = BigInt(STREAM - 2 * DAY);
      const rest = PER_SECOND * left;
      const joined = (rest * left + ETH(1) * BigInt(shorter) + rest + ETH(1) - 1n) / (rest + ETH(1));
      await expect(token.connect(payer).depositETH({ value: ETH(1) }))
        .to.emit(token, "RevenueStreamed")
        .withArgs(NATIVE, ETH(1), BigInt(t2) + joined);
      info = await token.assetInfo(NATIVE);
      expect(info.streamEnd).to.equal(BigInt(t2) + joined);
      const remaining = rest + ETH(1);
      expect(info.unreleased).to.be.lte(remaining);
      expect(remaining - info.unreleased).to.be.lte(1n);
      await time.increaseTo(BigInt(t2) + joined);
      const total = STREAMED + ETH(2);
      const sum = await claimableSum(token, NATIVE, [alice, bob, carol, dave]);
      expect(sum).to.be.lte(total);
      expect(total - sum).to.be.lte(4n);

      // The ERC-20 has its own duration, unchanged here.
      expect((await token.assetInfo(usdc)).streamDuration).to.equal(BigInt(STREAM));
      await expect(token.connect(stranger).setStreamDuration(usdc, 0))
        .to.be.revertedWithCustomError(token, "RevenueNotModelDao")
        .withArgs(stranger.address);
      await expect(token.connect(dao).setStreamDuration(usdc, MAX_STREAM + 1n))
        .to.be.revertedWithCustomError(token, "RevenueStreamTooLong")
        .withArgs(MAX_STREAM + 1n, MAX_STREAM);
      await expect(token.connect(dao).setStreamDuration(stranger, 0))
        .to.be.revertedWithCustomError(token, "RevenueAssetNotAllowed")
        .withArgs(stranger.address);
    });

    it("stream ERC-20 revenue the same way", async function () {
      const { token, usdc, payer, alice, carol } = await loadFixture(streamFixture);
      const amount = BigInt(STREAM) * 1_000n;
      const t0 = (await time.latest()) + 10;
      await at(t0);
      await expect(token.connect(payer).deposit(usdc, amount))
        .to.emit(token, "RevenueStreamed")
        .withArgs(await usdc.getAddress(), amount, t0 + STREAM);
      await time.increaseTo(t0 + HOUR);
      expect(await token.claimable(alice, usdc)).to.equal((1_000n * BigInt(HOUR)) / 2n);
      expect((await token.assetInfo(usdc)).held).to.equal(amount);
      await at(t0 + STREAM);
      await expect(token.connect(carol).claim(usdc, carol)).to.changeTokenBalance(ethers, usdc, carol, amount / 8n);
    });
  });

  describe("reserve and redemption", function () {
    it("sets the reserve share of every deposit aside, and shares the rest", async function () {
      const { token, usdc, payer, alice, bob, carol, dave } = await loadFixture(reserveFixture);
      expect(await token.reserveBps()).to.equal(1_000n);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(payer).deposit(usdc, USDC(800));
      const eth = await token.assetInfo(NATIVE);
      expect(eth.reserve).to.equal(ETH(1) / 10n);
      expect(eth.held).to.equal(ETH(1));
      const usd = await token.assetInfo(usdc);
      expect(usd.reserve).to.equal(USDC(80));
      expect(usd.held).to.equal(USDC(800));
      expect(await token.claimable(alice, NATIVE)).to.equal((ETH(1) * 9n) / 20n);
      expect(await token.claimable(alice, usdc)).to.equal(USDC(360));
      expect(await claimableSum(token, NATIVE, [alice, bob, carol, dave])).to.equal((ETH(1) * 9n) / 10n);
      expect(await token.redeemable(2n * U)).to.deep.equal([
        [NATIVE, await usdc.getAddress()],
        [ETH(1) / 40n, USDC(20)],
      ]);
      // More than the supply is valued as the whole supply.
      expect((await token.redeemable(100n * U))[1]).to.deep.equal([ETH(1) / 10n, USDC(80)]);
    });

    it("burns tokens for their part of the reserve; what they earned stays claimable", async function () {
      const { token, usdc, payer, alice, bob, recipient } = await loadFixture(reserveFixture);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(payer).deposit(usdc, USDC(800));
      await token.connect(alice).delegate(alice);
      expect(await token.connect(alice).redeem.staticCall(2n * U, recipient)).to.deep.equal([ETH(1) / 40n, USDC(20)]);
      const tx = token.connect(alice).redeem(2n * U, recipient);
      await expect(tx)
        .to.emit(token, "RevenueRedeemed")
        .withArgs(alice.address, recipient.address, 2n * U);
      await expect(tx)
        .to.emit(token, "RevenueReservePaid")
        .withArgs(alice.address, NATIVE, recipient.address, ETH(1) / 40n);
      await expect(tx)
        .to.emit(token, "RevenueReservePaid")
        .withArgs(alice.address, await usdc.getAddress(), recipient.address, USDC(20));
      await expect(tx)
        .to.emit(token, "Transfer")
        .withArgs(alice.address, ethers.ZeroAddress, 2n * U);
      await expect(tx).to.changeEtherBalances(ethers, [token, recipient], [-ETH(1) / 40n, ETH(1) / 40n]);
      await expect(tx).to.changeTokenBalances(ethers, usdc, [token, recipient], [-USDC(20), USDC(20)]);
      expect(await token.balanceOf(alice)).to.equal(2n * U);
      expect(await token.totalSupply()).to.equal(6n * U);
      expect(await token.eligibleSupply()).to.equal(6n * U);
      expect(await token.getVotes(alice)).to.equal(2n * U);
      const redeemedAt = await time.latest();
      await time.increase(1);
      expect(await token.getPastTotalSupply(redeemedAt)).to.equal(6n * U);
      expect((await token.assetInfo(NATIVE)).reserve).to.equal(ETH(1) / 10n - ETH(1) / 40n);
      expect((await token.assetInfo(usdc)).held).to.equal(USDC(780));
      expect(await token.claimable(alice, NATIVE)).to.equal((ETH(1) * 9n) / 20n);
      expect(await token.claimable(alice, usdc)).to.equal(USDC(360));

      // The remaining 6 units share later deposits, and the reserve, among themselves.
      await token.connect(payer).depositETH({ value: ETH(10) });
      expect(await token.claimable(bob, NATIVE)).to.equal((ETH(1) * 9n) / 40n + ETH(3));
      const reserve = ETH(1) / 10n - ETH(1) / 40n + ETH(1);
      expect((await token.assetInfo(NATIVE)).reserve).to.equal(reserve);
      await expect(token.connect(bob).redeem(2n * U, bob)).to.changeEtherBalance(ethers, bob, reserve / 3n);
    });

    it("refuses a token without reserve, nothing, a bad recipient and more than the balance", async function () {
      const { token: plain, alice } = await loadFixture(tokenFixture);
      await expect(plain.connect(alice).redeem(U, alice))
        .to.be.revertedWithCustomError(plain, "RevenueNoReserve")
        .withArgs();
      const { token, payer, bob } = await loadFixture(reserveFixture);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await expect(token.connect(bob).redeem(0n, bob)).to.be.revertedWithCustomError(token, "RevenueZeroAmount");
      await expect(token.connect(bob).redeem(U, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(token, "RevenueInvalidRecipient")
        .withArgs(ethers.ZeroAddress);
      await expect(token.connect(bob).redeem(2n * U + 1n, bob))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(bob.address, 2n * U, 2n * U + 1n);
    });

    it("takes whole deposits into the reserve at 100%, even with no token earning", async function () {
      const p = await loadFixture(protocolFixture);
      const token = await createToken(p, [allocation(p.alice, 8n * U)], revenueParams({ reserveBps: 10_000 }));
      const pool = await ethers.deployContract("MockLendingPool", [token], p.dao);
      await token.connect(p.dao).setExcluded(pool, true);
      await token.connect(p.alice).transfer(pool, 8n * U);
      await token.connect(p.payer).depositETH({ value: ETH(1) });
      expect((await token.assetInfo(NATIVE)).reserve).to.equal(ETH(1));
      await pool.connect(p.dao).withdraw(p.bob, 2n * U);
      expect(await token.claimable(p.bob, NATIVE)).to.equal(0n);
      await expect(token.connect(p.bob).redeem(2n * U, p.bob)).to.changeEtherBalance(ethers, p.bob, ETH(1) / 4n);
    });
  });

  describe("revenue assets", function () {
    it("are allowed by the DAO, up to four ERC-20s besides ETH", async function () {
      const { token, usdc, dao } = await loadFixture(tokenFixture);
      const added = [await usdc.getAddress()];
      for (let index = 2n; index <= 4n; index++) {
        const coin = await ethers.deployContract("MockStablecoin");
        await expect(token.connect(dao).allowAsset(coin))
          .to.emit(token, "RevenueAssetAllowed")
          .withArgs(await coin.getAddress(), index);
        added.push(await coin.getAddress());
        const info = await token.assetInfo(coin);
        expect(info.active).to.equal(true);
        expect(info.streamDuration).to.equal(0n);
        expect(info.eligibleSupply).to.equal(8n * U);
      }
      expect(await token.revenueAssets()).to.deep.equal([NATIVE, ...added]);
      const fifth = await ethers.deployContract("MockStablecoin");
      await expect(token.connect(dao).allowAsset(fifth))
        .to.be.revertedWithCustomError(token, "RevenueTooManyAssets")
        .withArgs(4n);
    });

    it("refuses a non-contract, ETH's address, the token itself, one already allowed, and anyone but the DAO", async function () {
      const { token, usdc, dao, stranger } = await loadFixture(tokenFixture);
      for (const asset of [stranger.address, NATIVE, await token.getAddress()]) {
        await expect(token.connect(dao).allowAsset(asset))
          .to.be.revertedWithCustomError(token, "RevenueInvalidAsset")
          .withArgs(asset);
      }
      await expect(token.connect(dao).allowAsset(usdc))
        .to.be.revertedWithCustomError(token, "RevenueAssetAlreadyAllowed")
        .withArgs(await usdc.getAddress());
      const coin = await ethers.deployContract("MockStablecoin");
      await expect(token.connect(stranger).allowAsset(coin))
        .to.be.revertedWithCustomError(token, "RevenueNotModelDao")
        .withArgs(stranger.address);
      await expect(token.connect(stranger).removeAsset(usdc))
        .to.be.revertedWithCustomError(token, "RevenueNotModelDao")
        .withArgs(stranger.address);
    });

    it("earn from their allowance on, for the holders of that time", async function () {
      const { token, dao, payer, alice, bob } = await loadFixture(tokenFixture);
      await token.connect(alice).transfer(bob, 2n * U);
      const coin = await ethers.deployContract("MockStablecoin");
      await token.connect(dao).allowAsset(coin);
      await coin.mint(payer, 800n);
      await coin.connect(payer).approve(token, 800n);
      await token.connect(payer).deposit(coin, 800n);
      expect(await token.claimable(alice, coin)).to.equal(200n);
      expect(await token.claimable(bob, coin)).to.equal(400n);
    });

    it("once removed, refuse deposits and stay claimable, until allowed again at the same index", async function () {
      const { token, usdc, dao, payer, alice, bob } = await loadFixture(tokenFixture);
      await token.connect(payer).deposit(usdc, USDC(800));
      await expect(token.connect(dao).removeAsset(usdc))
        .to.emit(token, "RevenueAssetRemoved")
        .withArgs(await usdc.getAddress());
      expect((await token.assetInfo(usdc)).active).to.equal(false);
      expect(await token.revenueAssets()).to.deep.equal([NATIVE, await usdc.getAddress()]);
      await expect(token.connect(payer).deposit(usdc, USDC(1)))
        .to.be.revertedWithCustomError(token, "RevenueAssetNotAllowed")
        .withArgs(await usdc.getAddress());
      await expect(token.connect(dao).removeAsset(usdc))
        .to.be.revertedWithCustomError(token, "RevenueAssetNotAllowed")
        .withArgs(await usdc.getAddress());
      await expect(token.connect(dao).removeAsset(NATIVE))
        .to.be.revertedWithCustomError(token, "RevenueAssetNotAllowed")
        .withArgs(NATIVE);

      // Claims go on, and transfers keep the earnings with the seller.
      await expect(token.connect(alice).claim(usdc, alice)).to.changeTokenBalance(ethers, usdc, alice, USDC(400));
      await token.connect(bob).transfer(alice, 2n * U);
      expect(await token.claimable(bob, usdc)).to.equal(USDC(200));
      expect(await token.connect(bob).claimAll.staticCall(bob)).to.deep.equal([0n, USDC(200)]);

      await expect(token.connect(dao).allowAsset(usdc))
        .to.emit(token, "RevenueAssetAllowed")
        .withArgs(await usdc.getAddress(), 1n);
      await token.connect(payer).deposit(usdc, USDC(800));
      expect(await token.claimable(alice, usdc)).to.equal(USDC(600));
      expect(await token.claimable(bob, usdc)).to.equal(USDC(200));
    });
  });

  describe("surplus", function () {
    it("sends the DAO what was sent without a deposit, and nothing that is owed", async function () {
      const { token, usdc, dao, payer, alice, recipient } = await loadFixture(tokenFixture);
      await token.connect(payer).deposit(usdc, USDC(800));
      await expect(token.connect(dao).recoverSurplus(usdc, recipient))
        .to.be.revertedWithCustomError(token, "RevenueNoSurplus")
        .withArgs(await usdc.getAddress());
      await usdc.connect(payer).transfer(token, USDC(5));
      const tx = token.connect(dao).recoverSurplus(usdc, recipient);
      await expect(tx)
        .to.emit(token, "RevenueSurplusRecovered")
        .withArgs(await usdc.getAddress(), recipient.address, USDC(5));
      await expect(tx).to.changeTokenBalances(ethers, usdc, [token, recipient], [-USDC(5), USDC(5)]);
      expect((await token.assetInfo(usdc)).held).to.equal(USDC(800));
      await expect(token.connect(alice).claim(usdc, alice)).to.changeTokenBalance(ethers, usdc, alice, USDC(400));
    });

    it("recovers every unit of a token that is not revenue, and refuses ETH, bad recipients and others than the DAO", async function () {
      const { token, dao, payer, stranger, recipient } = await loadFixture(tokenFixture);
      const other = await ethers.deployContract("MockStablecoin");
      await other.mint(token, 1_234n);
      await expect(token.connect(dao).recoverSurplus(other, recipient)).to.changeTokenBalances(
        ethers,
        other,
        [token, recipient],
        [-1_234n, 1_234n],
      );
      await token.connect(payer).depositETH({ value: ETH(1) });
      await expect(token.connect(dao).recoverSurplus(NATIVE, recipient))
        .to.be.revertedWithCustomError(token, "RevenueNoSurplus")
        .withArgs(NATIVE);
      await expect(token.connect(stranger).recoverSurplus(other, stranger))
        .to.be.revertedWithCustomError(token, "RevenueNotModelDao")
        .withArgs(stranger.address);
      await expect(token.connect(dao).recoverSurplus(other, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(token, "RevenueInvalidRecipient")
        .withArgs(ethers.ZeroAddress);
    });
  });

  shouldBehaveLikeVotesToken(connection, () => loadFixture(tokenContextFixture));

  describe("ERC-20 refusals of its own", function () {
    it("refuses the token itself as a receiver, directly or through an allowance, and the zero address as a sender", async function () {
      const { token, alice, bob, stranger } = await loadFixture(tokenFixture);
      await expect(token.connect(alice).transfer(token, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(await token.getAddress());
      await expect(token.connect(stranger).transferFrom(ethers.ZeroAddress, bob, 0n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidSender")
        .withArgs(ethers.ZeroAddress);
      await token.connect(bob).approve(stranger, U);
      await expect(token.connect(stranger).transferFrom(bob, token, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(await token.getAddress());
    });
  });

  describe("attacks", function () {
    /** A pool holding Alice's 4 units, excluded; a router holding `revenue`; an attacker contract. */
    async function flashSetup(f: { token: ModelToken; payer: HardhatEthersSigner }, revenue: bigint) {
      const router = await ethers.deployContract("RevenueRouter", [f.token]);
      await f.payer.sendTransaction({ to: await router.getAddress(), value: revenue });
      const attacker: FlashLoanAttacker = await ethers.deployContract("FlashLoanAttacker");
      return { router, attacker };
    }

    it("a flash loan around a streamed deposit released by a permissionless hook earns nothing", async function () {
      const f = await loadFixture(streamPoolFixture);
      const { token, pool, bob, carol, dave } = f;
      const { router, attacker } = await flashSetup(f, STREAMED);
      const flush = router.interface.encodeFunctionData("flush");
      const tx = attacker.attack(pool, 4n * U, router, flush);
      await expect(tx).to.emit(token, "RevenueStreamed");
      await expect(tx).to.changeEtherBalance(ethers, attacker, 0n);
      // The claim inside the loan found nothing: no time passed while the attacker held.
      const nothing = token.interface.encodeErrorResult("RevenueNothingToClaim", [
        await attacker.getAddress(),
        ethers.ZeroAddress,
      ]);
      expect(await attacker.claimError()).to.equal(nothing);
      expect(await attacker.claimed()).to.deep.equal([]);
      expect(await token.balanceOf(pool)).to.equal(4n * U);
      const end = (await token.assetInfo(NATIVE)).streamEnd;
      await time.increaseTo(end);
      expect(await token.claimable(attacker, NATIVE)).to.equal(0n);
      // The holders who earn get all of it.
      expect(await token.claimable(bob, NATIVE)).to.equal(STREAMED / 2n);
      expect(await claimableSum(token, NATIVE, [bob, carol, dave, pool])).to.equal(STREAMED);
    });

    it("a flash loan around an instant deposit earns at most the borrowed tokens' share at that moment", async function () {
      const f = await loadFixture(poolFixture);
      const { token, pool, bob, carol, dave } = f;
      const { router, attacker } = await flashSetup(f, ETH(1));
      const flush = router.interface.encodeFunctionData("flush");
      // Instant release pays whoever holds at the deposit: here the borrowed half of the eligible supply.
      await expect(attacker.attack(pool, 4n * U, router, flush)).to.changeEtherBalance(ethers, attacker, ETH(1) / 2n);
      expect(await attacker.claimed()).to.deep.equal([ETH(1) / 2n, 0n]);
      expect(await token.claimable(attacker, NATIVE)).to.equal(0n);
      expect(await token.claimable(bob, NATIVE)).to.equal(ETH(1) / 4n);
      expect(await claimableSum(token, NATIVE, [bob, carol, dave, pool])).to.equal(ETH(1) / 2n);
      // With a stream the same attack earns nothing (previous test): the DAO streams revenue that a hook releases.
    });

    it("a flash loan around a depositor's own deposit returns it less than it paid", async function () {
      const f = await loadFixture(poolFixture);
      const { token, pool, dao } = f;
      const attacker: FlashLoanAttacker = await ethers.deployContract("FlashLoanAttacker");
      const deposit = token.interface.encodeFunctionData("depositETH");
      // The attacker pays 1 ETH in and gets its half back within the same transaction.
      await expect(
        attacker.connect(dao).attack(pool, 4n * U, token, deposit, { value: ETH(1) }),
      ).to.changeEtherBalances(ethers, [dao, attacker], [-ETH(1), ETH(1) / 2n]);
    });

    it("a flash loan around the sale's finalisation earns nothing of what the sale's tokens earned", async function () {
      const {
        token,
        offering,
        treasury,
        alice,
        lp,
        payer,
        attacker: owner,
        start,
        end,
      } = await loadFixture(saleFixture);
      await token.connect(payer).depositETH({ value: 8n * SALE_UNIT });
      const pool: MockLendingPool = await ethers.deployContract("MockLendingPool", [token], owner);
      await token.connect(lp).transfer(pool, LIQUIDITY);
      const attacker: FlashLoanAttacker = await ethers.deployContract("FlashLoanAttacker");
      await time.increaseTo(start);
      await offering.connect(alice).depositETH([], { value: ETH(30) });
      await time.increaseTo(end);
      const finalize = offering.interface.encodeFunctionData("finalize");
      await expect(attacker.attack(pool, LIQUIDITY, offering, finalize)).to.changeEtherBalance(ethers, attacker, 0n);
      expect(await token.claimable(attacker, NATIVE)).to.equal(0n);
      expect(await token.claimable(treasury, NATIVE)).to.equal((8n * SALE_UNIT * ETH(520_000)) / SALE_SUPPLY);
    });

    it("a holder that claims, moves its tokens and claims again gets nothing the second time", async function () {
      const { token, usdc, payer, alice, stranger, recipient } = await loadFixture(tokenFixture);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(payer).deposit(usdc, USDC(800));
      await expect(token.connect(alice).claimAll(alice)).to.changeEtherBalance(ethers, alice, ETH(1) / 2n);
      await token.connect(alice).transfer(stranger, 4n * U);
      for (const holder of [stranger, alice]) {
        await expect(token.connect(holder).claimAll(holder))
          .to.be.revertedWithCustomError(token, "RevenueNothingToClaim")
          .withArgs(holder.address, ethers.ZeroAddress);
      }
      await token.connect(stranger).transfer(recipient, 4n * U);
      await token.connect(recipient).transfer(alice, 4n * U);
      for (const holder of [stranger, recipient, alice]) {
        expect(await token.claimable(holder, NATIVE)).to.equal(0n);
        expect(await token.claimable(holder, usdc)).to.equal(0n);
      }
    });

    describe("with a holder that re-enters on receiving ETH", function () {
      async function reentrantFixture() {
        const f = await reserveFixture();
        const holder = await ethers.deployContract("ReentrantRevenueHolder", [f.token]);
        await f.token.connect(f.alice).transfer(holder, 4n * U);
        await f.token.connect(f.payer).depositETH({ value: ETH(1) });
        await f.token.connect(f.payer).deposit(f.usdc, USDC(800));
        return { ...f, holder };
      }
      const reentered = async (token: ModelToken) => token.interface.getError("ReentrancyGuardReentrantCall")!.selector;

      for (const attack of [Attack.Claim, Attack.ClaimAll, Attack.ClaimFor]) {
        it(`refuses a claim re-entered as ${Attack[attack]}, and pays the share once`, async function () {
          const { token, holder } = await loadFixture(reentrantFixture);
          await holder.setAttack(attack, ethers.ZeroAddress);
          const share = (ETH(1) * 9n) / 20n;
          await expect(holder.claim(NATIVE)).to.changeEtherBalances(ethers, [token, holder], [-share, share]);
          expect(await holder.attempts()).to.equal(1n);
          expect(await holder.successes()).to.equal(0n);
          expect(await holder.lastError()).to.equal(await reentered(token));
          expect(await token.claimable(holder, NATIVE)).to.equal(0n);
        });
      }

      it("refuses a redemption re-entered, and pays the reserve share once", async function () {
        const { token, holder } = await loadFixture(reentrantFixture);
        await holder.setAttack(Attack.Redeem, ethers.ZeroAddress);
        const paid = ETH(1) / 10n / 8n;
        await expect(holder.redeem(U)).to.changeEtherBalances(ethers, [token, holder], [-paid, paid]);
        expect(await holder.successes()).to.equal(0n);
        expect(await holder.lastError()).to.equal(await reentered(token));
        expect(await token.balanceOf(holder)).to.equal(3n * U);
      });

      it("refuses a claim re-entered from a claimAll, which still pays every asset once", async function () {
        const { token, usdc, holder } = await loadFixture(reentrantFixture);
        await holder.setAttack(Attack.ClaimAll, ethers.ZeroAddress);
        await expect(holder.claimAll()).to.changeTokenBalance(ethers, usdc, holder, USDC(360));
        expect(await holder.lastError()).to.equal(await reentered(token));
        expect(await ethers.provider.getBalance(holder)).to.equal((ETH(1) * 9n) / 20n);
      });

      it("lets the holder deposit what it receives, which it shares with everyone", async function () {
        const { token, holder, alice, bob, carol, dave } = await loadFixture(reentrantFixture);
        await holder.setAttack(Attack.Deposit, ethers.ZeroAddress);
        const share = (ETH(1) * 9n) / 20n;
        await expect(holder.claim(NATIVE)).to.changeEtherBalances(ethers, [token, holder], [0n, 0n]);
        expect(await holder.successes()).to.equal(1n);
        // Its own deposit pays it back only its share of it, less the reserve.
        expect(await token.claimable(holder, NATIVE)).to.equal((share * 9n) / 20n);
        const everyone = [holder, alice, bob, carol, dave];
        const shared = (ETH(1) * 9n) / 10n + (share * 9n) / 10n;
        expect(await claimableSum(token, NATIVE, everyone)).to.equal(shared - share);
      });

      it("lets the holder move its tokens mid-claim without creating revenue", async function () {
        const { token, usdc, holder, stranger } = await loadFixture(reentrantFixture);
        await holder.setAttack(Attack.Transfer, stranger.address);
        await expect(holder.claimAll()).to.changeTokenBalance(ethers, usdc, holder, USDC(360));
        expect(await holder.successes()).to.equal(1n);
        expect(await token.balanceOf(stranger)).to.equal(4n * U);
        expect(await ethers.provider.getBalance(holder)).to.equal((ETH(1) * 9n) / 20n);
        for (const account of [holder, stranger]) {
          expect(await token.claimable(account, NATIVE)).to.equal(0n);
          expect(await token.claimable(account, usdc)).to.equal(0n);
        }
      });
    });

    it("a fee-on-transfer revenue token is credited with what arrived, and every claim can be paid", async function () {
      const { token, dao, payer, alice, bob, carol, dave } = await loadFixture(tokenFixture);
      const fot = await ethers.deployContract("FeeOnTransferToken", [100]);
      await token.connect(dao).allowAsset(fot);
      await fot.mint(payer, 8_000n * 100n);
      await fot.connect(payer).approve(token, ethers.MaxUint256);
      const tx = token.connect(payer).deposit(fot, 8_000n * 100n);
      await expect(tx)
        .to.emit(token, "RevenueDeposited")
        .withArgs(await fot.getAddress(), payer.address, 792_000n);
      await expect(tx).to.changeTokenBalance(ethers, fot, token, 792_000n);
      expect((await token.assetInfo(fot)).held).to.equal(792_000n);
      expect(await token.claimable(alice, fot)).to.equal(396_000n);
      for (const holder of [alice, bob, carol, dave]) {
        const due = await token.claimable(holder, fot);
        // The token pays what is due; the asset itself takes its fee on the way.
        await expect(token.connect(holder).claim(fot, holder)).to.changeTokenBalances(
          ethers,
          fot,
          [token, holder],
          [-due, due - (due * 100n) / 10_000n],
        );
      }
      expect(await fot.balanceOf(token)).to.equal(0n);
      expect((await token.assetInfo(fot)).held).to.equal(0n);
    });

    it("a revenue token whose balances shrink is refused further deposits", async function () {
      const { token, dao, payer, alice, recipient } = await loadFixture(tokenFixture);
      const shrinking = await ethers.deployContract("ShrinkingToken");
      await token.connect(dao).allowAsset(shrinking);
      await shrinking.mint(payer, 10_000n);
      await shrinking.connect(payer).approve(token, ethers.MaxUint256);
      await token.connect(payer).deposit(shrinking, 8_000n);
      await shrinking.shrink(token, 1_000);
      await expect(token.connect(payer).deposit(shrinking, 1_000n))
        .to.be.revertedWithCustomError(token, "RevenueAssetRebased")
        .withArgs(await shrinking.getAddress(), 7_200n, 8_000n);
      // Nothing to recover, and claims are paid while the balance lasts.
      await expect(token.connect(dao).recoverSurplus(shrinking, recipient))
        .to.be.revertedWithCustomError(token, "RevenueNoSurplus")
        .withArgs(await shrinking.getAddress());
      await expect(token.connect(alice).claim(shrinking, alice)).to.changeTokenBalance(
        ethers,
        shrinking,
        alice,
        4_000n,
      );
      // Topped up to what it owes, the asset takes deposits again.
      await shrinking.mint(token, 800n);
      await expect(token.connect(payer).deposit(shrinking, 800n)).to.not.revert(ethers);
    });

    describe("a sandwich around a streamed deposit", function () {
      for (const held of [1, HOUR, DAY, STREAM / 2]) {
        it(`earns at most its share of what was released in the ${held} s it held`, async function () {
          const { token, payer, alice, stranger } = await loadFixture(streamFixture);
          const t0 = (await time.latest()) + 10;
          // Buys Alice's 4 units just before the deposit, sells them `held` seconds after it.
          await at(t0);
          await token.connect(alice).transfer(stranger, 4n * U);
          await at(t0 + 1);
          await token.connect(payer).depositETH({ value: STREAMED });
          await at(t0 + 1 + held);
          await token.connect(stranger).transfer(alice, 4n * U);
          const gain = await token.claimable(stranger, NATIVE);
          const fairShare = STREAMED / 2n;
          const bound = (fairShare * BigInt(held)) / BigInt(STREAM) + 1n;
          expect(gain).to.be.lte(bound);
          expect(gain).to.equal((PER_SECOND * BigInt(held)) / 2n);
          await time.increaseTo(t0 + 1 + STREAM);
          expect(await token.claimable(stranger, NATIVE)).to.equal(gain);
          expect(await token.claimable(alice, NATIVE)).to.equal(fairShare - gain);
        });
      }
    });
  });
});
