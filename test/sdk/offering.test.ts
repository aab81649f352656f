import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { id, ZeroAddress, type Interface, type Signer } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { deployProtocol } from "../../deploy/protocol.js";
import {
  AllowlistError,
  allowlistFromJson,
  buildAllowlist,
  createClient,
  decodeRevert,
  formatAmount,
  InvalidAmountError,
  InvalidRecipientError,
  loadAllowlist,
  ModelGovernor__factory,
  ModelOffering__factory,
  ModelRegistry__factory,
  ModelTimelock__factory,
  ModelToken__factory,
  OfferingNoFeeError,
  OfferingNotAdminError,
  OfferingNotAllowlistedError,
  OfferingNotFoundError,
  OfferingNothingToSettleError,
  OfferingWrongStatusError,
  OwnableUnauthorizedAccountError,
  parseAmount,
  saveAllowlist,
  type SdkError,
  type Allowlist,
  type Client,
  type Deployment,
} from "../../sdk/src/index.js";
import {
  FeeOnTransferToken__factory,
  MockStablecoin__factory,
  type MockStablecoin,
} from "../../types/typechain/index.js";
import { DAY, ONE, USDC } from "../fixtures/constants.js";
import { boundContracts, expectEveryErrorNamed, failure, registerAndLaunch, registerSlug } from "./fixture.js";

describe("SDK offering module", function () {
  let connection: NetworkConnection;
  let deployment: Deployment;
  let signers: Signer[];
  let team: Signer, alice: Signer, bob: Signer, carol: Signer, dave: Signer, eve: Signer;
  let addr: Record<"team" | "alice" | "bob" | "carol" | "dave" | "eve" | "fee", string>;
  let as: (signer: Signer) => Client;
  let client: Client;
  let stablecoin: MockStablecoin;
  let plainToken: string;
  let allowlist: Allowlist;
  let start: number;
  let end: number;
  let scratch: string;

  /** Registers `slug` and launches it: 30k tokens on sale of a 200k supply, 100k vesting to carol. */
  async function launch(
    slug: string,
    sale: {
      paymentToken?: string;
      price: bigint;
      softCap: bigint;
      hardCap: bigint;
      merkleRoot?: string;
      start?: number;
    },
  ) {
    const { start: saleStart = start, ...terms } = sale;
    await registerAndLaunch(deployment, team, slug, {
      start: saleStart,
      name: `${slug} token`,
      symbol: `${slug[0].toUpperCase()}MOD`,
      treasuryAmount: 70_000n * ONE,
      team: [{ beneficiary: addr.carol, amount: 100_000n * ONE, cliff: BigInt(30 * DAY), duration: BigInt(360 * DAY) }],
      sale: { tokensForSale: 30_000n * ONE, ...terms },
    });
  }

  before(async function () {
    connection = await network.create();
    signers = await connection.ethers.getSigners();
    [team, alice, bob, carol, dave, eve] = signers;
    const [t, a, b, c, d, e, f] = await Promise.all(signers.slice(0, 7).map((s) => s.getAddress()));
    addr = { team: t, alice: a, bob: b, carol: c, dave: d, eve: e, fee: f };
    deployment = await deployProtocol(connection, {
      record: false,
      parameters: { Protocol: { feeBps: 250, feeRecipient: addr.fee } },
    });
    as = (signer) => createClient({ runner: signer, deployment });
    client = as(team);
    scratch = await mkdtemp(path.join(os.tmpdir(), "sdk-offering-"));

    stablecoin = await new MockStablecoin__factory(team).deploy();
    const plain = await new FeeOnTransferToken__factory(team).deploy(0); // an ERC-20 without permit
    plainToken = await plain.getAddress();
    for (const who of [alice, bob, eve]) {
      await (await stablecoin.mint(await who.getAddress(), USDC(10_000))).wait();
      await (await plain.mint(await who.getAddress(), 1_000n * ONE)).wait();
    }
    allowlist = buildAllowlist([addr.alice, addr.bob, addr.dave]);

    const registry = ModelRegistry__factory.connect(deployment.contracts.ModelRegistry.address, team);
    await (await registry.setApprovalForAll(deployment.contracts.ModelLaunchFactory.address, true)).wait();
    start = (await connection.networkHelpers.time.latest()) + 1_000;
    end = start + DAY;
    // ETH: 0.001 ETH a token, so at most 30 ETH; soft cap 2 ETH, hard cap 10 ETH.
    await launch("eth-model", { price: ONE / 1000n, softCap: 2n * ONE, hardCap: 10n * ONE });
    // A 6-decimal stablecoin with permit, allowlisted: 2 mUSD a token, soft cap 1,000, hard cap 10,000.
    await launch("usd-model", {
      paymentToken: await stablecoin.getAddress(),
      price: USDC(2),
      softCap: USDC(1_000),
      hardCap: USDC(10_000),
      merkleRoot: allowlist.root,
    });
    // An ERC-20 without permit, with a soft cap nobody reaches.
    await launch("plain-model", {
      paymentToken: plainToken,
      price: ONE / 100n,
      softCap: 100n * ONE,
      hardCap: 200n * ONE,
    });
    // A sale that starts later, for the team to cancel.
    await launch("late-model", { price: ONE / 1000n, softCap: ONE, hardCap: 2n * ONE, start: start + 10 * DAY });
  });

  after(async function () {
    await connection.close();
    await rm(scratch, { recursive: true, force: true });
  });

  describe("before the sale", function () {
    it("lists every launched model with its token, payment asset, status and terms", async function () {
      const list = await client.offering.listOfferings();
      expect(list.map((o) => o.slug)).to.deep.equal(["eth-model", "usd-model", "plain-model", "late-model"]);
      expect(list.every((o) => o.status === "Upcoming" && !o.finalised)).to.equal(true);
      const [eth, usd, plain] = list;
      expect(eth).to.include({
        model: 1n,
        tokenSymbol: "EMOD",
        raised: 0n,
        softCap: 2n * ONE,
        hardCap: 10n * ONE,
        price: ONE / 1000n,
      });
      expect(eth.payment).to.deep.equal({ address: ZeroAddress, symbol: "ETH", decimals: 18, isEth: true });
      expect(usd.payment).to.deep.include({ symbol: "mUSD", decimals: 6, isEth: false });
      expect(plain.payment).to.deep.include({ symbol: "FEE", decimals: 18, address: plainToken });
      expect(eth.start.getTime()).to.equal(start * 1000);
      expect(eth.end.getTime()).to.equal(end * 1000);
      expect(eth.tokensForSale).to.equal(30_000n * ONE);
    });

    it("shows one sale in full: contracts, vesting wallets, terms, totals and the fee", async function () {
      const sale = await client.offering.getOffering("usd-model");
      const launched = await client.contracts.factory.launchOf(2n);
      expect(sale).to.include({
        token: launched.token,
        offering: launched.offering,
        governor: launched.governor,
        timelock: launched.timelock,
      });
      expect(sale.treasury).to.equal(launched.timelock);
      expect(sale.admin).to.equal(addr.team);
      expect(sale.fee).to.deep.equal({ recipient: addr.fee, bps: 250 });
      expect(sale.params.merkleRoot).to.equal(allowlist.root);
      expect(sale.totals).to.deep.equal({ deposits: 0n, settled: 0n, accepted: 0n, tokensSold: 0n, feeOwed: 0n });
      expect(sale.vestingWallets).to.have.length(1);
      const [wallet] = sale.vestingWallets;
      expect(wallet).to.include({ beneficiary: addr.carol, balance: 100_000n * ONE, released: 0n, releasable: 0n });
      expect(wallet.cliff.getTime() - wallet.start.getTime()).to.equal(30 * DAY * 1000);
      expect(
        (await client.offering.getOffering(1n, { fromBlock: deployment.contracts.ModelLaunchFactory.blockNumber }))
          .slug,
      ).to.equal("eth-model");
    });

    it("refuses a model that has not been launched, and deposits before the start", async function () {
      await registerSlug(deployment, team, "unlaunched");
      const notLaunched = await failure(client.offering.getOffering("unlaunched"));
      expect(notLaunched).to.be.instanceOf(OfferingNotFoundError);
      expect((notLaunched as SdkError).shortMessage).to.equal(
        "unlaunched (model #5) has not been launched: it has no offering.",
      );
      const early = await failure(as(alice).offering.buy({ model: "eth-model", amount: "1" }));
      expect(early).to.be.instanceOf(OfferingWrongStatusError);
      expect((early as OfferingWrongStatusError).status).to.equal("Upcoming");
      expect((early as SdkError).shortMessage).to.equal("This is not possible now: the sale has not started yet.");
    });

    it("lets only the team cancel a sale before it starts", async function () {
      const stranger = await failure(as(eve).offering.cancel({ model: "late-model" }));
      expect(stranger).to.be.instanceOf(OfferingNotAdminError);
      expect((stranger as SdkError).shortMessage).to.equal(
        `${addr.eve} is not the sale's team account: only the team may cancel it.`,
      );
      const { result } = await client.offering.cancel({ model: "late-model" });
      expect(result).to.include({ status: "Cancelled", finalised: true });
    });
  });

  describe("during the sale", function () {
    before(async function () {
      await connection.networkHelpers.time.increaseTo(start);
    });

    it("quotes a deposit at the current raise, with the outcome it would lead to", async function () {
      const q = await client.offering.quote({ model: "eth-model", amount: "6" });
      expect(q).to.deep.include({
        amount: 6n * ONE,
        tokens: 6_000n * ONE,
        refund: 0n,
        accepted: 6n * ONE,
        raised: 6n * ONE,
        outcome: "Succeeded",
        status: "Live",
      });
      expect((await client.offering.quote({ model: "eth-model", amount: "1" })).outcome).to.equal("Failed");
      expect((await client.offering.quote({ model: "usd-model", amount: "2.5" })).amount).to.equal(2_500_000n);
    });

    it("buys with ETH", async function () {
      const { result, receipt } = await as(alice).offering.buy({ model: "eth-model", amount: "6" });
      expect(receipt.status).to.equal(1);
      expect(result).to.deep.include({ method: "depositETH", deposited: 6n * ONE, total: 6n * ONE });
      expect(result.position).to.deep.equal({
        account: addr.alice,
        deposited: 6n * ONE,
        tokens: 6_000n * ONE,
        refund: 0n,
      });
      await as(bob).offering.buy({ model: "eth-model", amount: 9n * ONE });
    });

    it("quotes pro rata once the hard cap is passed", async function () {
      // 15 ETH in; 5 more makes 20 against a hard cap of 10: half of each deposit is kept.
      const q = await client.offering.quote({ model: "eth-model", amount: "5" });
      expect(q).to.deep.include({
        tokens: 2_500n * ONE,
        refund: 2_500_000_000_000_000_000n,
        raised: 20n * ONE,
        outcome: "Oversubscribed",
      });
      const position = await as(alice).offering.getPosition({ model: "eth-model" });
      expect(position).to.deep.equal({
        account: addr.alice,
        deposited: 6n * ONE,
        tokens: 4_000n * ONE,
        refund: 2n * ONE,
      });
    });

    it("buys with an ERC-20 by EIP-2612 permit, with a proof from the allowlist", async function () {
      const before = await stablecoin.balanceOf(addr.alice);
      const { result } = await as(alice).offering.buy({ model: "usd-model", amount: "1500", allowlist });
      expect(result).to.deep.include({ method: "depositWithPermit", deposited: USDC(1_500), total: USDC(1_500) });
      expect(result.approval).to.equal(undefined);
      expect(result.payment).to.deep.include({ symbol: "mUSD", decimals: 6 });
      expect(before - (await stablecoin.balanceOf(addr.alice))).to.equal(USDC(1_500));
      expect(await stablecoin.nonces(addr.alice)).to.equal(1n);
    });

    it("approves, then deposits, when asked not to use a permit", async function () {
      const { result } = await as(bob).offering.buy({
        model: "usd-model",
        amount: USDC(2_000),
        proof: allowlist.proof(addr.bob),
        permit: false,
      });
      expect(result.method).to.equal("deposit");
      expect(result.approval?.status).to.equal(1);
      expect(result.total).to.equal(USDC(2_000));
    });

    it("falls back to an approval for a token without permit", async function () {
      const { result } = await as(alice).offering.buy({ model: "plain-model", amount: "1.25" });
      expect(result).to.deep.include({ method: "deposit", deposited: 1_250_000_000_000_000_000n });
      expect(result.approval).to.not.equal(undefined);
      await as(bob).offering.buy({ model: "plain-model", amount: "2" });
    });

    it("prepares the approval and the deposit for an account without signing anything", async function () {
      const reader = createClient({ runner: connection.ethers.provider, deployment });
      const prepared = await reader.offering.prepareBuy({
        model: "usd-model",
        amount: "10",
        account: addr.dave,
        allowlist,
      });
      expect(prepared.method).to.equal("deposit");
      expect(prepared.transactions).to.have.length(2);
      expect(prepared.transactions[0].to).to.equal(await stablecoin.getAddress());
      expect(prepared.transactions[1].to).to.equal(prepared.offering);
      expect(prepared.proof).to.deep.equal(allowlist.proof(addr.dave));
      await (await stablecoin.mint(addr.dave, USDC(10))).wait();
      for (const transaction of prepared.transactions) await (await dave.sendTransaction(transaction)).wait();
      expect((await reader.offering.getPosition({ model: "usd-model", account: addr.dave })).deposited).to.equal(
        USDC(10),
      );
    });

    it("keeps those off the allowlist out, with a sentence", async function () {
      const offList = await failure(as(eve).offering.buy({ model: "usd-model", amount: "10", allowlist }));
      expect(offList).to.be.instanceOf(AllowlistError);
      expect((offList as SdkError).shortMessage).to.equal(`${addr.eve} is not on the allowlist.`);
      const refused = await failure(as(eve).offering.buy({ model: "usd-model", amount: "10", proof: [] }));
      expect(refused).to.be.instanceOf(OfferingNotAllowlistedError);
      expect((refused as SdkError).shortMessage).to.equal(
        `${addr.eve} is not on the sale's allowlist, or the proof given is wrong.`,
      );
      const otherList = buildAllowlist([addr.eve]);
      const mismatch = await failure(as(eve).offering.buy({ model: "usd-model", amount: "10", allowlist: otherList }));
      expect(mismatch).to.be.instanceOf(AllowlistError);
      expect((mismatch as SdkError).shortMessage).to.contain("is not the sale's");
    });

    it("refuses amounts it cannot read, and finalising while the sale is open", async function () {
      expect(await failure(as(alice).offering.buy({ model: "eth-model", amount: "1.5 ETH" }))).to.be.instanceOf(
        InvalidAmountError,
      );
      expect(
        await failure(as(alice).offering.buy({ model: "usd-model", amount: "0.0000001", allowlist })),
      ).to.be.instanceOf(InvalidAmountError);
      expect(await failure(as(alice).offering.buy({ model: "eth-model", amount: 0n }))).to.be.instanceOf(
        InvalidAmountError,
      );
      const open = await failure(client.offering.finalize({ model: "eth-model" }));
      expect(open).to.be.instanceOf(OfferingWrongStatusError);
      expect((open as SdkError).shortMessage).to.equal("This is not possible now: the sale is still open.");
    });

    it("shows the raise in the list while live", async function () {
      const list = await client.offering.listOfferings();
      const [eth, usd, plain, late] = list;
      expect(eth).to.include({ status: "Live", raised: 15n * ONE });
      expect(usd).to.include({ status: "Live", raised: USDC(3_510) });
      expect(plain.raised).to.equal(3_250_000_000_000_000_000n);
      expect(late.status).to.equal("Cancelled");
    });
  });

  describe("after the sale", function () {
    before(async function () {
      await connection.networkHelpers.time.increaseTo(end);
    });

    it("finalises an oversubscribed sale: the hard cap kept, the fee owed", async function () {
      expect((await client.offering.getOffering("eth-model")).status).to.equal("Ended");
      const { result } = await as(eve).offering.finalize({ model: "eth-model" });
      expect(result).to.deep.equal({
        status: "Oversubscribed",
        raised: 15n * ONE,
        accepted: 10n * ONE,
        tokensSold: 10_000n * ONE,
        fee: ONE / 4n,
      });
    });

    it("settles for someone else (a keeper), paying the depositor exact tokens and refund", async function () {
      const token = ModelToken__factory.connect((await client.offering.getOffering("eth-model")).token, team);
      const ethBefore = await connection.ethers.provider.getBalance(addr.alice);
      const { result } = await as(eve).offering.settle({ model: "eth-model", account: addr.alice });
      expect(result).to.deep.equal({
        account: addr.alice,
        to: addr.alice,
        caller: addr.eve,
        tokens: 4_000n * ONE,
        refund: 2n * ONE,
      });
      expect(await token.balanceOf(addr.alice)).to.equal(4_000n * ONE);
      expect((await connection.ethers.provider.getBalance(addr.alice)) - ethBefore).to.equal(2n * ONE);
      const again = await failure(as(eve).offering.settle({ model: "eth-model", account: addr.alice }));
      expect(again).to.be.instanceOf(OfferingNothingToSettleError);
      expect((again as SdkError).shortMessage).to.equal(
        `${addr.alice} has nothing to settle: it deposited nothing, or has settled already.`,
      );
    });

    it("refuses to claim to the zero address or to the sale, before anything is signed", async function () {
      const sale = (await client.offering.getOffering("eth-model")).offering;
      for (const to of [ZeroAddress, sale]) {
        const refused = await as(bob)
          .offering.prepareSettle({ model: "eth-model", to })
          .catch((e: unknown) => e);
        expect(refused).to.be.instanceOf(InvalidRecipientError);
      }
    });

    it("lets only the depositor send its tokens and refund elsewhere; a keeper settles them to the depositor", async function () {
      const elsewhere = await failure(
        as(eve).offering.prepareSettle({ model: "eth-model", account: addr.bob, to: addr.eve }),
      );
      expect(elsewhere).to.be.instanceOf(InvalidRecipientError);
      expect((elsewhere as SdkError).shortMessage).to.equal(
        `The tokens and refund of ${addr.bob}'s deposit go to ${addr.bob}: only the depositor may send them elsewhere.`,
      );
      const toDepositor = await as(eve).offering.prepareSettle({ model: "eth-model", account: addr.bob, to: addr.bob });
      expect(ModelOffering__factory.createInterface().parseTransaction(toDepositor)?.name).to.equal("settle");
      const byDepositor = await as(bob).offering.prepareSettle({ model: "eth-model", to: addr.dave });
      expect(ModelOffering__factory.createInterface().parseTransaction(byDepositor)?.args.to).to.equal(addr.dave);
    });

    it("claims to another address", async function () {
      const { result } = await as(bob).offering.settle({ model: "eth-model", to: addr.dave });
      expect(result).to.deep.equal({
        account: addr.bob,
        to: addr.dave,
        caller: addr.bob,
        tokens: 6_000n * ONE,
        refund: 3n * ONE,
      });
    });

    it("sweeps once everyone has settled, and pays the fee once", async function () {
      const { result: swept } = await client.offering.sweep({ model: "eth-model" });
      expect(swept).to.deep.equal({ tokens: 0n, payment: 0n });
      const before = await connection.ethers.provider.getBalance(addr.fee);
      const { result: paid } = await as(eve).offering.payFee({ model: "eth-model" });
      expect(paid).to.deep.equal({ recipient: addr.fee, amount: ONE / 4n });
      expect((await connection.ethers.provider.getBalance(addr.fee)) - before).to.equal(ONE / 4n);
      const twice = await failure(as(eve).offering.payFee({ model: "eth-model" }));
      expect(twice).to.be.instanceOf(OfferingNoFeeError);
      expect((twice as SdkError).shortMessage).to.equal("There is no protocol fee to pay out.");
      const sale = await client.offering.getOffering("eth-model");
      expect(sale.totals).to.deep.equal({
        deposits: 15n * ONE,
        settled: 15n * ONE,
        accepted: 10n * ONE,
        tokensSold: 10_000n * ONE,
        feeOwed: 0n,
      });
    });

    it("settles a sale nobody finalised (settling finalises it), and refunds in full below the soft cap", async function () {
      const { result: usd } = await as(alice).offering.settle({ model: "usd-model" });
      expect(usd).to.include({ tokens: 750n * ONE, refund: 0n });
      const { result: plain } = await as(alice).offering.settle({ model: "plain-model" });
      expect(plain).to.include({ tokens: 0n, refund: 1_250_000_000_000_000_000n });
      const statuses = (await client.offering.listOfferings()).map((o) => [o.slug, o.status, o.finalised]);
      expect(statuses).to.deep.equal([
        ["eth-model", "Oversubscribed", true],
        ["usd-model", "Succeeded", true],
        ["plain-model", "Failed", true],
        ["late-model", "Cancelled", true],
      ]);
    });
  });

  describe("portfolio and votes", function () {
    it("adds up an investor's tokens, settlements and pending deposits", async function () {
      const portfolio = await as(bob).offering.getPortfolio(addr.bob);
      expect(portfolio.account).to.equal(addr.bob);
      // Bob claimed his ETH-sale tokens to dave; his stablecoin deposit and his refund in the failed sale
      // wait to be settled.
      expect(portfolio.entries.map((e) => e.slug)).to.deep.equal(["eth-model", "usd-model", "plain-model"]);
      const [eth, usd, plain] = portfolio.entries;
      expect(eth).to.deep.include({ balance: 0n, pendingSettlement: false, totalTokens: 0n });
      expect(eth.settled).to.deep.include({ to: addr.dave, tokens: 6_000n * ONE, refund: 3n * ONE });
      expect(usd).to.deep.include({ pendingSettlement: true, totalTokens: 1_000n * ONE, status: "Succeeded" });
      expect(usd.position).to.deep.equal({
        account: addr.bob,
        deposited: USDC(2_000),
        tokens: 1_000n * ONE,
        refund: 0n,
      });
      expect(plain).to.deep.include({ pendingSettlement: true, totalTokens: 0n, status: "Failed" });
      expect(plain.position).to.deep.include({ deposited: 2n * ONE, tokens: 0n, refund: 2n * ONE });
      expect(portfolio.totals).to.deep.equal({
        models: 3,
        pendingSettlements: 2,
        refundsDue: [{ asset: plain.payment, amount: 2n * ONE }],
        vestingWallets: 0,
        claimableRevenue: [],
      });

      const alices = await client.offering.getPortfolio(addr.alice, {
        fromBlock: deployment.contracts.ModelLaunchFactory.blockNumber,
      });
      const eths = alices.entries.find((e) => e.slug === "eth-model")!;
      expect(eths).to.deep.include({
        balance: 4_000n * ONE,
        votes: 0n,
        delegate: undefined,
        totalTokens: 4_000n * ONE,
      });
      expect(eths.settled).to.deep.include({ tokens: 4_000n * ONE, refund: 2n * ONE });
    });

    it("lists tokens received by claim and an unsettled deposit; nothing for a stranger", async function () {
      // Dave received bob's ETH-sale tokens; his 10 mUSD in the succeeded sale buys 5 tokens. Eve has nothing.
      const daves = await client.offering.getPortfolio(addr.dave);
      const usd = daves.entries.find((e) => e.slug === "usd-model")!;
      expect(usd.position).to.deep.include({ tokens: 5n * ONE, refund: 0n });
      expect(daves.entries.find((e) => e.slug === "eth-model")!.balance).to.equal(6_000n * ONE);
      expect((await client.offering.getPortfolio(addr.eve)).entries).to.deep.equal([]);
    });

    it("shows a team member's vesting wallets with released and releasable amounts", async function () {
      let carols = await client.offering.getPortfolio(addr.carol);
      expect(carols.entries).to.have.length(4);
      expect(carols.totals.vestingWallets).to.equal(4);
      const [wallet] = carols.entries[0].vesting;
      expect(wallet).to.include({ beneficiary: addr.carol, balance: 100_000n * ONE, released: 0n, releasable: 0n });
      expect(carols.entries[0].totalTokens).to.equal(100_000n * ONE);

      // 120 days after the sale's end: a third of the 360-day schedule has vested (the 30-day cliff is behind).
      await connection.networkHelpers.time.increaseTo(end + 120 * DAY);
      carols = await client.offering.getPortfolio(addr.carol);
      const vested = carols.entries[0].vesting[0];
      const third = (100_000n * ONE * 120n) / 360n;
      expect(vested.releasable >= third && vested.releasable < third + ONE, `${vested.releasable}`).to.equal(true);
      const { result: released } = await as(eve).offering.releaseVesting({ wallet: vested.wallet });
      expect(released > vested.releasable - ONE && released < vested.releasable + ONE).to.equal(true);
      const after = (await client.offering.getPortfolio(addr.carol)).entries[0];
      expect(after.vesting[0].released).to.equal(released);
      expect(after.balance).to.equal(released);
      expect(after.totalTokens).to.equal(100_000n * ONE);
    });

    it("delegates held tokens to self, and a vesting wallet's votes by its beneficiary only", async function () {
      const { result } = await as(alice).governance.delegateVotes({ model: "eth-model" });
      expect(result).to.deep.equal({ account: addr.alice, delegate: addr.alice, votes: 4_000n * ONE });
      const { result: toBob } = await as(dave).governance.delegateVotes({ model: "eth-model", to: addr.bob });
      expect(toBob.votes).to.equal(6_000n * ONE);
      expect((await client.offering.getPortfolio(addr.bob)).entries[0]).to.deep.include({
        votes: 6_000n * ONE,
        balance: 0n,
      });

      const wallet = (await client.offering.getOffering("eth-model")).vestingWallets[0];
      const notOwner = await failure(as(eve).offering.delegateVesting({ wallet: wallet.wallet, to: addr.eve }));
      expect(notOwner).to.be.instanceOf(OwnableUnauthorizedAccountError);
      expect((notOwner as SdkError).shortMessage).to.equal(
        `${addr.eve} is not the owner (for a vesting wallet: its beneficiary), so it may not do this.`,
      );
      const { result: vestingVotes } = await as(carol).offering.delegateVesting({ wallet: wallet.wallet });
      expect(vestingVotes).to.include({ account: wallet.wallet, delegate: addr.carol, votes: wallet.balance });
      const carols = (await client.offering.getPortfolio(addr.carol)).entries[0];
      expect(carols.vesting[0].delegate).to.equal(addr.carol);
      expect(carols.votes).to.equal(wallet.balance);
    });
  });

  describe("allowlists and amounts", function () {
    it("saves and loads an allowlist tree that proves the same as the contract checks", async function () {
      const file = path.join(scratch, "allowlist.json");
      await saveAllowlist(file, allowlist);
      const loaded = await loadAllowlist(file);
      expect(loaded.root).to.equal(allowlist.root);
      expect(loaded.accounts).to.deep.equal([addr.alice, addr.bob, addr.dave]);
      expect(loaded.has(addr.bob.toLowerCase())).to.equal(true);
      expect(loaded.proof(addr.bob)).to.deep.equal(allowlist.proof(addr.bob));
      // A plain array of addresses gives the same tree.
      await writeFile(path.join(scratch, "plain.json"), JSON.stringify([addr.alice, addr.bob, addr.dave]));
      expect((await loadAllowlist(path.join(scratch, "plain.json"))).root).to.equal(allowlist.root);
      // A tampered tree is refused.
      const data = JSON.parse(await readFile(file, "utf8"));
      data.values[0].value[0] = addr.eve;
      expect(() => allowlistFromJson(data)).to.throw(AllowlistError, "corrupt");
      expect(() => buildAllowlist(["not-an-address"])).to.throw(AllowlistError);
    });

    it("parses and formats amounts in whole units", function () {
      expect(parseAmount("1.5", 18)).to.equal(1_500_000_000_000_000_000n);
      expect(parseAmount("2.25", 6)).to.equal(2_250_000n);
      expect(parseAmount(".5", 6)).to.equal(500_000n);
      expect(parseAmount("1.500000000", 6)).to.equal(1_500_000n);
      for (const bad of ["-1", "1e3", "abc", "", "1.2.3"])
        expect(() => parseAmount(bad, 18), bad).to.throw(InvalidAmountError);
      expect(() => parseAmount("0.0000001", 6)).to.throw(InvalidAmountError, "more than 6 decimals");
      expect(formatAmount(1_500_000_000_000_000_000n, 18)).to.equal("1.5");
      expect(formatAmount(2_000_000n, 6)).to.equal("2");
    });
  });

  describe("errors", function () {
    it("has a named class and a sentence for every custom error of every contract the SDK binds", function () {
      const contracts = boundContracts();
      expect(contracts.map(([name]) => name)).to.include.members([
        "ModelOffering",
        "ModelLaunchFactory",
        "ModelToken",
        "ModelVestingWallet",
        "ModelGovernor",
        "ModelTimelock",
        "ProtocolToken",
        "ProtocolGovernor",
        "Subnets",
        "YumaEpoch",
      ]);
      let count = 0;
      for (const [contract, iface] of contracts) count += expectEveryErrorNamed(contract, iface).length;
      expect(count).to.be.greaterThan(60);
    });

    it("says in words what a status, a proposal state or a role means", function () {
      const offering = ModelOffering__factory.createInterface();
      const governor = ModelGovernor__factory.createInterface();
      const timelock = ModelTimelock__factory.createInterface();
      const say = (iface: Interface, name: string, args: unknown[]) =>
        (decodeRevert({ code: "CALL_EXCEPTION", data: iface.encodeErrorResult(name, args) }, [iface]) as SdkError)
          .shortMessage;
      expect(say(offering, "OfferingWrongStatus", [2])).to.equal(
        "This is not possible now: the sale has ended but is not finalised yet.",
      );
      expect(say(offering, "OfferingWrongPaymentAsset", [ZeroAddress])).to.equal(
        "This sale is paid in ETH, not in an ERC-20.",
      );
      expect(
        say(governor, "GovernorUnexpectedProposalState", [7n, 1, `0x${(0b10000).toString(16).padStart(64, "0")}`]),
      ).to.equal("Proposal 7 is active, but this needs it to be succeeded.");
      expect(say(timelock, "AccessControlUnauthorizedAccount", [addr.eve, id("PROPOSER_ROLE")])).to.equal(
        `${addr.eve} does not have the role PROPOSER_ROLE that this needs.`,
      );
    });
  });
});
