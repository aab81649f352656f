import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { ZeroAddress, type Signer } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { deployProtocol } from "../../deploy/protocol.js";
import { MockStablecoin__factory } from "../../types/typechain/index.js";
import {
  createClient,
  createEmbeddedIpfs,
  hashPath,
  LaunchConfigError,
  ModelLaunchFactory__factory,
  ModelOffering__factory,
  ModelToken__factory,
  parseLaunchConfig,
  readLaunchConfig,
  type Client,
  type IpfsBackend,
  type LaunchConfig,
  type ModelLaunchFactory,
} from "../../sdk/src/index.js";

const CID = "bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am";

/** A valid configuration; each test breaks one thing. */
function baseConfig(slug: string, team: string[]): Record<string, unknown> {
  return {
    model: { slug },
    token: { name: "Test Model", symbol: "TST", supply: "1000" },
    split: {
      sale: "600",
      treasury: "200",
      liquidity: "100",
      team: team.map((beneficiary) => ({ beneficiary, amount: "50", cliff: "30d", duration: "365d" })),
    },
    sale: { payment: "ETH", price: "0.01", softCap: "1", hardCap: "5", start: "+1h", end: "+2d" },
    dao: { votingDelay: "1d", votingPeriod: "5d", proposalThreshold: "10", quorumPercent: 4, timelockDelay: "2d" },
  };
}

async function expectIssues(promise: Promise<unknown>, ...fragments: string[]): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(LaunchConfigError);
  const issues = (error as LaunchConfigError).issues.join("\n");
  for (const fragment of fragments) expect(issues, issues).to.contain(fragment);
}

describe("SDK: launching an offering from a configuration", function () {
  let connection: NetworkConnection;
  let client: Client;
  let ipfs: IpfsBackend;
  let scratch: string;
  let team: string[];
  let owner: Signer;
  let stablecoin: string;
  let factory: ModelLaunchFactory;

  before(async function () {
    connection = await network.create();
    const signers = await connection.ethers.getSigners();
    owner = signers[0];
    team = [signers[1].address, signers[2].address];
    scratch = await mkdtemp(path.join(os.tmpdir(), "launch-"));
    ipfs = await createEmbeddedIpfs({ directory: path.join(scratch, "ipfs") });
    const deployment = await deployProtocol(connection, { record: false });
    client = createClient({ runner: owner, deployment, ipfs });
    factory = ModelLaunchFactory__factory.connect(deployment.contracts.ModelLaunchFactory.address, owner);
    await client.registry.registerModel({ slug: "registered", license: "MIT", metadataCid: CID });
    stablecoin = await (await new MockStablecoin__factory(owner).deploy()).getAddress();
  });

  after(async function () {
    await ipfs.close();
    await connection.close();
    await rm(scratch, { recursive: true, force: true });
  });

  describe("parseLaunchConfig", function () {
    it("names every field that is wrong", function () {
      const config = baseConfig("registered", team) as {
        token: Record<string, unknown>;
        sale: Record<string, unknown>;
      };
      config.token.symbol = "NOT-A-SYMBOL";
      config.token.supply = "lots";
      config.sale.start = "tomorrow-ish";
      let error: unknown;
      try {
        parseLaunchConfig(config, "launch.json");
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(LaunchConfigError);
      expect((error as LaunchConfigError).issues).to.deep.equal([
        "token.symbol: must be 1 to 11 letters or digits",
        'token.supply: must be a decimal number such as "1000" or "0.5"',
        'sale.start: must be an ISO date, unix seconds or an offset such as "+1h"',
      ]);
      expect((error as LaunchConfigError).shortMessage).to.equal(
        "launch.json is invalid: token.symbol: must be 1 to 11 letters or digits (and 2 more)",
      );
    });

    it("refuses unknown fields, so a typo is not silently ignored", function () {
      const config = baseConfig("registered", team) as { sale: Record<string, unknown> };
      config.sale.hardcap = "5";
      expect(() => parseLaunchConfig(config)).to.throw(
        LaunchConfigError,
        /sale: Unrecognized key\(s\) in object: 'hardcap'/,
      );
    });

    it("reads durations, offsets and defaults", function () {
      const config = parseLaunchConfig(baseConfig("registered", team));
      expect(config.split.team[0].cliff).to.equal(30 * 86_400);
      expect(config.dao.timelockDelay).to.equal(2 * 86_400);
      const minimal = baseConfig("registered", []) as { dao?: unknown; split: Record<string, unknown> };
      delete minimal.dao;
      minimal.split.treasury = "400";
      expect(parseLaunchConfig(minimal).dao).to.deep.equal({
        votingDelay: 86_400,
        votingPeriod: 5 * 86_400,
        proposalThreshold: "0",
        quorumPercent: 4,
        timelockDelay: 2 * 86_400,
      });
    });

    it("reads the revenue section, with defaults when it is left out", function () {
      expect(parseLaunchConfig(baseConfig("registered", team)).revenue).to.deep.equal({
        reserve: "0%",
        streamDuration: 86_400,
        assets: [],
      });
      const config = baseConfig("registered", team);
      config.revenue = { reserve: "2.5%", streamDuration: "7d", assets: ["paymentToken", team[0]] };
      expect(parseLaunchConfig(config).revenue).to.deep.equal({
        reserve: "2.5%",
        streamDuration: 7 * 86_400,
        assets: ["paymentToken", team[0]],
      });
    });

    it("names every revenue field that is wrong", function () {
      const issues = (revenue: unknown): string[] => {
        try {
          parseLaunchConfig({ ...baseConfig("registered", team), revenue });
        } catch (error) {
          return (error as LaunchConfigError).issues;
        }
        return [];
      };
      expect(issues({ reserve: "5", streamDuration: "181d", assets: ["ETH"] })).to.deep.equal([
        'revenue.reserve: must be a percentage such as "5%" or "2.5%" (at most two decimals)',
        'revenue.streamDuration: must be at most 180 days ("180d")',
        'revenue.assets.0: must be an ERC-20 address or "paymentToken" (the sale\'s ERC-20); ETH is always a revenue asset',
      ]);
      expect(issues({ reserve: "100.01%" })).to.deep.equal(["revenue.reserve: must be at most 100%"]);
      expect(issues({ reserve: "0.125%" })[0]).to.contain("at most two decimals");
      expect(issues({ assets: Array(5).fill(team[0]) })).to.deep.equal([
        "revenue.assets: has more than 4 assets: a model token accepts at most 4 ERC-20s besides ETH",
      ]);
      expect(issues({ reserve: "100%", streamDuration: "180d" })).to.deep.equal([]);
      expect(issues({ share: "5%" })[0]).to.match(/^revenue: Unrecognized key\(s\) in object: 'share'/);
    });

    it("reads the launch type and the liquidity section: a share in percent or basis points, a lock in years", function () {
      const plain = parseLaunchConfig(baseConfig("p", team));
      expect(plain.type).to.equal("offering");
      expect(plain.liquidity).to.equal(undefined);
      const pooled = parseLaunchConfig({
        ...baseConfig("p", team),
        type: "offering",
        liquidity: { reserve: "100", proceedsShare: "20%", lock: "1y" },
      });
      expect(pooled.liquidity).to.deep.equal({ reserve: "100", proceedsShare: 2_000, lock: 365 * 86_400 });
      const inBps = parseLaunchConfig({
        ...baseConfig("p", team),
        liquidity: { reserve: "100", proceedsShare: 2_500, lock: "180d" },
      });
      expect(inBps.liquidity).to.deep.equal({ reserve: "100", proceedsShare: 2_500, lock: 180 * 86_400 });
    });

    it("reads a sale's fields as a curve's mistakes in sentences, an unknown type, and a liquidity section that is wrong", function () {
      const issuesOf = (config: Record<string, unknown>) => {
        try {
          parseLaunchConfig(config);
        } catch (error) {
          return (error as LaunchConfigError).issues;
        }
        return expect.fail("should have failed");
      };
      expect(issuesOf({ ...baseConfig("p", team), type: "curve" })).to.include.members([
        "split.sale: a curve launch has no sale: the tokens it sells are curve.tokens",
        "split.liquidity: a curve launch keeps its pool's tokens in the curve: give them as liquidity.reserve",
        'sale: a curve launch has no sale: describe the curve in a "curve" section (or use "type": "offering" for a sale)',
        "curve: Required",
      ]);
      expect(issuesOf({ ...baseConfig("p", team), type: "auction" })).to.deep.equal([
        'type: must be "offering" or "curve", not "auction"',
      ]);
      const wrong = issuesOf({
        ...baseConfig("p", team),
        liquidity: { reserve: "many", proceedsShare: "0%", lock: "1 year", recipient: "0x" },
      });
      expect(wrong).to.include.members([
        'liquidity.reserve: must be a decimal number such as "1000" or "0.5"',
        "liquidity.proceedsShare: must be more than 0%: the pool pairs the reserve with a share of the proceeds",
        'liquidity.lock: must be seconds or like "90d", "12h", "1y"',
      ]);
      expect(wrong.join("\n")).to.contain("recipient");
      expect(
        issuesOf({ ...baseConfig("p", team), liquidity: { reserve: "1", proceedsShare: 10_001, lock: "1y" } }),
      ).to.include("liquidity.proceedsShare: must be at most 10000 basis points (100%)");
    });

    it("says which file could not be read", async function () {
      const missing = path.join(scratch, "missing.json");
      await expectIssues(readLaunchConfig(missing), `${missing} could not be read as JSON`);
    });
  });

  describe("planLaunch", function () {
    const plan = (config: Record<string, unknown>) =>
      client.offering.planLaunch({ config: parseLaunchConfig(config) as LaunchConfig });

    it("checks the rules between fields and against the chain", async function () {
      const config = baseConfig("registered", team) as {
        split: Record<string, unknown>;
        sale: Record<string, unknown>;
      };
      config.split.treasury = "150";
      config.sale.hardCap = "7";
      config.sale.softCap = "8";
      config.sale.start = "2020-01-01T00:00:00Z";
      await expectIssues(
        plan(config),
        "split: sale + treasury + liquidity + team add up to 950, not the supply 1000",
        "sale.hardCap: must be at least sale.softCap",
        "sale.hardCap: 7 ETH would buy more than the 600 tokens for sale at the price (at most 6)",
        "sale.start: 2020-01-01T00:00:00.000Z is in the past",
      );
    });

    it("L-08 names each term the factory would refuse before anything is sent", async function () {
      type Editable = {
        split: { team: Record<string, unknown>[]; liquidityRecipient?: string };
        dao: Record<string, unknown>;
      };
      const config = baseConfig("registered", team) as unknown as Editable;
      config.split.team[0].start = "+1d";
      config.dao = {
        votingDelay: "1h",
        votingPeriod: "12h",
        proposalThreshold: "10",
        quorumPercent: 4,
        timelockDelay: 0,
      };
      const end = new Date(((await connection.networkHelpers.time.latest()) + 2 * 86_400) * 1000)
        .toISOString()
        .replace(".000Z", "Z");
      await expectIssues(
        plan(config as unknown as Record<string, unknown>),
        `split.team.0.start: `,
        ` is before the sale's end (${end}); vesting may start no earlier`,
        "dao.votingDelay: 1 hour is shorter than the 1 day a launch must give buyers to settle and delegate",
        "dao.votingPeriod: 12 hours is shorter than the 1 day a launch must give holders to vote",
        "dao.timelockDelay: 0 seconds is shorter than the 1 day a launch must give holders between a decision and its execution",
      );

      const valid = await plan(baseConfig("registered", team));
      const predicted = await factory.predictLaunch(valid.params, await owner.getAddress());
      for (const [recipient, what] of [
        [predicted.token, "the launch's own token"],
        [predicted.offering, "the launch's own sale"],
        [await factory.getAddress(), "the launch factory"],
      ]) {
        const withRecipient = baseConfig("registered", team) as unknown as Editable;
        withRecipient.split.liquidityRecipient = recipient;
        await expectIssues(
          plan(withRecipient as unknown as Record<string, unknown>),
          `split.liquidityRecipient: ${recipient} is ${what}, which could never move the reserve`,
        );
      }
    });

    it("asks for model.register when the slug is not registered", async function () {
      await expectIssues(
        plan(baseConfig("not-registered", team)),
        'model.slug: no model "not-registered" is registered',
      );
    });

    it("describes the launch in words and builds the factory's parameters", async function () {
      const { summary, params, registerFirst } = await plan(baseConfig("registered", team));
      expect(registerFirst).to.equal(false);
      expect(summary[0]).to.equal('Launch the registered model "registered" (#1).');
      expect(summary[1]).to.contain(
        "1000 tokens: 600 for sale, 200 to the DAO treasury, 100 liquidity reserve, 2 vested",
      );
      expect(params.supply).to.equal(1000n * 10n ** 18n);
      expect(params.sale.price).to.equal(10n ** 16n);
    });

    it("checks revenue assets against the sale and the chain", async function () {
      const config = baseConfig("registered", team);
      config.revenue = { assets: ["paymentToken", team[0], stablecoin, stablecoin.toLowerCase()] };
      await expectIssues(
        plan(config),
        `revenue.assets.0: "paymentToken" names the sale's ERC-20, but the sale is paid in ETH, which is always a revenue asset`,
        `revenue.assets.1: ${team[0]} is not an ERC-20 token on this chain`,
        `revenue.assets.3: ${stablecoin} is listed twice`,
      );
    });

    it("L-01 streams each revenue deposit over a day unless the configuration says otherwise, and says so in the plan", async function () {
      const plain = await plan(baseConfig("registered", team));
      expect(plain.params.revenue).to.deep.equal({ reserveBps: 0, streamDuration: 86_400, assets: [] });
      expect(plain.summary.at(-1)).to.equal(
        "Share revenue with the token's holders: ETH only (the DAO can accept up to 4 ERC-20s later), each deposit released over 1 day; no burn-to-redeem reserve.",
      );
      // An explicit 0 is kept, and the plan names the risk it takes.
      const atOnce = baseConfig("registered", team);
      atOnce.revenue = { streamDuration: "0" };
      const risky = await plan(atOnce);
      expect(risky.params.revenue.streamDuration).to.equal(0);
      expect(risky.summary.at(-1)).to.equal(
        "Share revenue with the token's holders: ETH only (the DAO can accept up to 4 ERC-20s later), each deposit released at once: " +
          'a deposit seen in the mempool can be sandwiched by tokens bought just before it and sold just after (set revenue.streamDuration, e.g. "1d"); no burn-to-redeem reserve.',
      );
    });

    it("turns the revenue section into the factory's parameters and a line of the plan", async function () {
      const config = baseConfig("registered", team) as { sale: Record<string, unknown>; revenue?: unknown };
      config.sale = { ...config.sale, payment: stablecoin, price: "0.01", softCap: "1", hardCap: "5" };
      config.revenue = { reserve: "5%", streamDuration: "7d", assets: ["paymentToken"] };
      const { params, summary } = await plan(config);
      expect(params.revenue).to.deep.equal({ reserveBps: 500, streamDuration: 7 * 86_400, assets: [stablecoin] });
      expect(summary.at(-1)).to.equal(
        `Share revenue with the token's holders: ETH and mUSD (${stablecoin}), each deposit released over 7 days; 5% of every deposit set aside for holders who burn tokens (burn-to-redeem, fixed for good).`,
      );
    });

    it("plans the pool: its price, what each cap puts in it, where the rest goes, its lock and its excluded address", async function () {
      const config = baseConfig("registered", team) as { split: Record<string, unknown> };
      delete config.split.liquidity;
      const { params, summary, pool } = await plan({
        ...config,
        liquidity: { reserve: "100", proceedsShare: "20%", lock: "1y" },
      });
      expect(params.liquidityAmount).to.equal(100n * 10n ** 18n);
      expect(params.liquidityRecipient).to.equal(ZeroAddress);
      expect(params.pool).to.deep.equal({ proceedsBps: 2_000, lockDuration: 365 * 86_400 });
      // 20% of the 5 ETH hard cap is 1 ETH: 100 tokens at 0.01 ETH, the whole reserve; of the 1 ETH soft cap, 20 tokens.
      expect(pool!.atHardCap).to.deep.equal({
        quote: 10n ** 18n,
        tokensPriced: 100n * 10n ** 18n,
        tokensUsed: 100n * 10n ** 18n,
        quoteUsed: 10n ** 18n,
        tokensLeft: 0n,
        quoteLeft: 0n,
      });
      expect(pool!.atSoftCap.tokensUsed).to.equal(20n * 10n ** 18n);
      expect(pool!.atSoftCap.tokensLeft).to.equal(80n * 10n ** 18n);
      const text = summary.join("\n");
      expect(text).to.contain("100 liquidity reserve (held by the sale for its pool)");
      expect(text).to.contain(
        "Open a Uniswap V2 pool of TST and WETH (ETH) when the sale succeeds, at the sale's price of 0.01 ETH per TST: the sale holds a reserve of 100 TST and pairs it with 20% of the proceeds; " +
          "at the hard cap the share is 1 ETH, which prices 100 TST: 100 TST and 1 ETH enter the pool; " +
          "at the soft cap the share is 0.2 ETH, which prices 20 TST: 20 TST and 0.2 ETH enter the pool, 80 TST left over go to the DAO treasury.",
      );
      expect(text).to.match(
        /Lock the pool shares in the liquidity lock for the DAO treasury for 365 days from the finalisation: at the earliest until \S+ \(365 days after the sale's end\)\./,
      );
      expect(text).to.contain(`Exclude the pool's address (${pool!.pair}) from revenue from launch`);
    });

    it("refuses a pool with a recipient for its reserve, a reserve given twice, or a lock out of range", async function () {
      const config = baseConfig("registered", team) as { split: Record<string, unknown> };
      config.split.liquidityRecipient = team[0];
      await expectIssues(
        plan({ ...config, liquidity: { reserve: "100", proceedsShare: "20%", lock: "30d" } }),
        "split.liquidityRecipient: a launch with a pool (liquidity) keeps its reserve in the sale for the pool, so it cannot also send it to a recipient; remove one of them",
        "split.liquidity: with a pool the reserve is liquidity.reserve; give it there only",
        "liquidity.lock: 30 days is outside what the liquidity lock accepts: 180 days to 7300 days",
      );
    });

    it("builds an allowlist's Merkle root from a file of addresses", async function () {
      const file = path.join(scratch, "allowlist.json");
      await writeFile(file, JSON.stringify(team));
      const config = baseConfig("registered", team) as { sale: Record<string, unknown> };
      config.sale.allowlist = "allowlist.json";
      const result = await client.offering.planLaunch({ config: parseLaunchConfig(config), baseDir: scratch });
      expect(result.allowlist!.accounts.length).to.equal(2);
      expect(result.params.sale.merkleRoot).to.equal(result.allowlist!.root);
    });
  });

  describe("launchOffering", function () {
    it("launches a registered model in one transaction and hands the model to its DAO", async function () {
      const { result, receipt } = await client.offering.launchOffering({
        config: parseLaunchConfig(baseConfig("registered", team)),
      });
      expect(receipt.status).to.equal(1);
      expect(result.vestingWallets).to.have.length(2);
      expect((await client.registry.getModel("registered")).owner).to.equal(result.timelock);
      const token = ModelToken__factory.connect(result.token, owner);
      expect(await token.totalSupply()).to.equal(1000n * 10n ** 18n);
      expect(await token.balanceOf(result.offering)).to.equal(600n * 10n ** 18n);
      expect(await token.balanceOf(result.timelock)).to.equal(300n * 10n ** 18n);
      await expectIssues(
        client.offering.planLaunch({ config: parseLaunchConfig(baseConfig("registered", team)) }),
        'model.slug: "registered" has been launched already',
      );
    });

    it("registers the model and publishes its weights first when asked to", async function () {
      const weights = path.join(scratch, "weights");
      await mkdir(weights, { recursive: true });
      await writeFile(path.join(weights, "model.bin"), Buffer.alloc(1000, 3));
      const config = baseConfig("fresh-model", team) as { model: Record<string, unknown> };
      config.model.register = { license: "Apache-2.0", card: { name: "Fresh" }, weights: "weights", tag: "v0.1.0" };
      const { result } = await client.offering.launchOffering({ config: parseLaunchConfig(config), baseDir: scratch });
      const version = await client.registry.getVersion({ model: "fresh-model", version: "latest" });
      expect(version.tag).to.equal("v0.1.0");
      expect(version.weightsCid.toString()).to.equal((await hashPath(weights)).cid.toString());
      expect((await client.registry.getModel("fresh-model")).owner).to.equal(result.timelock);
      // The team kept the right to publish after the model moved to its DAO.
      expect(await client.registry.canPublish({ model: "fresh-model", account: await owner.getAddress() })).to.equal(
        true,
      );
    });

    it("launches a sale that opens a pool, its address excluded from revenue as planned", async function () {
      await client.registry.registerModel({ slug: "pooled-model", license: "MIT", metadataCid: CID });
      const config = baseConfig("pooled-model", team) as { split: Record<string, unknown> };
      delete config.split.liquidity;
      const { result } = await client.offering.launchOffering({
        config: parseLaunchConfig({ ...config, liquidity: { reserve: "100", proceedsShare: 1_000, lock: "180d" } }),
      });
      const offering = ModelOffering__factory.connect(result.offering, owner);
      expect(await offering.pool()).to.equal(result.plan.pool!.pair);
      expect(await ModelToken__factory.connect(result.token, owner).isExcluded(result.plan.pool!.pair)).to.equal(true);
      const sale = await client.offering.getOffering("pooled-model");
      expect(sale.pool!.terms).to.deep.equal({
        reserve: 100n * 10n ** 18n,
        proceedsBps: 1_000,
        lockDuration: 180 * 86_400,
      });
    });

    it("plans the face-landmark-68 launch file: a pool that the hard cap's share fills", async function () {
      await client.registry.registerModel({ slug: "face-landmark-68", license: "MIT", metadataCid: CID });
      const { config, baseDir } = await readLaunchConfig(path.resolve("deploy/launches/face-landmark-68.json"));
      const { pool, params } = await client.offering.planLaunch({ config, baseDir });
      expect(params.pool).to.deep.equal({ proceedsBps: 2_000, lockDuration: 365 * 86_400 });
      expect(pool!.atHardCap.tokensUsed).to.equal(pool!.reserve);
      expect(pool!.atHardCap.tokensLeft).to.equal(0n);
      expect(pool!.atHardCap.quoteLeft).to.equal(0n);
    });

    it("launches a token that shares revenue as configured", async function () {
      await client.registry.registerModel({ slug: "earning-model", license: "MIT", metadataCid: CID });
      const config = baseConfig("earning-model", team);
      config.revenue = { reserve: "2.5%", streamDuration: "1d", assets: [stablecoin] };
      const { result } = await client.offering.launchOffering({ config: parseLaunchConfig(config) });
      const revenue = await client.revenue.getRevenue("earning-model");
      expect(revenue.reserveBps).to.equal(250);
      expect(revenue.token).to.equal(result.token);
      expect(revenue.assets.map((a) => [a.asset.symbol, a.active, a.streamDuration])).to.deep.equal([
        ["ETH", true, 86_400],
        ["mUSD", true, 86_400],
      ]);
    });
  });
});
