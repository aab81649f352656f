import { expect } from "chai";
import type { Signer } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { deployProtocol } from "../../deploy/protocol.js";
import {
  createClient,
  decodeRevert,
  ERC20InsufficientBalanceError,
  InvalidAmountError,
  ModelRegistry__factory,
  ModelToken__factory,
  NATIVE_ASSET,
  OfferingNotFoundError,
  RevenueAssetAlreadyAllowedError,
  RevenueAssetNotAllowedError,
  RevenueExcludeNotContractError,
  RevenueClaimForContractError,
  RevenueExclusionHolderError,
  RevenueExclusionUnchangedError,
  RevenueHolderForwardsError,
  RevenueNoReserveError,
  RevenueNotModelDaoError,
  RevenueNothingToClaimError,
  RevenueSettingError,
  type SdkError,
  UnknownRevenueAssetError,
  type Client,
  type DaoCall,
  type Deployment,
  type ModelToken,
  type RevenueView,
} from "../../sdk/src/index.js";
import {
  FeeOnTransferToken__factory,
  MockStablecoin__factory,
  type MockStablecoin,
} from "../../types/typechain/index.js";
import { DAY, ONE, USDC } from "../fixtures/constants.js";
import { expectEveryErrorNamed, failure, registerAndLaunch, registerSlug } from "./fixture.js";

const Q96 = 1n << 96n;

describe("SDK revenue module", function () {
  let connection: NetworkConnection;
  let deployment: Deployment;
  let team: Signer, alice: Signer, bob: Signer, payer: Signer, eve: Signer;
  let addr: Record<"team" | "alice" | "bob" | "carol" | "payer" | "eve", string>;
  let as: (signer: Signer) => Client;
  let client: Client;
  let stablecoin: MockStablecoin;
  let usd: string;
  let plainToken: string;
  let token: ModelToken;
  let streamToken: ModelToken;
  let timelock: string;

  /**
   * Registers `slug` and launches it: 200k tokens, 30k on sale (ETH), 70k to the treasury, 50k straight to
   * alice (the liquidity allocation), 50k vesting to carol.
   */
  async function launch(
    slug: string,
    revenue: { reserveBps: number; streamDuration: number; assets: string[] },
  ): Promise<ModelToken> {
    const launched = await registerAndLaunch(deployment, team, slug, {
      name: `${slug} token`,
      symbol: `${slug[0].toUpperCase()}REV`,
      treasuryAmount: 70_000n * ONE,
      liquidityAmount: 50_000n * ONE,
      liquidityRecipient: addr.alice,
      team: [{ beneficiary: addr.carol, amount: 50_000n * ONE, duration: BigInt(360 * DAY) }],
      sale: { tokensForSale: 30_000n * ONE, softCap: ONE, hardCap: 10n * ONE },
      dao: { proposalThreshold: ONE },
      revenue,
    });
    return ModelToken__factory.connect(launched.token, team);
  }

  /** Runs a DAO call as the model's timelock would after a proposal passed. */
  async function asDao(call: DaoCall): Promise<void> {
    await connection.networkHelpers.impersonateAccount(timelock);
    await connection.networkHelpers.setBalance(timelock, ONE);
    const dao = await connection.ethers.getSigner(timelock);
    await (await dao.sendTransaction({ to: call.to, data: call.data, value: call.value })).wait();
    await connection.networkHelpers.stopImpersonatingAccount(timelock);
  }

  /**
   * What `balance` token units earn of `shared` units released to `eligible` at once, as the contract rounds
   * when the balance has not moved since.
   */
  const share = (shared: bigint, eligible: bigint, balance: bigint): bigint =>
    (((shared << 96n) / eligible) * balance) / Q96;

  /** The identities every asset's figures must satisfy, to the unit. */
  function expectBalanced(revenue: RevenueView): void {
    expect(revenue.scan.complete, "scan complete").to.equal(true);
    for (const a of revenue.assets) {
      expect(a.released + a.unreleased + a.reserved, `${a.asset.symbol} deposited`).to.equal(a.deposited);
      expect(a.claimed + a.outstanding, `${a.asset.symbol} released`).to.equal(a.released);
      expect(a.reservePaid + a.reserve, `${a.asset.symbol} reserved`).to.equal(a.reserved);
      expect(a.unreleased + a.outstanding + a.reserve, `${a.asset.symbol} held`).to.equal(a.held);
    }
  }

  before(async function () {
    connection = await network.create();
    const signers = await connection.ethers.getSigners();
    [team, alice, bob, , payer, eve] = signers;
    const [t, a, b, c, p, e] = await Promise.all(signers.slice(0, 6).map((s) => s.getAddress()));
    addr = { team: t, alice: a, bob: b, carol: c, payer: p, eve: e };
    deployment = await deployProtocol(connection, { record: false });
    as = (signer) => createClient({ runner: signer, deployment });
    client = as(team);

    stablecoin = await new MockStablecoin__factory(team).deploy();
    usd = await stablecoin.getAddress();
    plainToken = await (await new FeeOnTransferToken__factory(team).deploy(0)).getAddress();
    await (await stablecoin.mint(addr.payer, USDC(100_000))).wait();
    const registry = ModelRegistry__factory.connect(deployment.contracts.ModelRegistry.address, team);
    await (await registry.setApprovalForAll(deployment.contracts.ModelLaunchFactory.address, true)).wait();

    // 10% of every deposit goes to the burn-to-redeem reserve; ETH and the stablecoin, released at once.
    token = await launch("rev-model", { reserveBps: 1_000, streamDuration: 0, assets: [usd] });
    // No reserve; ETH released over a day.
    streamToken = await launch("stream-model", { reserveBps: 0, streamDuration: DAY, assets: [] });
    timelock = (await client.offering.getOffering("rev-model")).timelock;
    // Bob buys 20k of alice's tokens before any revenue arrives.
    await (await token.connect(alice).transfer(addr.bob, 20_000n * ONE)).wait();
  });

  after(async function () {
    await connection.close();
  });

  describe("before any deposit", function () {
    it("shows the token's revenue assets, settings and zero totals", async function () {
      const revenue = await client.revenue.getRevenue("rev-model");
      expect(revenue).to.include({
        slug: "rev-model",
        token: await token.getAddress(),
        dao: timelock,
        reserveBps: 1_000,
        tokenSymbol: "RREV",
      });
      expect(revenue.totalSupply).to.equal(200_000n * ONE);
      expect(revenue.eligibleSupply).to.equal(200_000n * ONE);
      expect(revenue.assets.map((a) => a.asset)).to.deep.equal([
        { address: NATIVE_ASSET, symbol: "ETH", decimals: 18, isEth: true },
        { address: usd, symbol: "mUSD", decimals: 6, isEth: false },
      ]);
      for (const a of revenue.assets) {
        expect(a).to.deep.include({
          active: true,
          streamDuration: 0,
          streamEnd: undefined,
          deposits: 0,
          deposited: 0n,
          held: 0n,
          outstanding: 0n,
        });
      }
      expectBalanced(revenue);
      expect(
        (await client.revenue.getRevenue("stream-model")).assets.map((a) => [a.asset.symbol, a.streamDuration]),
      ).to.deep.equal([["ETH", DAY]]);
    });

    it("names assets as ETH, by address or by symbol, and says which it takes otherwise", async function () {
      const resolve = (asset: string) => client.revenue.resolveRevenueAsset({ model: "rev-model", asset });
      expect((await resolve("eth")).address).to.equal(NATIVE_ASSET);
      expect((await resolve(NATIVE_ASSET.toLowerCase())).isEth).to.equal(true);
      expect((await resolve("MUSD")).address).to.equal(usd);
      expect((await resolve(usd.toLowerCase())).symbol).to.equal("mUSD");
      const unknown = await failure(resolve("DAI"));
      expect(unknown).to.be.instanceOf(UnknownRevenueAssetError);
      expect((unknown as SdkError).shortMessage).to.equal(
        `"DAI" is not a revenue asset of rev-model's token, which takes ETH, mUSD.`,
      );
    });

    it("refuses a model that has not been launched", async function () {
      await registerSlug(deployment, team, "no-token");
      const error = await failure(client.revenue.getRevenue("no-token"));
      expect(error).to.be.instanceOf(OfferingNotFoundError);
      expect((error as SdkError).shortMessage).to.equal(
        "no-token (model #3) has not been launched: it has no token to share revenue with.",
      );
    });
  });

  describe("deposits", function () {
    it("deposits ETH: 10% to the reserve, the rest released at once", async function () {
      const { result, receipt } = await as(payer).revenue.depositRevenue({ model: "rev-model", amount: "10" });
      expect(receipt.status).to.equal(1);
      expect(result).to.deep.include({
        method: "depositETH",
        amount: 10n * ONE,
        from: addr.payer,
        reserved: ONE,
        stream: undefined,
        approval: undefined,
      });
      expect(result.asset.isEth).to.equal(true);
      const claimable = await client.revenue.getClaimable({ model: "rev-model", account: addr.alice });
      expect(claimable.claimable[0]).to.deep.equal({
        asset: result.asset,
        amount: share(9n * ONE, 200_000n * ONE, 30_000n * ONE),
      });
      expect(claimable.claimable[1].amount).to.equal(0n);
      expect(claimable.forwards).to.equal(false);
    });

    it("deposits an ERC-20 named by its symbol with an EIP-2612 permit: one transaction", async function () {
      const before = await stablecoin.balanceOf(addr.payer);
      const { result } = await as(payer).revenue.depositRevenue({ model: "rev-model", amount: "1000", asset: "mUSD" });
      expect(result).to.deep.include({
        method: "depositWithPermit",
        amount: USDC(1_000),
        reserved: USDC(100),
        approval: undefined,
      });
      expect(result.asset.address).to.equal(usd);
      expect(before - (await stablecoin.balanceOf(addr.payer))).to.equal(USDC(1_000));
      expect(await stablecoin.nonces(addr.payer)).to.equal(1n);
    });

    it("approves, then deposits, when asked not to use a permit", async function () {
      const { result } = await as(payer).revenue.depositRevenue({
        model: "rev-model",
        amount: USDC(500),
        asset: usd,
        permit: false,
      });
      expect(result.method).to.equal("deposit");
      expect(result.approval?.status).to.equal(1);
      expect(result.amount).to.equal(USDC(500));
    });

    it("prepares the approval and the deposit for an account without signing anything", async function () {
      const reader = createClient({ runner: connection.ethers.provider, deployment });
      const prepared = await reader.revenue.prepareDepositRevenue({
        model: "rev-model",
        amount: "1",
        asset: "mUSD",
        account: addr.payer,
      });
      expect(prepared.method).to.equal("deposit");
      expect(prepared.transactions.map((t) => t.to)).to.deep.equal([usd, await token.getAddress()]);
      expect(prepared.amount).to.equal(USDC(1));
    });

    it("refuses, before sending anything, an amount the depositor does not hold, an unknown asset and zero", async function () {
      const poor = await failure(as(eve).revenue.depositRevenue({ model: "rev-model", amount: "1", asset: "mUSD" }));
      expect(poor).to.be.instanceOf(ERC20InsufficientBalanceError);
      expect((poor as SdkError).shortMessage).to.equal(`${addr.eve} holds 0 token units but 1000000 are needed.`);
      const notAllowed = await failure(
        as(payer).revenue.depositRevenue({ model: "rev-model", amount: "1", asset: plainToken }),
      );
      expect(notAllowed).to.be.instanceOf(RevenueAssetNotAllowedError);
      expect((notAllowed as SdkError).shortMessage).to.equal(
        `${plainToken} is not accepted as revenue by this token: its DAO has not allowed it, or has removed it.`,
      );
      expect(await failure(as(payer).revenue.depositRevenue({ model: "rev-model", amount: "0" }))).to.be.instanceOf(
        InvalidAmountError,
      );
    });
  });

  describe("claims", function () {
    it("claims every asset to another address", async function () {
      const ethBefore = await connection.ethers.provider.getBalance(addr.eve);
      const { result } = await as(alice).revenue.claimRevenue({ model: "rev-model", to: addr.eve });
      const eth = share(9n * ONE, 200_000n * ONE, 30_000n * ONE);
      // 900 + 450 mUSD shared, released at once in two deposits: the accumulator grows by a floor each time.
      const accumulator = (USDC(900) << 96n) / (200_000n * ONE) + (USDC(450) << 96n) / (200_000n * ONE);
      const musd = (accumulator * 30_000n * ONE) / Q96;
      expect(result.holder).to.equal(addr.alice);
      expect(result.to).to.equal(addr.eve);
      expect(result.claims.map((c) => [c.asset.symbol, c.amount])).to.deep.equal([
        ["ETH", eth],
        ["mUSD", musd],
      ]);
      expect((await connection.ethers.provider.getBalance(addr.eve)) - ethBefore).to.equal(eth);
      expect(await stablecoin.balanceOf(addr.eve)).to.equal(musd);
    });

    it("says in a sentence that there is nothing left to claim", async function () {
      const all = await failure(as(alice).revenue.claimRevenue({ model: "rev-model" }));
      expect(all).to.be.instanceOf(RevenueNothingToClaimError);
      expect((all as RevenueNothingToClaimError).holder).to.equal(addr.alice);
      expect((all as SdkError).shortMessage).to.equal(`${addr.alice} has no revenue to claim in any asset.`);
      const eth = await failure(as(alice).revenue.claimRevenue({ model: "rev-model", asset: "ETH" }));
      expect((eth as SdkError).shortMessage).to.equal(`${addr.alice} has no ETH revenue to claim.`);
    });

    it("claims one asset for another holder, paid to that holder", async function () {
      const before = await stablecoin.balanceOf(addr.bob);
      const { result } = await as(eve).revenue.claimRevenue({ model: "rev-model", holder: addr.bob, asset: "mUSD" });
      expect(result).to.deep.include({ holder: addr.bob, to: addr.bob });
      expect(result.claims).to.have.length(1);
      expect((await stablecoin.balanceOf(addr.bob)) - before).to.equal(result.claims[0].amount);
      const elsewhere = await failure(
        as(eve).revenue.claimRevenue({ model: "rev-model", holder: addr.bob, to: addr.eve }),
      );
      expect((elsewhere as SdkError).shortMessage).to.equal(
        `Revenue claimed for ${addr.bob} is paid to ${addr.bob}: only a holder may send its own revenue elsewhere.`,
      );
      // Bob's ETH is still there for him.
      expect(
        (await client.revenue.getClaimable({ model: "rev-model", account: addr.bob })).claimable[0].amount,
      ).to.equal(share(9n * ONE, 200_000n * ONE, 20_000n * ONE));
    });

    it("refuses to claim for the sale, whose earnings go to its buyers", async function () {
      const sale = (await client.offering.getOffering("rev-model")).offering;
      expect((await client.revenue.getClaimable({ model: "rev-model", account: sale })).forwards).to.equal(true);
      const error = await failure(as(eve).revenue.claimRevenue({ model: "rev-model", holder: sale }));
      expect(error).to.be.instanceOf(RevenueHolderForwardsError);
      expect((error as SdkError).shortMessage).to.contain("passes its revenue on with its tokens (it is the sale)");
    });

    it("keeps what a holder earned after it sells, and shows it in the portfolio", async function () {
      await (await token.connect(bob).transfer(addr.carol, 10_000n * ONE)).wait();
      const portfolio = await client.offering.getPortfolio(addr.bob);
      const entry = portfolio.entries.find((e) => e.slug === "rev-model")!;
      expect(entry.balance).to.equal(10_000n * ONE);
      // Each side of a transfer rounds against the account: at most a unit of dust stays in the token.
      expect(entry.revenue.map((r) => r.asset.symbol)).to.deep.equal(["ETH", "mUSD"]);
      expect(share(9n * ONE, 200_000n * ONE, 20_000n * ONE) - entry.revenue[0].amount).to.be.within(0n, 1n);
      expect(entry.revenue[1].amount).to.equal(0n);
      expect(portfolio.totals.claimableRevenue).to.deep.equal([
        { asset: entry.revenue[0].asset, amount: entry.revenue[0].amount },
      ]);
      // Eve holds no tokens but has nothing to claim either: not in any portfolio entry.
      expect((await client.offering.getPortfolio(addr.eve)).entries).to.deep.equal([]);
    });
  });

  describe("a holder's own exclusion", function () {
    it("excludes the signer's tokens, which stop earning and keep what they earned, and includes them again", async function () {
      const before = await client.revenue.getRevenue("stream-model");
      expect(before.minEligibleSupply).to.equal((200_000n * ONE) >> 10n);
      const alices = as(alice).revenue;
      const { result } = await alices.setOwnRevenueExclusion({ model: "stream-model" });
      expect(result).to.deep.equal({
        account: addr.alice,
        excluded: true,
        balance: 50_000n * ONE,
        eligibleSupply: before.eligibleSupply - 50_000n * ONE,
      });
      const mine = await alices.getClaimable({ model: "stream-model" });
      expect([mine.excluded, mine.excludedBySelf]).to.deep.equal([true, true]);
      // A change that changes nothing is refused before anything is sent, in words.
      const twice = await failure(alices.setOwnRevenueExclusion({ model: "stream-model", excluded: true }));
      expect(twice).to.be.instanceOf(RevenueExclusionUnchangedError);
      expect((twice as SdkError).shortMessage).to.equal(`${addr.alice} is excluded from revenue sharing already.`);
      // The DAO cannot include it again; the holder can.
      const dao = await failure(
        client.revenue.buildSetRevenueExclusion({ model: "stream-model", account: addr.alice, excluded: false }),
      );
      expect((dao as SdkError).shortMessage).to.equal(
        `${addr.alice} excluded itself from revenue sharing: only it may include itself again, not the DAO.`,
      );
      const prepared = await alices.prepareSetOwnRevenueExclusion({ model: "stream-model", excluded: false });
      expect(prepared.data).to.equal(streamToken.interface.encodeFunctionData("setExcludedSelf", [false]));
      const back = await alices.setOwnRevenueExclusion({ model: "stream-model", excluded: false });
      expect(back.result).to.deep.include({ excluded: false, eligibleSupply: before.eligibleSupply });
    });
  });

  describe("burn-to-redeem", function () {
    it("pays a burned share of every reserve, as quoted", async function () {
      const quoted = await client.revenue.getRedeemable({ model: "rev-model", amount: "1000" });
      // Reserves: 1 ETH and 150 mUSD; 1,000 of 200,000 tokens is 0.5%.
      expect(quoted.paid.map((p) => p.amount)).to.deep.equal([ONE / 200n, 750_000n]);
      const ethBefore = await connection.ethers.provider.getBalance(addr.eve);
      const { result } = await as(bob).revenue.redeemReserve({ model: "rev-model", amount: "1000", to: addr.eve });
      expect(result).to.deep.include({ holder: addr.bob, to: addr.eve, burned: 1_000n * ONE });
      expect(result.paid).to.deep.equal(quoted.paid);
      expect((await connection.ethers.provider.getBalance(addr.eve)) - ethBefore).to.equal(ONE / 200n);
      expect(await token.totalSupply()).to.equal(199_000n * ONE);
      // What bob's burned tokens earned before stays his to claim (less a unit of rounding per balance change).
      const kept = (await client.revenue.getClaimable({ model: "rev-model", account: addr.bob })).claimable[0].amount;
      expect(share(9n * ONE, 200_000n * ONE, 20_000n * ONE) - kept).to.be.within(0n, 2n);
    });

    it("refuses to redeem from a token launched without a reserve", async function () {
      const error = await failure(as(alice).revenue.redeemReserve({ model: "stream-model", amount: "1" }));
      expect(error).to.be.instanceOf(RevenueNoReserveError);
      expect((error as SdkError).shortMessage).to.equal(
        "This token was launched without a reserve: there is nothing to redeem tokens for.",
      );
    });
  });

  describe("totals", function () {
    it("adds deposits, releases, claims and the reserve up to what the token holds, to the unit", async function () {
      const revenue = await client.revenue.getRevenue("rev-model");
      expectBalanced(revenue);
      const [eth, musd] = revenue.assets;
      expect(eth).to.deep.include({
        deposits: 1,
        deposited: 10n * ONE,
        reserved: ONE,
        released: 9n * ONE,
        reservePaid: ONE / 200n,
        unreleased: 0n,
      });
      expect(eth.claimed).to.equal(share(9n * ONE, 200_000n * ONE, 30_000n * ONE));
      expect(musd).to.deep.include({
        deposits: 2,
        deposited: USDC(1_500),
        reserved: USDC(150),
        released: USDC(1_350),
        reservePaid: 750_000n,
      });
      expect(musd.held).to.equal(await stablecoin.balanceOf(await token.getAddress()));
      expect(eth.held).to.equal(await connection.ethers.provider.getBalance(await token.getAddress()));
      // The same in small chunks of blocks, and from a block after the deposits (then it says so).
      const chunked = await client.revenue.getRevenue("rev-model", { blockRange: 3 });
      expect(chunked.assets).to.deep.equal(revenue.assets);
      const late = await client.revenue.getRevenue("rev-model", { fromBlock: revenue.scan.toBlock });
      expect(late.scan.complete).to.equal(false);
    });

    it("streams a deposit over the stream duration: released and unreleased add up as time passes", async function () {
      const { result } = await as(payer).revenue.depositRevenue({ model: "stream-model", amount: "2" });
      const started = await connection.networkHelpers.time.latest();
      expect(result.stream).to.deep.equal({ amount: 2n * ONE, end: new Date((started + DAY) * 1000) });
      await connection.networkHelpers.time.increase(DAY / 4);
      const quarter = (await client.revenue.getRevenue("stream-model")).assets[0];
      expect(quarter.streamEnd).to.deep.equal(new Date((started + DAY) * 1000));
      expect(quarter.unreleased > 0n && quarter.released > 0n).to.equal(true);
      expect(quarter.released + quarter.unreleased).to.equal(2n * ONE);
      // A quarter of the day has passed (give or take the seconds the blocks took).
      expect(quarter.released).to.be.within(ONE / 2n - ONE / 1000n, ONE / 2n + ONE / 1000n);
      await connection.networkHelpers.time.increase(DAY);
      const done = await client.revenue.getRevenue("stream-model");
      expect(done.assets[0]).to.deep.include({ unreleased: 0n, streamEnd: undefined, released: 2n * ONE });
      expectBalanced(done);
      const { result: claimed } = await as(alice).revenue.claimRevenue({ model: "stream-model" });
      // Alice holds a quarter of the supply (her liquidity tokens of this model); the stream rounds down.
      expect(await streamToken.balanceOf(addr.alice)).to.equal(50_000n * ONE);
      expect(ONE / 2n - claimed.claims[0].amount).to.be.within(0n, 1_000n);
      expectBalanced(await client.revenue.getRevenue("stream-model"));
    });
  });

  describe("calls for the DAO", function () {
    it("builds calls that the DAO's timelock can execute, checked as the DAO beforehand", async function () {
      const allow = await client.revenue.buildAllowRevenueAsset({ model: "rev-model", asset: plainToken });
      expect(allow).to.deep.equal({
        to: await token.getAddress(),
        data: token.interface.encodeFunctionData("allowAsset", [plainToken]),
        value: 0n,
        description: `Accept FEE (${plainToken}) as revenue of rev-model's token.`,
      });
      await asDao(allow);
      const stream = await client.revenue.buildSetStreamDuration({ model: "rev-model", asset: "FEE", duration: "7d" });
      expect(stream.description).to.equal("Release new FEE revenue of rev-model's token over 7 days.");
      await asDao(stream);
      await asDao(await client.revenue.buildRemoveRevenueAsset({ model: "rev-model", asset: "mUSD" }));
      const revenue = await client.revenue.getRevenue("rev-model");
      expect(revenue.assets.map((a) => [a.asset.symbol, a.active, a.streamDuration])).to.deep.equal([
        ["ETH", true, 0],
        ["mUSD", false, 0],
        ["FEE", true, 7 * DAY],
      ]);
      // A removed asset is refused before anything is signed, and what it paid stays claimable.
      const removed = await failure(
        as(payer).revenue.depositRevenue({ model: "rev-model", amount: "1", asset: "mUSD" }),
      );
      expect(removed).to.be.instanceOf(RevenueAssetNotAllowedError);
      const [wallet] = (await client.offering.getOffering("rev-model")).vestingWallets;
      const { result } = await as(eve).revenue.claimRevenue({
        model: "rev-model",
        asset: "mUSD",
        holder: wallet.wallet,
      });
      expect(result.claims[0].amount).to.equal(
        (((USDC(900) << 96n) / (200_000n * ONE) + (USDC(450) << 96n) / (200_000n * ONE)) * 50_000n * ONE) / Q96,
      );
    });

    it("refuses calls that would fail today with the contract's own error, and settings out of bounds", async function () {
      const twice = await failure(client.revenue.buildAllowRevenueAsset({ model: "rev-model", asset: plainToken }));
      expect(twice).to.be.instanceOf(RevenueAssetAlreadyAllowedError);
      expect((twice as SdkError).shortMessage).to.equal(`${plainToken} is accepted as revenue already.`);
      const person = await failure(client.revenue.buildSetRevenueExclusion({ model: "rev-model", account: addr.eve }));
      expect(person).to.be.instanceOf(RevenueExcludeNotContractError);
      const unchecked = await client.revenue.buildSetRevenueExclusion({
        model: "rev-model",
        account: addr.eve,
        simulate: false,
      });
      expect(unchecked.data).to.equal(token.interface.encodeFunctionData("setExcluded", [addr.eve, true]));
      const long = await failure(
        client.revenue.buildSetStreamDuration({ model: "rev-model", asset: "ETH", duration: "181d" }),
      );
      expect(long).to.be.instanceOf(RevenueSettingError);
      expect((long as SdkError).shortMessage).to.equal(
        "A stream of 181 days is longer than the 180 days a model token allows.",
      );
      expect(
        await failure(client.revenue.buildSetStreamDuration({ model: "rev-model", asset: "ETH", duration: "a week" })),
      ).to.be.instanceOf(RevenueSettingError);
      // Anyone else calling the token directly is refused, in words.
      const direct = await token
        .connect(eve)
        .allowAsset(usd)
        .catch((error: unknown) => decodeRevert(error, [token.interface]));
      expect(direct).to.be.instanceOf(RevenueNotModelDaoError);
      expect((direct as SdkError).shortMessage).to.equal(
        `${addr.eve} is not the model's DAO: only its timelock, through a proposal that passed, may change revenue settings.`,
      );
    });

    it("excludes a contract before it holds anything and recovers tokens sent without a deposit", async function () {
      // A contract that could never claim (standing in for an AMM pool), excluded before anyone fills it.
      const pool = plainToken;
      const exclude = await client.revenue.buildSetRevenueExclusion({ model: "rev-model", account: pool });
      expect(exclude.description).to.equal(
        `Exclude ${pool} from rev-model's revenue sharing: tokens sent there will not earn.`,
      );
      await asDao(exclude);
      await (await token.connect(alice).transfer(pool, 5_000n * ONE)).wait();
      // Once it holds tokens, only it could change that.
      const again = await failure(
        client.revenue.buildSetRevenueExclusion({ model: "rev-model", account: pool, excluded: false }),
      );
      expect(again).to.be.instanceOf(RevenueExclusionHolderError);
      // Nobody can push revenue into it either: a contract that was not minted to at launch claims for itself.
      const pushed = await failure(as(eve).revenue.claimRevenue({ model: "rev-model", holder: pool }));
      expect(pushed).to.be.instanceOf(RevenueClaimForContractError);
      expect((pushed as RevenueClaimForContractError).holder).to.equal(pool);
      const excluded = await client.revenue.getRevenue("rev-model");
      expect(excluded.eligibleSupply).to.equal(excluded.totalSupply - 5_000n * ONE);
      expect(excluded.assets.every((a) => a.eligibleSupply === excluded.eligibleSupply)).to.equal(true);

      await (await stablecoin.connect(payer).transfer(await token.getAddress(), USDC(7))).wait();
      const recover = await client.revenue.buildRecoverSurplus({ model: "rev-model", asset: usd });
      expect(recover.description).to.equal(
        `Send the mUSD (${usd}) that rev-model's token holds beyond what it owes to ${timelock}.`,
      );
      const before = await stablecoin.balanceOf(timelock);
      await asDao(recover);
      expect((await stablecoin.balanceOf(timelock)) - before).to.equal(USDC(7));
      expectBalanced(await client.revenue.getRevenue("rev-model"));
    });
  });

  describe("errors", function () {
    it("has a named class and a sentence for every custom error of the model token", function () {
      const names = expectEveryErrorNamed("ModelToken", ModelToken__factory.createInterface());
      expect(names.filter((name) => name.startsWith("Revenue"))).to.have.length(24);
    });

    it("names ETH by name in sentences", function () {
      const iface = ModelToken__factory.createInterface();
      const say = (name: string, args: unknown[]) =>
        (decodeRevert({ code: "CALL_EXCEPTION", data: iface.encodeErrorResult(name, args) }, [iface]) as SdkError)
          .shortMessage;
      expect(say("RevenueNothingToClaim", [addr.bob, NATIVE_ASSET])).to.equal(
        `${addr.bob} has no ETH revenue to claim.`,
      );
      expect(say("RevenueAssetNotAllowed", [NATIVE_ASSET])).to.equal(
        "ETH is always a revenue asset: it cannot be removed.",
      );
      expect(say("RevenueStreamTooLong", [200 * DAY, 180 * DAY])).to.equal(
        "A stream of 17280000 seconds (200 days) is longer than the 15552000 seconds (180 days) allowed.",
      );
      expect(say("ModelTokenSupplyTooLarge", [1n << 96n, (1n << 96n) - 1n])).to.contain(
        "is more than a model token can hold",
      );
    });
  });
});
