import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { anyUint } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { network } from "hardhat";

import type { ModelLaunchFactory } from "../../types/typechain/index.js";
import { DAY, ETH, HOUR, ONE, SaleStatus as Status, USDC } from "../fixtures/constants.js";
import {
  deployFactoryLike,
  deployProtocolFixture,
  launchModel,
  launchParams,
  registerModel,
  saleStart,
  type LaunchParams,
  type SaleParams,
} from "../fixtures/launch.js";
import { permitSignature } from "../fixtures/signatures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

// ---------------------------------------------------------------------------------------------------------------
// The sale rules, written out again from the specification, so that the tests do not share the contract's code.
// ---------------------------------------------------------------------------------------------------------------

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

interface Terms {
  tokensForSale: bigint;
  price: bigint;
  softCap: bigint;
  hardCap: bigint;
}

/** The outcome of a sale that closed with `raised`: its status, the payment kept and the tokens sold. */
function outcomeOf(raised: bigint, t: Terms) {
  if (raised < t.softCap) return { status: Status.Failed, accepted: 0n, sold: 0n };
  if (raised <= t.hardCap) return { status: Status.Succeeded, accepted: raised, sold: (raised * ONE) / t.price };
  return { status: Status.Oversubscribed, accepted: t.hardCap, sold: (t.hardCap * ONE) / t.price };
}

/** What one deposit of `amount` gets when the sale closed with `raised`. */
function shareOf(amount: bigint, raised: bigint, t: Terms) {
  const { status, accepted, sold } = outcomeOf(raised, t);
  if (status === Status.Failed) return { tokens: 0n, refund: amount };
  if (status === Status.Succeeded) return { tokens: (amount * ONE) / t.price, refund: 0n };
  return { tokens: (amount * sold) / raised, refund: amount - ceilDiv(amount * accepted, raised) };
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------------------

const MODEL = 1n;
const FEE_BPS = 250n;
const TREASURY_TOKENS = ETH(200_000);

/** The default ETH sale: 1M tokens at 0.003 ETH (3000 ETH for everything), caps 10 and 100 ETH. */
const ETH_TERMS: Terms = { tokensForSale: ETH(1_000_000), price: 3n * 10n ** 15n, softCap: ETH(10), hardCap: ETH(100) };
/** The stablecoin sale: 1M tokens at 0.05 mUSD, caps 1,000 and 10,000 mUSD. */
const USDC_TERMS: Terms = {
  tokensForSale: ETH(1_000_000),
  price: 50_000n,
  softCap: USDC(1_000),
  hardCap: USDC(10_000),
};
/** The fee-on-transfer token sale: 1M tokens at 1 FEE each, caps 100 and 1,000 FEE. */
const FOT_TERMS: Terms = { tokensForSale: ETH(1_000_000), price: ONE, softCap: ETH(100), hardCap: ETH(1_000) };

/** The protocol, a second factory taking a 2.5% fee, and model 1 registered by `team`, approved to both. */
async function protocolFixture() {
  const [team, alice, bob, carol, dave, keeper, stranger, feeRecipient] = await ethers.getSigners();
  const protocol = await deployProtocolFixture(connection);
  const { registry, factory } = protocol;
  const feeFactory = await deployFactoryLike(connection, factory, feeRecipient.address, FEE_BPS, feeRecipient.address);
  await registerModel(registry, team, {
    slug: "imo-model",
    card: `0x01551220${"ab".repeat(32)}`,
    approve: [factory, feeFactory],
  });
  // The implementation's ABI decodes every sale error, whichever contract reverts.
  const errors = await ethers.getContractAt("ModelOffering", await factory.offeringImplementation());
  return { registry, factory, feeFactory, errors, team, alice, bob, carol, dave, keeper, stranger, feeRecipient };
}

type Protocol = Awaited<ReturnType<typeof protocolFixture>>;

/** The launch of `sale`: 200k tokens to the treasury besides those for sale, no team, and three days of voting. */
function imoParams(sale: SaleParams): LaunchParams {
  return launchParams({
    start: sale.start,
    model: MODEL,
    name: "IMO Model",
    symbol: "IMO",
    treasuryAmount: TREASURY_TOKENS,
    sale,
    dao: { votingPeriod: 3n * BigInt(DAY), proposalThreshold: 0n },
  });
}

/** Sale params opening in an hour for a day, with `terms`, paid in ETH unless overridden. */
async function saleParams(terms: Terms, overrides: Partial<SaleParams> = {}): Promise<SaleParams> {
  const start = await saleStart(connection, HOUR);
  return {
    paymentToken: ethers.ZeroAddress,
    tokensForSale: terms.tokensForSale,
    price: terms.price,
    softCap: terms.softCap,
    hardCap: terms.hardCap,
    walletCap: 0n,
    merkleRoot: ethers.ZeroHash,
    start,
    end: start + BigInt(DAY),
    ...overrides,
  };
}

async function launchSale(p: Protocol, sale: SaleParams, factory: ModelLaunchFactory = p.factory) {
  const { offering, token, launch } = await launchModel(connection, factory, p.team, imoParams(sale));
  return { ...p, offering, token, treasury: launch.timelock, start: Number(sale.start), end: Number(sale.end), sale };
}

type Sale = Awaited<ReturnType<typeof launchSale>>;

/** An ETH sale without fee, not started yet. */
async function ethSaleFixture() {
  const p = await protocolFixture();
  return launchSale(p, await saleParams(ETH_TERMS));
}

/** The same ETH sale launched through the factory that takes a 2.5% fee. */
async function feeSaleFixture() {
  const p = await protocolFixture();
  return launchSale(p, await saleParams(ETH_TERMS), p.feeFactory);
}

/** A sale paid in a 6-decimal stablecoin with permit, through the fee factory; alice, bob, carol hold 100k. */
async function usdcSaleFixture() {
  const p = await protocolFixture();
  const usdc = await ethers.deployContract("MockStablecoin");
  for (const holder of [p.alice, p.bob, p.carol]) await usdc.mint(holder, USDC(100_000));
  const sale = await launchSale(
    p,
    await saleParams(USDC_TERMS, { paymentToken: await usdc.getAddress() }),
    p.feeFactory,
  );
  return { ...sale, usdc };
}

/** A sale paid in a token that burns 1% of every transfer; alice and bob hold 10k. */
async function feeTokenSaleFixture() {
  const p = await protocolFixture();
  const fot = await ethers.deployContract("FeeOnTransferToken", [100n]);
  for (const holder of [p.alice, p.bob]) await fot.mint(holder, ETH(10_000));
  const sale = await launchSale(p, await saleParams(FOT_TERMS, { paymentToken: await fot.getAddress() }));
  for (const holder of [p.alice, p.bob]) await fot.connect(holder).approve(sale.offering, ethers.MaxUint256);
  return { ...sale, fot };
}

/** An ETH sale open to alice and bob only. */
async function allowlistSaleFixture() {
  const p = await protocolFixture();
  const tree = StandardMerkleTree.of([[p.alice.address], [p.bob.address]], ["address"]);
  const sale = await launchSale(p, await saleParams(ETH_TERMS, { merkleRoot: tree.root }));
  const proofOf = (account: HardhatEthersSigner) => tree.getProof([account.address]);
  return { ...sale, tree, proofOf };
}

/** A sale paid in a rebasing token (6 decimals) through the fee factory; alice, bob and carol hold 100k each. */
async function rebasingSaleFixture() {
  const p = await protocolFixture();
  const rusd = await ethers.deployContract("RebasingPaymentToken");
  const sale = await launchSale(
    p,
    await saleParams(USDC_TERMS, { paymentToken: await rusd.getAddress() }),
    p.feeFactory,
  );
  for (const holder of [p.alice, p.bob, p.carol]) {
    await rusd.mint(holder, USDC(100_000));
    await rusd.connect(holder).approve(sale.offering, ethers.MaxUint256);
  }
  return { ...sale, rusd };
}

const WALLET_CAP = ETH(5);

/** An ETH sale where no wallet may deposit more than 5 ETH. */
async function cappedSaleFixture() {
  const p = await protocolFixture();
  return launchSale(p, await saleParams(ETH_TERMS, { walletCap: WALLET_CAP }));
}

/** `sale` once its window has opened. */
async function open<S extends Sale>(sale: S): Promise<S> {
  await time.increaseTo(sale.start);
  return sale;
}

async function liveFixture() {
  return open(await ethSaleFixture());
}

async function liveUsdcFixture() {
  return open(await usdcSaleFixture());
}

async function liveFeeTokenFixture() {
  return open(await feeTokenSaleFixture());
}

async function liveAllowlistFixture() {
  return open(await allowlistSaleFixture());
}

async function liveCappedFixture() {
  return open(await cappedSaleFixture());
}

async function depositAll(sale: Sale, deposits: [HardhatEthersSigner, bigint][]) {
  for (const [who, amount] of deposits) await sale.offering.connect(who).depositETH([], { value: amount });
}

/** Below the soft cap: alice 3 ETH and bob 4 ETH; the window has closed, nobody has finalised. */
const FAILED: [string, bigint][] = [
  ["alice", ETH(3)],
  ["bob", ETH(4)],
];
/** Between the caps: alice 10 ETH, bob 11 ETH (21 ETH buys 7000 tokens; each share rounds down). */
const SUCCEEDED: [string, bigint][] = [
  ["alice", ETH(10)],
  ["bob", ETH(11)],
];
/** Above the hard cap: alice 70, bob 40, carol 11 ETH, 121 ETH for a 100 ETH cap. */
const OVERSUBSCRIBED: [string, bigint][] = [
  ["alice", ETH(70)],
  ["bob", ETH(40)],
  ["carol", ETH(11)],
];

function signer(p: Protocol, name: string): HardhatEthersSigner {
  return (p as unknown as Record<string, HardhatEthersSigner>)[name];
}

async function closedWith(sale: Sale, deposits: [string, bigint][]) {
  await open(sale);
  await depositAll(
    sale,
    deposits.map(([name, amount]) => [signer(sale, name), amount]),
  );
  await time.increaseTo(sale.end);
  const raised = deposits.reduce((sum, [, amount]) => sum + amount, 0n);
  return { ...sale, deposits, raised };
}

async function failedFixture() {
  return closedWith(await ethSaleFixture(), FAILED);
}

async function succeededFixture() {
  return closedWith(await ethSaleFixture(), SUCCEEDED);
}

async function oversubscribedFixture() {
  return closedWith(await ethSaleFixture(), OVERSUBSCRIBED);
}

async function feeOversubscribedFixture() {
  return closedWith(await feeSaleFixture(), OVERSUBSCRIBED);
}

// ---------------------------------------------------------------------------------------------------------------

describe("ModelOffering", function () {
  describe("when launched", function () {
    it("carries its terms, treasury, admin and fee in its config", async function () {
      const { offering, token, treasury, team, sale, factory } = await loadFixture(ethSaleFixture);
      const config = await offering.config();
      expect(config.token).to.equal(await token.getAddress());
      expect(config.treasury).to.equal(treasury);
      expect(config.admin).to.equal(team.address);
      expect(config.fee.recipient).to.equal(await factory.feeRecipient());
      expect(config.fee.bps).to.equal(0n);
      expect(config.sale.paymentToken).to.equal(ethers.ZeroAddress);
      expect(config.sale.tokensForSale).to.equal(sale.tokensForSale);
      expect(config.sale.price).to.equal(sale.price);
      expect(config.sale.softCap).to.equal(sale.softCap);
      expect(config.sale.hardCap).to.equal(sale.hardCap);
      expect(config.sale.walletCap).to.equal(0n);
      expect(config.sale.merkleRoot).to.equal(ethers.ZeroHash);
      expect(config.sale.start).to.equal(sale.start);
      expect(config.sale.end).to.equal(sale.end);
    });

    it("holds the tokens for sale, has no deposits and is upcoming", async function () {
      const { offering, token, sale } = await loadFixture(ethSaleFixture);
      expect(await token.balanceOf(offering)).to.equal(sale.tokensForSale);
      expect(await offering.status()).to.equal(Status.Upcoming);
      expect(await offering.totals()).to.deep.equal([0n, 0n, 0n, 0n, 0n]);
    });

    it("takes the fee of the factory that launched it", async function () {
      const { offering, feeRecipient } = await loadFixture(feeSaleFixture);
      const config = await offering.config();
      expect(config.fee.recipient).to.equal(feeRecipient.address);
      expect(config.fee.bps).to.equal(FEE_BPS);
    });

    it("refuses plain ETH transfers", async function () {
      const { offering, alice } = await loadFixture(liveFixture);
      await expect(alice.sendTransaction({ to: offering, value: ETH(1) })).to.revert(ethers);
    });
  });

  describe("when launched with invalid terms", function () {
    async function expectLaunchError(
      p: Protocol,
      overrides: Partial<SaleParams>,
      error: string,
      args: (sale: SaleParams) => unknown[],
      now?: number,
    ) {
      const sale = await saleParams(ETH_TERMS, overrides);
      if (now !== undefined) await time.setNextBlockTimestamp(now);
      await expect(p.factory.connect(p.team).launch(imoParams(sale)))
        .to.be.revertedWithCustomError(p.errors, error)
        .withArgs(...args(sale));
    }

    it("refuses a window that started in the past", async function () {
      const p = await loadFixture(protocolFixture);
      const now = (await time.latest()) + 100;
      await expectLaunchError(
        p,
        { start: BigInt(now - 1), end: BigInt(now + DAY) },
        "OfferingInvalidWindow",
        (s) => [s.start, s.end, now],
        now,
      );
    });

    it("accepts a window that starts in the launch block", async function () {
      const p = await loadFixture(protocolFixture);
      const now = (await time.latest()) + 100;
      const sale = await saleParams(ETH_TERMS, { start: BigInt(now), end: BigInt(now + DAY) });
      await time.setNextBlockTimestamp(now);
      await p.factory.connect(p.team).launch(imoParams(sale));
      const offering = await ethers.getContractAt("ModelOffering", (await p.factory.launchOf(MODEL)).offering);
      expect(await offering.status()).to.equal(Status.Live);
    });

    it("refuses a window that ends when it starts or before", async function () {
      const p = await loadFixture(protocolFixture);
      const now = (await time.latest()) + 100;
      const start = BigInt(now + HOUR);
      await expectLaunchError(p, { start, end: start }, "OfferingInvalidWindow", (s) => [s.start, s.end, now], now);
      await expectLaunchError(
        p,
        { start, end: start - 1n },
        "OfferingInvalidWindow",
        (s) => [s.start, s.end, now + 1],
        now + 1,
      );
    });

    it("refuses a zero soft cap, and a soft cap above the hard cap", async function () {
      const p = await loadFixture(protocolFixture);
      await expectLaunchError(p, { softCap: 0n }, "OfferingInvalidCaps", () => [0n, ETH_TERMS.hardCap]);
      await expectLaunchError(p, { softCap: ETH(101) }, "OfferingInvalidCaps", () => [ETH(101), ETH(100)]);
    });

    it("accepts equal caps", async function () {
      const p = await loadFixture(protocolFixture);
      await p.factory.connect(p.team).launch(imoParams(await saleParams(ETH_TERMS, { softCap: ETH(100) })));
      expect(await p.factory.launchCount()).to.equal(1n);
    });

    it("refuses a zero price", async function () {
      const p = await loadFixture(protocolFixture);
      await expectLaunchError(p, { price: 0n }, "OfferingInvalidPrice", () => []);
    });

    it("refuses a hard cap that would buy more than the tokens for sale", async function () {
      const p = await loadFixture(protocolFixture);
      const maxRaise = (ETH_TERMS.tokensForSale * ETH_TERMS.price) / ONE; // 3000 ETH
      await expectLaunchError(p, { hardCap: maxRaise + 1n }, "OfferingHardCapAboveSupply", () => [
        maxRaise + 1n,
        maxRaise,
      ]);
      // The max raise rounds down: 3 token units at 0.5 ETH per token can raise 1 wei, not 1.5.
      await expectLaunchError(
        p,
        { tokensForSale: 3n, price: ONE / 2n, softCap: 1n, hardCap: 2n },
        "OfferingHardCapAboveSupply",
        () => [2n, 1n],
      );
    });

    it("accepts a hard cap that buys exactly the tokens for sale", async function () {
      const p = await loadFixture(protocolFixture);
      const maxRaise = (ETH_TERMS.tokensForSale * ETH_TERMS.price) / ONE;
      await p.factory.connect(p.team).launch(imoParams(await saleParams(ETH_TERMS, { hardCap: maxRaise })));
      expect(await p.factory.launchCount()).to.equal(1n);
    });
  });

  describe("status", function () {
    it("goes Upcoming, Live, Ended at the window's edges, then to the outcome", async function () {
      const { offering, start, end, alice } = await loadFixture(ethSaleFixture);
      await time.increaseTo(start - 1);
      expect(await offering.status()).to.equal(Status.Upcoming);
      await time.increaseTo(start);
      expect(await offering.status()).to.equal(Status.Live);
      await offering.connect(alice).depositETH([], { value: ETH(50) });
      await time.increaseTo(end - 1);
      expect(await offering.status()).to.equal(Status.Live);
      await time.increaseTo(end);
      expect(await offering.status()).to.equal(Status.Ended);
      await offering.finalize();
      expect(await offering.status()).to.equal(Status.Succeeded);
      await time.increase(365 * DAY);
      expect(await offering.status()).to.equal(Status.Succeeded);
    });

    it("is Failed, Succeeded or Oversubscribed after finalisation", async function () {
      for (const [fixture, status] of [
        [failedFixture, Status.Failed],
        [succeededFixture, Status.Succeeded],
        [oversubscribedFixture, Status.Oversubscribed],
      ] as const) {
        const { offering } = await loadFixture(fixture);
        expect(await offering.status()).to.equal(Status.Ended);
        await offering.finalize();
        expect(await offering.status()).to.equal(status);
      }
    });

    it("is Failed when nobody deposited", async function () {
      const { offering, end } = await loadFixture(ethSaleFixture);
      await time.increaseTo(end);
      await expect(offering.finalize()).to.emit(offering, "Finalized").withArgs(Status.Failed, 0n, 0n, 0n, 0n);
      expect(await offering.status()).to.equal(Status.Failed);
    });

    it("is Succeeded at exactly the soft cap and the hard cap, Failed one unit below the soft cap", async function () {
      for (const [raised, status] of [
        [ETH_TERMS.softCap - 1n, Status.Failed],
        [ETH_TERMS.softCap, Status.Succeeded],
        [ETH_TERMS.hardCap, Status.Succeeded],
        [ETH_TERMS.hardCap + 1n, Status.Oversubscribed],
      ] as const) {
        const { offering, alice, end } = await loadFixture(liveFixture);
        await offering.connect(alice).depositETH([], { value: raised });
        await time.increaseTo(end);
        const { accepted, sold } = outcomeOf(raised, ETH_TERMS);
        await expect(offering.finalize()).to.emit(offering, "Finalized").withArgs(status, raised, accepted, sold, 0n);
      }
    });
  });

  describe("depositETH", function () {
    it("is refused at start - 1 and accepted from start", async function () {
      const { offering, errors, alice, start } = await loadFixture(ethSaleFixture);
      await time.setNextBlockTimestamp(start - 1);
      await expect(offering.connect(alice).depositETH([], { value: ETH(1) }))
        .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
        .withArgs(Status.Upcoming);
      await time.setNextBlockTimestamp(start);
      await expect(offering.connect(alice).depositETH([], { value: ETH(1) }))
        .to.emit(offering, "Deposited")
        .withArgs(alice.address, ETH(1), ETH(1));
    });

    it("is accepted at end - 1 and refused from end", async function () {
      const { offering, errors, alice, end } = await loadFixture(liveFixture);
      await time.setNextBlockTimestamp(end - 1);
      await expect(offering.connect(alice).depositETH([], { value: ETH(1) })).to.emit(offering, "Deposited");
      await time.setNextBlockTimestamp(end);
      await expect(offering.connect(alice).depositETH([], { value: ETH(1) }))
        .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
        .withArgs(Status.Ended);
    });

    it("is refused once the sale is final or cancelled", async function () {
      const s = await loadFixture(succeededFixture);
      await s.offering.finalize();
      await expect(s.offering.connect(s.dave).depositETH([], { value: ETH(1) }))
        .to.be.revertedWithCustomError(s.errors, "OfferingWrongStatus")
        .withArgs(Status.Succeeded);

      const c = await loadFixture(ethSaleFixture);
      await c.offering.connect(c.team).cancel();
      await time.increaseTo(c.start);
      await expect(c.offering.connect(c.alice).depositETH([], { value: ETH(1) }))
        .to.be.revertedWithCustomError(c.errors, "OfferingWrongStatus")
        .withArgs(Status.Cancelled);
    });

    it("refuses zero", async function () {
      const { offering, errors, alice } = await loadFixture(liveFixture);
      await expect(offering.connect(alice).depositETH([])).to.be.revertedWithCustomError(errors, "OfferingZeroDeposit");
    });

    it("moves the ETH into the sale and adds up each wallet's deposits", async function () {
      const { offering, alice, bob } = await loadFixture(liveFixture);
      const tx = offering.connect(alice).depositETH([], { value: ETH(2) });
      await expect(tx).to.changeEtherBalances(ethers, [alice, offering], [-ETH(2), ETH(2)]);
      await expect(tx).to.emit(offering, "Deposited").withArgs(alice.address, ETH(2), ETH(2));
      await expect(offering.connect(alice).depositETH([], { value: ETH(3) }))
        .to.emit(offering, "Deposited")
        .withArgs(alice.address, ETH(3), ETH(5));
      await offering.connect(bob).depositETH([], { value: 7n });
      expect(await offering.totals()).to.deep.equal([ETH(5) + 7n, 0n, 0n, 0n, 0n]);
      expect((await offering.position(alice)).deposited).to.equal(ETH(5));
      expect((await offering.position(bob)).deposited).to.equal(7n);
    });

    it("is refused for a sale paid in an ERC-20", async function () {
      const { offering, errors, usdc, alice, start } = await loadFixture(usdcSaleFixture);
      await time.increaseTo(start);
      await expect(offering.connect(alice).depositETH([], { value: ETH(1) }))
        .to.be.revertedWithCustomError(errors, "OfferingWrongPaymentAsset")
        .withArgs(await usdc.getAddress());
    });
  });

  describe("deposit and depositWithPermit", function () {
    it("are refused for a sale paid in ETH", async function () {
      const { offering, errors, alice } = await loadFixture(liveFixture);
      await expect(offering.connect(alice).deposit(ETH(1), []))
        .to.be.revertedWithCustomError(errors, "OfferingWrongPaymentAsset")
        .withArgs(ethers.ZeroAddress);
      const deadline = BigInt((await time.latest()) + HOUR);
      await expect(
        offering.connect(alice).depositWithPermit(ETH(1), deadline, 27, ethers.ZeroHash, ethers.ZeroHash, []),
      )
        .to.be.revertedWithCustomError(errors, "OfferingWrongPaymentAsset")
        .withArgs(ethers.ZeroAddress);
    });

    describe("when the sale is paid in a stablecoin with permit", function () {
      it("takes an approved deposit", async function () {
        const { offering, usdc, alice } = await loadFixture(liveUsdcFixture);
        await usdc.connect(alice).approve(offering, USDC(500));
        const tx = offering.connect(alice).deposit(USDC(500), []);
        await expect(tx).to.changeTokenBalances(ethers, usdc, [alice, offering], [-USDC(500), USDC(500)]);
        await expect(tx).to.emit(offering, "Deposited").withArgs(alice.address, USDC(500), USDC(500));
      });

      it("refuses a deposit without allowance", async function () {
        const { offering, usdc, alice } = await loadFixture(liveUsdcFixture);
        await expect(offering.connect(alice).deposit(USDC(1), []))
          .to.be.revertedWithCustomError(usdc, "ERC20InsufficientAllowance")
          .withArgs(await offering.getAddress(), 0n, USDC(1));
      });

      it("refuses zero", async function () {
        const { offering, errors, alice } = await loadFixture(liveUsdcFixture);
        await expect(offering.connect(alice).deposit(0n, [])).to.be.revertedWithCustomError(
          errors,
          "OfferingZeroDeposit",
        );
      });

      it("refuses a deposit before the start, with the status", async function () {
        const { offering, errors, usdc, alice, start } = await usdcSaleFixture();
        await usdc.connect(alice).approve(offering, USDC(1));
        await time.setNextBlockTimestamp(start - 1);
        await expect(offering.connect(alice).deposit(USDC(1), []))
          .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
          .withArgs(Status.Upcoming);
      });

      it("takes a deposit with a permit instead of an approval", async function () {
        const { offering, usdc, alice } = await loadFixture(liveUsdcFixture);
        const deadline = BigInt((await time.latest()) + HOUR);
        const sig = await permitSignature(usdc, alice, await offering.getAddress(), USDC(700), deadline);
        const tx = offering.connect(alice).depositWithPermit(USDC(700), deadline, sig.v, sig.r, sig.s, []);
        await expect(tx).to.changeTokenBalances(ethers, usdc, [alice, offering], [-USDC(700), USDC(700)]);
        await expect(tx).to.emit(offering, "Deposited").withArgs(alice.address, USDC(700), USDC(700));
        expect(await usdc.nonces(alice)).to.equal(1n);
        expect(await usdc.allowance(alice, offering)).to.equal(0n);
      });

      it("still takes the deposit when someone front-ran the permit", async function () {
        const { offering, usdc, alice, stranger } = await loadFixture(liveUsdcFixture);
        const deadline = BigInt((await time.latest()) + HOUR);
        const sig = await permitSignature(usdc, alice, await offering.getAddress(), USDC(700), deadline);
        await usdc.connect(stranger).permit(alice, offering, USDC(700), deadline, sig.v, sig.r, sig.s);
        await expect(offering.connect(alice).depositWithPermit(USDC(700), deadline, sig.v, sig.r, sig.s, []))
          .to.emit(offering, "Deposited")
          .withArgs(alice.address, USDC(700), USDC(700));
        expect(await usdc.balanceOf(offering)).to.equal(USDC(700));
      });

      it("falls back to an existing approval when the permit is invalid", async function () {
        const { offering, usdc, alice } = await loadFixture(liveUsdcFixture);
        await usdc.connect(alice).approve(offering, USDC(5));
        await expect(offering.connect(alice).depositWithPermit(USDC(5), 0n, 27, ethers.ZeroHash, ethers.ZeroHash, []))
          .to.emit(offering, "Deposited")
          .withArgs(alice.address, USDC(5), USDC(5));
      });

      it("refuses an invalid permit without approval, with the token's error", async function () {
        const { offering, usdc, alice, bob } = await loadFixture(liveUsdcFixture);
        const deadline = BigInt((await time.latest()) + HOUR);
        // Signed by bob for alice's deposit: the permit fails, and nothing is approved.
        const sig = await permitSignature(usdc, bob, await offering.getAddress(), USDC(5), deadline);
        await expect(offering.connect(alice).depositWithPermit(USDC(5), deadline, sig.v, sig.r, sig.s, []))
          .to.be.revertedWithCustomError(usdc, "ERC20InsufficientAllowance")
          .withArgs(await offering.getAddress(), 0n, USDC(5));
      });
    });

    describe("when the payment token takes a fee on transfer", function () {
      it("credits what arrived, not what was sent", async function () {
        const { offering, fot, alice } = await loadFixture(liveFeeTokenFixture);
        const tx = offering.connect(alice).deposit(ETH(500), []);
        await expect(tx).to.changeTokenBalances(ethers, fot, [alice, offering], [-ETH(500), ETH(495)]);
        await expect(tx).to.emit(offering, "Deposited").withArgs(alice.address, ETH(495), ETH(495));
        expect((await offering.position(alice)).deposited).to.equal(ETH(495));
        expect((await offering.totals()).deposits).to.equal(ETH(495));
      });

      it("takes depositWithPermit on its approval, since the token has no permit", async function () {
        const { offering, fot, alice } = await loadFixture(liveFeeTokenFixture);
        const deadline = BigInt((await time.latest()) + HOUR);
        const tx = offering
          .connect(alice)
          .depositWithPermit(ETH(100), deadline, 27, ethers.ZeroHash, ethers.ZeroHash, []);
        await expect(tx).to.changeTokenBalances(ethers, fot, [alice, offering], [-ETH(100), ETH(99)]);
        await expect(tx).to.emit(offering, "Deposited").withArgs(alice.address, ETH(99), ETH(99));
      });

      it("refuses a deposit of which nothing arrives", async function () {
        const { offering, errors, alice } = await loadFixture(liveFeeTokenFixture);
        // 99 units pay no fee (1% rounds down to 0); a token keeping everything is the extreme case below.
        await expect(offering.connect(alice).deposit(99n, []))
          .to.emit(offering, "Deposited")
          .withArgs(alice.address, 99n, 99n);
        const p = await protocolFixture();
        const greedy = await ethers.deployContract("FeeOnTransferToken", [10_000n]);
        await greedy.mint(p.alice, ETH(1));
        const sale = await launchSale(p, await saleParams(FOT_TERMS, { paymentToken: await greedy.getAddress() }));
        await greedy.connect(p.alice).approve(sale.offering, ETH(1));
        await time.increaseTo(sale.start);
        await expect(sale.offering.connect(p.alice).deposit(ETH(1), [])).to.be.revertedWithCustomError(
          errors,
          "OfferingZeroDeposit",
        );
      });

      it("pays proceeds and refunds out of what it holds, ending with nothing", async function () {
        const { offering, fot, alice, bob, treasury, end } = await loadFixture(liveFeeTokenFixture);
        await offering.connect(alice).deposit(ETH(700), []); // 693 credited
        await offering.connect(bob).deposit(ETH(400), []); // 396 credited
        const raised = ETH(693) + ETH(396); // above the 1000 cap
        await time.increaseTo(end);
        const { accepted, sold } = outcomeOf(raised, FOT_TERMS);
        await expect(offering.finalize())
          .to.emit(offering, "Finalized")
          .withArgs(Status.Oversubscribed, raised, accepted, sold, 0n);
        // The treasury gets the proceeds less the token's own 1%.
        expect(await fot.balanceOf(treasury)).to.equal((accepted * 99n) / 100n);
        const a = shareOf(ETH(693), raised, FOT_TERMS);
        const b = shareOf(ETH(396), raised, FOT_TERMS);
        await expect(offering.settle(alice)).to.changeTokenBalances(
          ethers,
          fot,
          [offering, alice],
          [-a.refund, a.refund - a.refund / 100n],
        );
        await offering.settle(bob);
        const dust = raised - accepted - a.refund - b.refund;
        await expect(offering.sweep()).to.emit(offering, "Swept").withArgs(anyUint, dust);
        expect(await fot.balanceOf(offering)).to.equal(0n);
      });
    });
  });

  describe("when the sale has an allowlist", function () {
    it("records its root", async function () {
      const { offering, tree } = await loadFixture(allowlistSaleFixture);
      expect((await offering.config()).sale.merkleRoot).to.equal(tree.root);
    });

    it("takes deposits from listed accounts with their proof", async function () {
      const { offering, alice, bob, proofOf } = await loadFixture(liveAllowlistFixture);
      await expect(offering.connect(alice).depositETH(proofOf(alice), { value: ETH(1) }))
        .to.emit(offering, "Deposited")
        .withArgs(alice.address, ETH(1), ETH(1));
      await expect(offering.connect(bob).depositETH(proofOf(bob), { value: ETH(2) }))
        .to.emit(offering, "Deposited")
        .withArgs(bob.address, ETH(2), ETH(2));
    });

    it("checks the proof on the first deposit only", async function () {
      const { offering, alice, proofOf } = await loadFixture(liveAllowlistFixture);
      await offering.connect(alice).depositETH(proofOf(alice), { value: ETH(1) });
      await expect(offering.connect(alice).depositETH([], { value: ETH(1) }))
        .to.emit(offering, "Deposited")
        .withArgs(alice.address, ETH(1), ETH(2));
    });

    it("refuses an account off the list, with any proof or none", async function () {
      const { offering, errors, alice, carol, proofOf } = await loadFixture(liveAllowlistFixture);
      await expect(offering.connect(carol).depositETH(proofOf(alice), { value: ETH(1) }))
        .to.be.revertedWithCustomError(errors, "OfferingNotAllowlisted")
        .withArgs(carol.address);
      await expect(offering.connect(carol).depositETH([], { value: ETH(1) }))
        .to.be.revertedWithCustomError(errors, "OfferingNotAllowlisted")
        .withArgs(carol.address);
    });

    it("refuses a listed account without its proof", async function () {
      const { offering, errors, alice, bob, proofOf } = await loadFixture(liveAllowlistFixture);
      await expect(offering.connect(alice).depositETH([], { value: ETH(1) }))
        .to.be.revertedWithCustomError(errors, "OfferingNotAllowlisted")
        .withArgs(alice.address);
      await expect(offering.connect(alice).depositETH(proofOf(bob), { value: ETH(1) }))
        .to.be.revertedWithCustomError(errors, "OfferingNotAllowlisted")
        .withArgs(alice.address);
    });
  });

  describe("when the sale has a wallet cap", function () {
    it("takes deposits up to the cap exactly", async function () {
      const { offering, alice } = await loadFixture(liveCappedFixture);
      await offering.connect(alice).depositETH([], { value: ETH(2) });
      await expect(offering.connect(alice).depositETH([], { value: ETH(3) }))
        .to.emit(offering, "Deposited")
        .withArgs(alice.address, ETH(3), WALLET_CAP);
    });

    it("refuses what would take a wallet above the cap", async function () {
      const { offering, errors, alice, bob } = await loadFixture(liveCappedFixture);
      await offering.connect(alice).depositETH([], { value: WALLET_CAP });
      await expect(offering.connect(alice).depositETH([], { value: 1n }))
        .to.be.revertedWithCustomError(errors, "OfferingWalletCapExceeded")
        .withArgs(alice.address, WALLET_CAP + 1n, WALLET_CAP);
      await expect(offering.connect(bob).depositETH([], { value: ETH(6) }))
        .to.be.revertedWithCustomError(errors, "OfferingWalletCapExceeded")
        .withArgs(bob.address, ETH(6), WALLET_CAP);
    });
  });

  describe("finalize", function () {
    it("is refused while the sale is upcoming or live, up to end - 1", async function () {
      const { offering, errors, start, end } = await loadFixture(ethSaleFixture);
      await time.setNextBlockTimestamp(start - 1);
      await expect(offering.finalize())
        .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
        .withArgs(Status.Upcoming);
      await time.setNextBlockTimestamp(start);
      await expect(offering.finalize())
        .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
        .withArgs(Status.Live);
      await time.setNextBlockTimestamp(end - 1);
      await expect(offering.finalize())
        .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
        .withArgs(Status.Live);
      await time.setNextBlockTimestamp(end);
      await expect(offering.finalize()).to.emit(offering, "Finalized");
    });

    it("is refused twice, and after a cancel", async function () {
      const s = await loadFixture(succeededFixture);
      await s.offering.finalize();
      await expect(s.offering.finalize())
        .to.be.revertedWithCustomError(s.errors, "OfferingWrongStatus")
        .withArgs(Status.Succeeded);

      const c = await loadFixture(ethSaleFixture);
      await c.offering.connect(c.team).cancel();
      await time.increaseTo(c.end);
      await expect(c.offering.finalize())
        .to.be.revertedWithCustomError(c.errors, "OfferingWrongStatus")
        .withArgs(Status.Cancelled);
    });

    describe("when the sale failed", function () {
      it("sends every token to the treasury and keeps every deposit for refunds", async function () {
        const { offering, token, treasury, stranger, raised } = await loadFixture(failedFixture);
        const tx = offering.connect(stranger).finalize();
        await expect(tx).to.emit(offering, "Finalized").withArgs(Status.Failed, raised, 0n, 0n, 0n);
        await expect(tx).to.changeTokenBalances(
          ethers,
          token,
          [offering, treasury],
          [-ETH_TERMS.tokensForSale, ETH_TERMS.tokensForSale],
        );
        await expect(tx).to.changeEtherBalances(ethers, [offering, treasury], [0n, 0n]);
        expect(await offering.totals()).to.deep.equal([raised, 0n, 0n, 0n, 0n]);
      });
    });

    describe("when the sale succeeded", function () {
      it("sends the unsold tokens and all proceeds to the treasury", async function () {
        const { offering, token, treasury, raised } = await loadFixture(succeededFixture);
        const sold = ETH(7_000); // 21 ETH at 0.003 ETH
        const tx = offering.finalize();
        await expect(tx).to.emit(offering, "Finalized").withArgs(Status.Succeeded, raised, raised, sold, 0n);
        const unsold = ETH_TERMS.tokensForSale - sold;
        await expect(tx).to.changeTokenBalances(ethers, token, [offering, treasury], [-unsold, unsold]);
        await expect(tx).to.changeEtherBalances(ethers, [offering, treasury], [-raised, raised]);
        expect(await offering.totals()).to.deep.equal([raised, 0n, raised, sold, 0n]);
      });
    });

    describe("when the sale is oversubscribed", function () {
      it("keeps the hard cap, sells what it buys and sends the rest of the tokens to the treasury", async function () {
        const { offering, token, treasury, raised } = await loadFixture(oversubscribedFixture);
        const sold = 33_333_333_333_333_333_333_333n; // 100 ETH at 0.003 ETH, rounded down
        const tx = offering.finalize();
        await expect(tx).to.emit(offering, "Finalized").withArgs(Status.Oversubscribed, raised, ETH(100), sold, 0n);
        const unsold = ETH_TERMS.tokensForSale - sold;
        await expect(tx).to.changeTokenBalances(ethers, token, [offering, treasury], [-unsold, unsold]);
        await expect(tx).to.changeEtherBalances(ethers, [offering, treasury], [-ETH(100), ETH(100)]);
      });
    });

    describe("when the factory takes a fee", function () {
      it("keeps the fee and sends the rest of the proceeds to the treasury", async function () {
        const { offering, treasury, raised } = await loadFixture(feeOversubscribedFixture);
        const fee = (ETH(100) * FEE_BPS) / 10_000n; // 2.5 ETH
        const tx = offering.finalize();
        await expect(tx)
          .to.emit(offering, "Finalized")
          .withArgs(Status.Oversubscribed, raised, ETH(100), outcomeOf(raised, ETH_TERMS).sold, fee);
        await expect(tx).to.changeEtherBalances(ethers, [offering, treasury], [-(ETH(100) - fee), ETH(100) - fee]);
        expect((await offering.totals()).feeOwed).to.equal(fee);
      });

      it("rounds the fee down, in favour of the treasury", async function () {
        const { offering, alice, end } = await loadFixture(async function oddFee() {
          return open(await feeSaleFixture());
        });
        const raised = ETH(10) + 39n; // 2.5% of 39 wei is 0.975 wei
        await offering.connect(alice).depositETH([], { value: raised });
        await time.increaseTo(end);
        const fee = (raised * FEE_BPS) / 10_000n;
        expect(fee).to.equal(ETH(10) / 40n);
        await expect(offering.finalize())
          .to.emit(offering, "Finalized")
          .withArgs(Status.Succeeded, raised, raised, outcomeOf(raised, ETH_TERMS).sold, fee);
      });

      it("takes no fee from a failed sale", async function () {
        const { offering, errors, alice, end } = await loadFixture(async function failedWithFee() {
          return open(await feeSaleFixture());
        });
        await offering.connect(alice).depositETH([], { value: ETH(1) });
        await time.increaseTo(end);
        await expect(offering.finalize()).to.emit(offering, "Finalized").withArgs(Status.Failed, ETH(1), 0n, 0n, 0n);
        await expect(offering.payFee()).to.be.revertedWithCustomError(errors, "OfferingNoFee");
      });
    });
  });

  describe("settle and claim", function () {
    it("are refused before the window closes, and after a cancel", async function () {
      const { offering, errors, alice, team, start, end } = await loadFixture(ethSaleFixture);
      await time.setNextBlockTimestamp(start - 1);
      await expect(offering.settle(alice))
        .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
        .withArgs(Status.Upcoming);
      await time.setNextBlockTimestamp(start);
      await offering.connect(alice).depositETH([], { value: ETH(20) });
      await time.setNextBlockTimestamp(end - 1);
      await expect(offering.connect(alice).claim(alice))
        .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
        .withArgs(Status.Live);
      await time.setNextBlockTimestamp(end);
      await expect(offering.settle(alice)).to.emit(offering, "Settled");

      const c = await loadFixture(ethSaleFixture);
      await c.offering.connect(team).cancel();
      await time.increaseTo(c.end);
      await expect(c.offering.settle(c.alice))
        .to.be.revertedWithCustomError(c.errors, "OfferingWrongStatus")
        .withArgs(Status.Cancelled);
    });

    it("finalise the sale first when nobody has", async function () {
      const { offering, alice, keeper, raised } = await loadFixture(succeededFixture);
      const tx = offering.connect(keeper).settle(alice);
      await expect(tx).to.emit(offering, "Finalized").withArgs(Status.Succeeded, raised, raised, ETH(7_000), 0n);
      await expect(tx)
        .to.emit(offering, "Settled")
        .withArgs(alice.address, alice.address, keeper.address, ETH(10_000) / 3n, 0n);
      expect(await offering.status()).to.equal(Status.Succeeded);
    });

    it("refuse an account without a deposit, and a second settlement", async function () {
      const { offering, errors, alice, stranger } = await loadFixture(succeededFixture);
      await expect(offering.settle(stranger))
        .to.be.revertedWithCustomError(errors, "OfferingNothingToSettle")
        .withArgs(stranger.address);
      await offering.settle(alice);
      await expect(offering.settle(alice))
        .to.be.revertedWithCustomError(errors, "OfferingNothingToSettle")
        .withArgs(alice.address);
      await expect(offering.connect(alice).claim(alice))
        .to.be.revertedWithCustomError(errors, "OfferingNothingToSettle")
        .withArgs(alice.address);
      await expect(offering.connect(stranger).claim(stranger))
        .to.be.revertedWithCustomError(errors, "OfferingNothingToSettle")
        .withArgs(stranger.address);
    });

    describe("when the sale failed", function () {
      it("refund every deposit in full and send no tokens", async function () {
        const { offering, token, alice, bob, keeper } = await loadFixture(failedFixture);
        await offering.finalize();
        const tx = offering.connect(keeper).settle(alice);
        await expect(tx)
          .to.emit(offering, "Settled")
          .withArgs(alice.address, alice.address, keeper.address, 0n, ETH(3));
        await expect(tx).to.changeEtherBalances(ethers, [offering, alice, keeper], [-ETH(3), ETH(3), 0n]);
        await expect(tx).to.changeTokenBalances(ethers, token, [offering, alice], [0n, 0n]);
        await expect(offering.connect(bob).claim(bob)).to.changeEtherBalances(
          ethers,
          [offering, bob],
          [-ETH(4), ETH(4)],
        );
        expect(await ethers.provider.getBalance(offering)).to.equal(0n);
      });
    });

    describe("when the sale succeeded", function () {
      it("send each depositor its tokens at the price, rounded down, and no refund", async function () {
        const { offering, token, alice, bob } = await loadFixture(succeededFixture);
        await offering.finalize();
        const aliceTokens = 3_333_333_333_333_333_333_333n; // 10 ETH / 0.003
        const bobTokens = 3_666_666_666_666_666_666_666n; // 11 ETH / 0.003
        expect(shareOf(ETH(10), ETH(21), ETH_TERMS).tokens).to.equal(aliceTokens);
        const tx = offering.connect(alice).settle(alice);
        await expect(tx)
          .to.emit(offering, "Settled")
          .withArgs(alice.address, alice.address, alice.address, aliceTokens, 0n);
        await expect(tx).to.changeTokenBalances(ethers, token, [offering, alice], [-aliceTokens, aliceTokens]);
        await expect(tx).to.changeEtherBalances(ethers, [offering, alice], [0n, 0n]);
        await expect(offering.settle(bob)).to.changeTokenBalances(
          ethers,
          token,
          [offering, bob],
          [-bobTokens, bobTokens],
        );
        // One token unit of dust is left.
        expect(await token.balanceOf(offering)).to.equal(1n);
      });
    });

    describe("when the sale is oversubscribed", function () {
      const expected = {
        alice: { tokens: 19_283_746_556_473_829_201_101n, refund: 12_148_760_330_578_512_396n },
        bob: { tokens: 11_019_283_746_556_473_829_200n, refund: 6_942_148_760_330_578_512n },
        carol: { tokens: 3_030_303_030_303_030_303_030n, refund: 1_909_090_909_090_909_090n },
      };

      it("fill each deposit pro rata, tokens rounded down and refunds rounded down", async function () {
        const s = await loadFixture(oversubscribedFixture);
        await s.offering.finalize();
        for (const [name, amount] of OVERSUBSCRIBED) {
          const who = signer(s, name);
          const { tokens, refund } = expected[name as keyof typeof expected];
          expect(shareOf(amount, s.raised, ETH_TERMS)).to.deep.equal({ tokens, refund });
          const tx = s.offering.connect(s.keeper).settle(who);
          await expect(tx)
            .to.emit(s.offering, "Settled")
            .withArgs(who.address, who.address, s.keeper.address, tokens, refund);
          await expect(tx).to.changeTokenBalances(ethers, s.token, [s.offering, who], [-tokens, tokens]);
          await expect(tx).to.changeEtherBalances(ethers, [s.offering, who, s.keeper], [-refund, refund, 0n]);
        }
        // 2 token units and 2 wei of rounding are left for the sweep.
        expect(await s.token.balanceOf(s.offering)).to.equal(2n);
        expect(await ethers.provider.getBalance(s.offering)).to.equal(2n);
        expect(await s.offering.totals()).to.deep.equal([
          s.raised,
          s.raised,
          ETH(100),
          outcomeOf(s.raised, ETH_TERMS).sold,
          0n,
        ]);
      });

      it("claim(to) sends the caller's tokens and refund to another address", async function () {
        const { offering, token, alice, dave } = await loadFixture(oversubscribedFixture);
        const { tokens, refund } = expected.alice;
        const tx = offering.connect(alice).claim(dave);
        await expect(tx)
          .to.emit(offering, "Settled")
          .withArgs(alice.address, dave.address, alice.address, tokens, refund);
        await expect(tx).to.changeTokenBalances(ethers, token, [alice, dave], [0n, tokens]);
        await expect(tx).to.changeEtherBalances(ethers, [alice, dave], [0n, refund]);
      });

      it("settle(account) by a keeper always pays the depositor, never the keeper", async function () {
        const { offering, token, bob, keeper } = await loadFixture(oversubscribedFixture);
        const { tokens, refund } = expected.bob;
        const tx = offering.connect(keeper).settle(bob);
        await expect(tx).to.changeTokenBalances(ethers, token, [bob, keeper], [tokens, 0n]);
        await expect(tx).to.changeEtherBalances(ethers, [bob, keeper], [refund, 0n]);
      });
    });

    describe("when the depositor re-enters on receiving ETH", function () {
      async function reentrantFixture() {
        const sale = await liveFixture();
        const attacker = await ethers.deployContract("ReentrantDepositor", [sale.offering]);
        await attacker.connect(sale.alice).deposit({ value: ETH(30) });
        await sale.offering.connect(sale.bob).depositETH([], { value: ETH(90) });
        await time.increaseTo(sale.end);
        const raised = ETH(120);
        return { ...sale, attacker, raised };
      }

      for (const [name, attack] of [
        ["settle", 1n],
        ["claim", 2n],
        ["depositETH", 3n],
      ] as const) {
        it(`cannot ${name} again inside its refund, and gets its due once`, async function () {
          const { offering, errors, token, attacker, keeper, raised } = await loadFixture(reentrantFixture);
          await attacker.setAttack(attack);
          const { tokens, refund } = shareOf(ETH(30), raised, ETH_TERMS);
          const tx = offering.connect(keeper).settle(attacker);
          await expect(tx).to.changeEtherBalances(
            ethers,
            [offering, attacker, keeper],
            [-(refund + ETH(100)), refund, 0n],
          );
          await expect(tx).to.changeTokenBalance(ethers, token, attacker, tokens);
          expect(await attacker.received()).to.equal(1n);
          expect(await attacker.attempts()).to.equal(1n);
          expect(await attacker.successes()).to.equal(0n);
          expect(await attacker.lastError()).to.equal(
            errors.interface.encodeErrorResult("ReentrancyGuardReentrantCall"),
          );
          await expect(offering.settle(attacker))
            .to.be.revertedWithCustomError(errors, "OfferingNothingToSettle")
            .withArgs(await attacker.getAddress());
        });
      }

      it("cannot re-enter its own claim either", async function () {
        const { offering, errors, attacker, raised } = await loadFixture(reentrantFixture);
        await attacker.setAttack(2n);
        const { refund } = shareOf(ETH(30), raised, ETH_TERMS);
        await expect(attacker.claim(attacker)).to.changeEtherBalances(
          ethers,
          [offering, attacker],
          [-(refund + ETH(100)), refund],
        );
        expect(await attacker.attempts()).to.equal(1n);
        expect(await attacker.successes()).to.equal(0n);
        await expect(attacker.claim(attacker))
          .to.be.revertedWithCustomError(errors, "OfferingNothingToSettle")
          .withArgs(await attacker.getAddress());
      });
    });

    describe("when the depositor rejects ETH", function () {
      async function rejecterFixture() {
        const sale = await liveFixture();
        const rejecter = await ethers.deployContract("EtherRejecter", [sale.offering]);
        await rejecter.connect(sale.alice).deposit({ value: ETH(4) });
        await time.increaseTo(sale.end);
        return { ...sale, rejecter };
      }

      it("cannot be settled to itself, but claims its refund to another address", async function () {
        const { offering, errors, rejecter, keeper, dave } = await loadFixture(rejecterFixture);
        await expect(offering.connect(keeper).settle(rejecter)).to.be.revertedWithCustomError(
          rejecter,
          "EtherRejected",
        );
        // The failed attempt finalised nothing: the whole transaction was undone.
        expect(await offering.status()).to.equal(Status.Ended);
        const tx = rejecter.claim(dave);
        await expect(tx)
          .to.emit(offering, "Settled")
          .withArgs(await rejecter.getAddress(), dave.address, await rejecter.getAddress(), 0n, ETH(4));
        await expect(tx).to.changeEtherBalances(ethers, [offering, rejecter, dave], [-ETH(4), 0n, ETH(4)]);
        await expect(offering.settle(rejecter))
          .to.be.revertedWithCustomError(errors, "OfferingNothingToSettle")
          .withArgs(await rejecter.getAddress());
      });
    });
  });

  describe("sweep", function () {
    it("is refused before the sale is final", async function () {
      const { offering, errors, start, end, alice } = await loadFixture(ethSaleFixture);
      await expect(offering.sweep())
        .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
        .withArgs(Status.Upcoming);
      await time.increaseTo(start);
      await offering.connect(alice).depositETH([], { value: ETH(1) });
      await expect(offering.sweep()).to.be.revertedWithCustomError(errors, "OfferingWrongStatus").withArgs(Status.Live);
      await time.increaseTo(end);
      await expect(offering.sweep())
        .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
        .withArgs(Status.Ended);
    });

    it("is refused while deposits are unsettled, naming how much", async function () {
      const { offering, errors, alice, bob } = await loadFixture(oversubscribedFixture);
      await offering.finalize();
      await expect(offering.sweep())
        .to.be.revertedWithCustomError(errors, "OfferingNotFullySettled")
        .withArgs(ETH(121));
      await offering.settle(alice);
      await offering.settle(bob);
      await expect(offering.sweep()).to.be.revertedWithCustomError(errors, "OfferingNotFullySettled").withArgs(ETH(11));
    });

    it("sends the rounding dust to the treasury once everyone has settled, leaving nothing", async function () {
      const { offering, token, treasury, alice, bob, carol, stranger } = await loadFixture(oversubscribedFixture);
      for (const who of [alice, bob, carol]) await offering.settle(who);
      const tx = offering.connect(stranger).sweep();
      await expect(tx).to.emit(offering, "Swept").withArgs(2n, 2n);
      await expect(tx).to.changeTokenBalances(ethers, token, [offering, treasury], [-2n, 2n]);
      await expect(tx).to.changeEtherBalances(ethers, [offering, treasury], [-2n, 2n]);
      expect(await token.balanceOf(offering)).to.equal(0n);
      expect(await ethers.provider.getBalance(offering)).to.equal(0n);
      // Nothing left: a second sweep moves nothing.
      await expect(offering.sweep()).to.emit(offering, "Swept").withArgs(0n, 0n);
    });

    it("leaves the unpaid fee in the sale", async function () {
      const { offering, token, treasury, alice, bob, carol, feeRecipient } =
        await loadFixture(feeOversubscribedFixture);
      for (const who of [alice, bob, carol]) await offering.settle(who);
      const fee = ETH(100) / 40n;
      await expect(offering.sweep()).to.changeEtherBalances(ethers, [offering, treasury], [-2n, 2n]);
      expect(await token.balanceOf(offering)).to.equal(0n);
      expect(await ethers.provider.getBalance(offering)).to.equal(fee);
      await expect(offering.payFee()).to.changeEtherBalances(ethers, [offering, feeRecipient], [-fee, fee]);
      expect(await ethers.provider.getBalance(offering)).to.equal(0n);
    });

    it("sends nothing for a failed sale, whose refunds took everything", async function () {
      const { offering, alice, bob } = await loadFixture(failedFixture);
      await offering.settle(alice);
      await offering.settle(bob);
      await expect(offering.sweep()).to.emit(offering, "Swept").withArgs(0n, 0n);
    });
  });

  describe("payFee", function () {
    it("pays the fee to its recipient, once, and anyone may call it", async function () {
      const { offering, errors, feeRecipient, stranger } = await loadFixture(feeOversubscribedFixture);
      await expect(offering.payFee()).to.be.revertedWithCustomError(errors, "OfferingNoFee");
      await offering.finalize();
      const fee = ETH(100) / 40n;
      const tx = offering.connect(stranger).payFee();
      await expect(tx).to.emit(offering, "FeePaid").withArgs(feeRecipient.address, fee);
      await expect(tx).to.changeEtherBalances(ethers, [offering, feeRecipient, stranger], [-fee, fee, 0n]);
      expect((await offering.totals()).feeOwed).to.equal(0n);
      await expect(offering.payFee()).to.be.revertedWithCustomError(errors, "OfferingNoFee");
    });

    it("is refused when the factory takes no fee", async function () {
      const { offering, errors } = await loadFixture(succeededFixture);
      await offering.finalize();
      await expect(offering.payFee()).to.be.revertedWithCustomError(errors, "OfferingNoFee");
    });

    it("does not disturb settlement: depositors and the sweep are paid after it", async function () {
      const { offering, alice, bob, carol, treasury } = await loadFixture(feeOversubscribedFixture);
      await offering.finalize();
      await offering.payFee();
      for (const who of [alice, bob, carol]) await offering.settle(who);
      await expect(offering.sweep()).to.changeEtherBalance(ethers, treasury, 2n);
      expect(await ethers.provider.getBalance(offering)).to.equal(0n);
    });
  });

  describe("when paid in a stablecoin through a factory that takes a fee", function () {
    it("runs a whole oversubscribed sale to zero balances", async function () {
      const { offering, usdc, token, treasury, alice, bob, carol, feeRecipient, start, end } =
        await loadFixture(usdcSaleFixture);
      await time.increaseTo(start);
      const deposits: [HardhatEthersSigner, bigint][] = [
        [alice, USDC(6_000)],
        [bob, USDC(4_000) + 1n],
        [carol, USDC(3_333)],
      ];
      for (const [who, amount] of deposits) {
        await usdc.connect(who).approve(offering, amount);
        await offering.connect(who).deposit(amount, []);
      }
      const raised = deposits.reduce((sum, [, a]) => sum + a, 0n);
      await time.increaseTo(end);
      const { accepted, sold } = outcomeOf(raised, USDC_TERMS);
      const fee = (accepted * FEE_BPS) / 10_000n;
      const tx = offering.finalize();
      await expect(tx).to.emit(offering, "Finalized").withArgs(Status.Oversubscribed, raised, accepted, sold, fee);
      await expect(tx).to.changeTokenBalance(ethers, usdc, treasury, accepted - fee);
      let tokensOut = 0n;
      let refunds = 0n;
      for (const [who, amount] of deposits) {
        const { tokens, refund } = shareOf(amount, raised, USDC_TERMS);
        const settle = offering.settle(who);
        await expect(settle).to.changeTokenBalance(ethers, usdc, who, refund);
        await expect(settle).to.changeTokenBalance(ethers, token, who, tokens);
        tokensOut += tokens;
        refunds += refund;
      }
      const paymentDust = raised - accepted - refunds;
      await expect(offering.sweep())
        .to.emit(offering, "Swept")
        .withArgs(sold - tokensOut, paymentDust);
      expect(await usdc.balanceOf(offering)).to.equal(fee);
      await expect(offering.payFee()).to.changeTokenBalances(ethers, usdc, [offering, feeRecipient], [-fee, fee]);
      expect(await usdc.balanceOf(offering)).to.equal(0n);
      expect(await token.balanceOf(offering)).to.equal(0n);
      expect(await usdc.balanceOf(treasury)).to.equal(accepted - fee + paymentDust);
    });
  });

  describe("cancel", function () {
    it("returns the tokens for sale to the treasury, before the start, for the admin only", async function () {
      const { offering, token, treasury, team, start } = await loadFixture(ethSaleFixture);
      await time.setNextBlockTimestamp(start - 1);
      const tx = offering.connect(team).cancel();
      await expect(tx).to.emit(offering, "Cancelled");
      await expect(tx).to.changeTokenBalances(
        ethers,
        token,
        [offering, treasury],
        [-ETH_TERMS.tokensForSale, ETH_TERMS.tokensForSale],
      );
      expect(await offering.status()).to.equal(Status.Cancelled);
      await time.increase(365 * DAY);
      expect(await offering.status()).to.equal(Status.Cancelled);
    });

    it("is refused to anyone but the admin", async function () {
      const { offering, errors, stranger, treasury } = await loadFixture(ethSaleFixture);
      await expect(offering.connect(stranger).cancel())
        .to.be.revertedWithCustomError(errors, "OfferingNotAdmin")
        .withArgs(stranger.address);
      // Not even the treasury (the DAO) may cancel.
      await networkHelpers.impersonateAccount(treasury);
      await networkHelpers.setBalance(treasury, ETH(1));
      await expect(offering.connect(await ethers.getSigner(treasury)).cancel())
        .to.be.revertedWithCustomError(errors, "OfferingNotAdmin")
        .withArgs(treasury);
    });

    it("is refused from the start, and after a cancel", async function () {
      const { offering, errors, team, start } = await loadFixture(ethSaleFixture);
      await offering.connect(team).cancel();
      await expect(offering.connect(team).cancel())
        .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
        .withArgs(Status.Cancelled);

      const s = await loadFixture(ethSaleFixture);
      await time.setNextBlockTimestamp(start);
      await expect(s.offering.connect(team).cancel())
        .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
        .withArgs(Status.Live);
      await time.setNextBlockTimestamp(s.end);
      await expect(s.offering.connect(team).cancel())
        .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
        .withArgs(Status.Ended);
    });

    it("leaves nothing to settle, and a sweep that moves nothing", async function () {
      const { offering, errors, team, alice } = await loadFixture(ethSaleFixture);
      await offering.connect(team).cancel();
      await expect(offering.settle(alice))
        .to.be.revertedWithCustomError(errors, "OfferingWrongStatus")
        .withArgs(Status.Cancelled);
      await expect(offering.sweep()).to.emit(offering, "Swept").withArgs(0n, 0n);
      await expect(offering.payFee()).to.be.revertedWithCustomError(errors, "OfferingNoFee");
      expect(await offering.position(alice)).to.deep.equal([0n, 0n, 0n]);
      expect(await offering.quote(ETH(1))).to.deep.equal([0n, ETH(1)]);
    });
  });

  describe("attacks", function () {
    it("L-00 claim of a refund to the zero address: refused, the refund stays claimable", async function () {
      const { offering, errors, alice } = await loadFixture(failedFixture);
      for (const to of [ethers.ZeroAddress, await offering.getAddress()]) {
        await expect(offering.connect(alice).claim(to))
          .to.be.revertedWithCustomError(errors, "OfferingInvalidRecipient")
          .withArgs(to);
      }
      expect(await ethers.provider.getBalance(ethers.ZeroAddress)).to.equal(0n);
      await expect(offering.connect(alice).claim(alice)).to.changeEtherBalances(
        ethers,
        [offering, alice],
        [-ETH(3), ETH(3)],
      );
    });

    it("I-02 payment token slashed 10% after a failed sale: every refund loses 10%, the last one is paid, nothing locks", async function () {
      const { offering, rusd, alice, bob, start, end } = await loadFixture(rebasingSaleFixture);
      await time.increaseTo(start);
      await offering.connect(alice).deposit(USDC(300), []);
      await offering.connect(bob).deposit(USDC(400), []);
      await time.increaseTo(end);
      await rusd.rebase(9n, 10n);
      // Each refund is its share of what the sale holds: 630 of the 700 owed.
      await expect(offering.settle(alice)).to.changeTokenBalance(ethers, rusd, alice, USDC(270));
      await expect(offering.settle(bob)).to.changeTokenBalance(ethers, rusd, bob, USDC(360));
      await expect(offering.sweep()).to.emit(offering, "Swept");
      expect(await rusd.balanceOf(offering)).to.equal(0n);
    });

    it("I-02 payment token slashed below the unpaid fee: sweep and payFee still run, nothing locks", async function () {
      const { offering, rusd, token, treasury, alice, bob, feeRecipient, start, end } =
        await loadFixture(rebasingSaleFixture);
      await time.increaseTo(start);
      await offering.connect(alice).deposit(USDC(1_000), []);
      await offering.connect(bob).deposit(USDC(1_000), []);
      await time.increaseTo(end);
      await offering.settle(alice);
      await offering.settle(bob);
      const fee = (USDC(2_000) * FEE_BPS) / 10_000n;
      expect(await rusd.balanceOf(offering)).to.equal(fee);
      await rusd.rebase(1n, 2n);
      const tokensLeft = await token.balanceOf(offering);
      const sweep = offering.sweep();
      await expect(sweep).to.emit(offering, "Swept").withArgs(tokensLeft, 0n);
      await expect(sweep).to.changeTokenBalance(ethers, token, treasury, tokensLeft);
      await expect(offering.payFee()).to.changeTokenBalance(ethers, rusd, feeRecipient, fee / 2n);
      expect(await rusd.balanceOf(offering)).to.equal(0n);
    });

    it("I-02 payment token slashed 20% during an oversubscribed sale: proceeds, fee and refunds share the loss", async function () {
      const { offering, rusd, treasury, alice, bob, carol, feeRecipient, start, end } =
        await loadFixture(rebasingSaleFixture);
      await time.increaseTo(start);
      const deposits: [HardhatEthersSigner, bigint][] = [
        [alice, USDC(6_000)],
        [bob, USDC(4_000) + 1n],
        [carol, USDC(3_333)],
      ];
      for (const [who, amount] of deposits) await offering.connect(who).deposit(amount, []);
      const raised = deposits.reduce((sum, [, a]) => sum + a, 0n);
      await time.increaseTo(end);
      await rusd.rebase(4n, 5n);
      const { accepted } = outcomeOf(raised, USDC_TERMS);
      const fee = (accepted * FEE_BPS) / 10_000n;
      // Four fifths of everything owed, each rounded down; a rebasing transfer may move one unit more.
      const fifthsOf = (amount: bigint) => (amount * 4n) / 5n;
      const before = await rusd.balanceOf(treasury);
      await offering.finalize();
      expect((await rusd.balanceOf(treasury)) - before).to.be.closeTo(fifthsOf(accepted - fee), 2n);
      for (const [who, amount] of deposits) {
        const held = await rusd.balanceOf(who);
        await offering.settle(who);
        expect((await rusd.balanceOf(who)) - held).to.be.closeTo(
          fifthsOf(shareOf(amount, raised, USDC_TERMS).refund),
          2n,
        );
      }
      const feeBefore = await rusd.balanceOf(feeRecipient);
      await offering.payFee();
      expect((await rusd.balanceOf(feeRecipient)) - feeBefore).to.be.closeTo(fifthsOf(fee), 2n);
      await offering.sweep();
      expect(await rusd.balanceOf(offering)).to.equal(0n);
    });
  });

  describe("position and quote", function () {
    it("are empty, and a quote is a refund, before anyone deposits", async function () {
      const { offering, alice } = await loadFixture(liveFixture);
      expect(await offering.position(alice)).to.deep.equal([0n, 0n, 0n]);
      // 1 ETH alone is below the soft cap: it would be refunded.
      expect(await offering.quote(ETH(1))).to.deep.equal([0n, ETH(1)]);
      expect(await offering.quote(0n)).to.deep.equal([0n, 0n]);
    });

    it("follow the raise through the soft and hard caps", async function () {
      const { offering, alice, bob } = await loadFixture(liveFixture);
      await offering.connect(alice).depositETH([], { value: ETH(6) });
      expect(await offering.position(alice)).to.deep.equal([ETH(6), 0n, ETH(6)]);
      // 6 + 4 reaches the soft cap: both would buy at the price.
      expect(await offering.quote(ETH(4))).to.deep.equal([(ETH(4) * ONE) / ETH_TERMS.price, 0n]);
      await offering.connect(bob).depositETH([], { value: ETH(30) });
      expect(await offering.position(alice)).to.deep.equal([ETH(6), ETH(2_000), 0n]);
      // 36 + 200 is above the cap: the new deposit would be filled pro rata.
      const share = shareOf(ETH(200), ETH(236), ETH_TERMS);
      expect(await offering.quote(ETH(200))).to.deep.equal([share.tokens, share.refund]);
      expect(share.refund).to.be.greaterThan(0n);
    });

    it("match what settlement pays, and empty once settled", async function () {
      const { offering, alice, raised } = await loadFixture(oversubscribedFixture);
      const [deposited, tokens, refund] = await offering.position(alice);
      expect(deposited).to.equal(ETH(70));
      expect({ tokens, refund }).to.deep.equal(shareOf(ETH(70), raised, ETH_TERMS));
      await expect(offering.connect(alice).settle(alice))
        .to.emit(offering, "Settled")
        .withArgs(alice.address, alice.address, alice.address, tokens, refund);
      expect(await offering.position(alice)).to.deep.equal([0n, 0n, 0n]);
    });
  });
});
