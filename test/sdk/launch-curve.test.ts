import path from "node:path";

import { expect } from "chai";
import type { Signer } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { deployProtocol } from "../../deploy/protocol.js";
import {
  createClient,
  CurveLaunchNotFoundError,
  LaunchConfigError,
  ModelToken__factory,
  parseLaunchConfig,
  readLaunchConfig,
  type Client,
} from "../../sdk/src/index.js";
import { failure } from "./fixture.js";

// A bonding-curve launch from its configuration (`type` "curve"): the curve section read and refused in words, the
// plan's prices, pool and fee schedule worked out as the curve and the pool step compute them, and the launch sent
// through the factory's launchCurve, its pool the one planned. The face-landmark-68-tiny file is planned as it is.

const CID = "bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am";
const ETH = 10n ** 18n;
const TOKEN = 10n ** 18n;

/** A valid curve configuration; each test breaks one thing. */
function curveConfig(slug: string, curve: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "curve",
    model: { slug },
    token: { name: "Curve Model", symbol: "CRV", supply: "1000" },
    split: { treasury: "300" },
    liquidity: { reserve: "100", lock: "180d" },
    curve: { tokens: "600", openingPrice: "0.001", target: "1", deadline: "+7d", ...curve },
  };
}

function issuesOf(config: Record<string, unknown>): string[] {
  try {
    parseLaunchConfig(config);
  } catch (error) {
    return (error as LaunchConfigError).issues;
  }
  return expect.fail("should have failed");
}

async function planIssues(promise: Promise<unknown>): Promise<string[]> {
  const error = await failure(promise);
  expect(error).to.be.instanceOf(LaunchConfigError);
  return (error as LaunchConfigError).issues;
}

describe("SDK: launching a bonding curve from a configuration", function () {
  let connection: NetworkConnection;
  let client: Client;
  let owner: Signer;

  before(async function () {
    connection = await network.create();
    [owner] = await connection.ethers.getSigners();
    const deployment = await deployProtocol(connection, { record: false });
    client = createClient({ runner: owner, deployment });
    for (const slug of ["curve-model", "face-landmark-68-tiny", "sale-model"])
      await client.registry.registerModel({ slug, license: "MIT", metadataCid: CID });
  });

  after(async function () {
    await connection.close();
  });

  describe("parseLaunchConfig", function () {
    it("reads a curve section with its defaults: a 1% fee to the treasury and no opening fee", function () {
      const config = parseLaunchConfig(curveConfig("c"));
      if (config.type !== "curve") return expect.fail("a curve configuration");
      expect(config.curve).to.deep.include({ payment: "ETH", fee: 100, feesTo: "treasury", openingBlocks: 0 });
      expect(config.curve.openingFee).to.equal(undefined);
      expect(config.liquidity).to.deep.equal({ reserve: "100", lock: 180 * 86_400 });
      expect(config.split).to.deep.equal({ treasury: "300", team: [] });
    });

    it("refuses a share of the proceeds, both or neither price, and fees out of range, each in words", function () {
      expect(
        issuesOf({ ...curveConfig("c"), liquidity: { reserve: "1", proceedsShare: "20%", lock: "1y" } }),
      ).to.deep.equal([
        "liquidity.proceedsShare: does not apply to a curve: graduation pairs the whole reserve the curve raised (its target) with the tokens left, at the curve's final price; remove it",
      ]);
      const price =
        "curve.openingPrice: give the opening price (payment per token) or the virtual reserve it follows from (virtualReserve), one of them";
      expect(issuesOf(curveConfig("c", { virtualReserve: "3" }))).to.deep.equal([price]);
      expect(issuesOf(curveConfig("c", { openingPrice: undefined }))).to.deep.equal([price]);
      expect(issuesOf(curveConfig("c", { fee: "11%" }))).to.include("curve.fee: must be at most 10%");
      expect(issuesOf(curveConfig("c", { fee: "2%", openingFee: "1%" }))).to.deep.equal([
        "curve.openingFee: must be at least the fee and at most 50%",
      ]);
      expect(issuesOf(curveConfig("c", { openingFee: "51%" }))).to.deep.equal([
        "curve.openingFee: must be at least the fee and at most 50%",
      ]);
      expect(issuesOf(curveConfig("c", { feesTo: "team" }))).to.deep.equal([
        'curve.feesTo: must be "treasury" or "holders"',
      ]);
      expect(issuesOf(curveConfig("c", { openingBlocks: 1_001 }))).to.deep.equal([
        "curve.openingBlocks: must be at most 1,000 blocks",
      ]);
    });
  });

  describe("planCurveLaunch", function () {
    it("plans the face-landmark-68-tiny file: prices, tokens sold by the target, the pool at the final price, the opening fee's fall", async function () {
      const { config } = await readLaunchConfig(path.resolve("deploy/launches/face-landmark-68-tiny.json"));
      const { curve, params, summary } = await client.offering.planCurveLaunch({ config });
      // 600,000 tokens from 0.000005 ETH: a virtual reserve of 3 ETH; at the 5 ETH target 225,000 are left.
      expect(curve.virtualQuote).to.equal(3n * ETH);
      expect(curve.openingPrice).to.equal(5_000_000_000_000n);
      expect(curve.tokensLeftAtTarget).to.equal(225_000n * TOKEN);
      expect(curve.tokensSoldAtTarget).to.equal(375_000n * TOKEN);
      expect(curve.finalPrice).to.equal((8n * ETH * TOKEN) / (225_000n * TOKEN));
      // The 5 ETH price 140,625 tokens at the final price; the rest and the pool's reserve go to the treasury.
      expect(curve.pool.quote).to.equal(5n * ETH);
      expect(curve.pool.tokens).to.equal(140_625n * TOKEN);
      expect(curve.pool.tokensToTreasury).to.equal((225_000n + 50_000n - 140_625n) * TOKEN);
      expect(curve.pool.quoteToTreasury).to.equal(0n);
      expect(curve.feeSchedule).to.deep.equal([
        { block: 0, feeBps: 2_000 },
        { block: 1, feeBps: 1_620 },
        { block: 2, feeBps: 1_240 },
        { block: 3, feeBps: 860 },
        { block: 4, feeBps: 480 },
        { block: 5, feeBps: 100 },
      ]);
      expect(params.curve).to.deep.include({
        feeBps: 100,
        openingFeeBps: 2_000,
        openingBlocks: 5,
        feesToHolders: true,
      });
      expect(params.supply).to.equal(1_000_000n * TOKEN);
      const text = summary.join("\n");
      expect(text).to.contain("from an opening price of 0.000005 ETH per FL68T (a virtual reserve of 3 ETH)");
      expect(text).to.contain("by then 375000 FL68T are sold");
      expect(text).to.contain("5 ETH and 140625 FL68T enter it");
      expect(text).to.contain("deposited into the token as revenue for its holders");
      expect(text).to.contain("without fee, for good");
      expect(text).to.contain(curve.pool.pair);
    });

    it("checks the supply, the deadline, the lock and the team's vesting against the curve", async function () {
      const config = curveConfig("curve-model", { deadline: "+0s" });
      config.token = { name: "Curve Model", symbol: "CRV", supply: "999" };
      config.liquidity = { reserve: "100", lock: "30d" };
      config.split = {
        treasury: "300",
        team: [{ beneficiary: await owner.getAddress(), amount: "1", start: 1, duration: "1y" }],
      };
      const issues = await planIssues(client.offering.planCurveLaunch({ config: parseLaunchConfig(config) }));
      expect(issues.join("\n")).to.contain(
        "split: curve + pool reserve + treasury + team add up to 1001, not the supply 999",
      );
      expect(issues.join("\n")).to.contain("curve.deadline:");
      expect(issues.join("\n")).to.contain("liquidity.lock: 30 days is outside what the liquidity lock accepts");
      expect(issues.join("\n")).to.contain("split.team.0.start:");
    });

    it("sends each kind of configuration to its own plan, in words", async function () {
      const curve = parseLaunchConfig(curveConfig("curve-model"));
      expect(await planIssues(client.offering.planLaunch({ config: curve }))).to.deep.equal([
        'type: "curve" is a bonding-curve launch: plan it with planCurveLaunch and launch it with launchCurve (imo launch does both)',
      ]);
    });
  });

  describe("launchCurve", function () {
    it("launches the curve in one transaction, its pool the planned pair, excluded from revenue", async function () {
      const { result, receipt } = await client.offering.launchCurve({
        config: parseLaunchConfig(curveConfig("curve-model")),
      });
      expect(receipt.status).to.equal(1);
      expect(result.pool).to.equal(result.plan.curve.pool.pair);
      const token = ModelToken__factory.connect(result.token, owner);
      expect(await token.isExcluded(result.pool)).to.equal(true);
      expect(await token.balanceOf(result.curve)).to.equal(700n * TOKEN);
      expect((await client.registry.getModel("curve-model")).owner).to.equal(result.timelock);
      const c = await client.curve.show("curve-model");
      expect(c.curve).to.equal(result.curve);
      expect(c.openingPrice).to.equal(result.plan.curve.openingPrice);
      expect(c.finalPrice).to.equal(result.plan.curve.finalPrice);
      expect(c.status).to.equal("Trading");
    });

    it("refuses a sale's model in the curve module, and lists both kinds of launch", async function () {
      const sale = {
        model: { slug: "sale-model" },
        token: { name: "Sale Model", symbol: "SALE", supply: "1000" },
        split: { sale: "600", treasury: "400" },
        sale: { payment: "ETH", price: "0.01", softCap: "1", hardCap: "5", start: "+1h", end: "+2d" },
      };
      await client.offering.launchOffering({ config: parseLaunchConfig(sale) });
      const error = await failure(client.curve.show("sale-model"));
      expect(error).to.be.instanceOf(CurveLaunchNotFoundError);
      expect((error as Error).message).to.contain("sale-model launched through a sale");
      const launches = await client.offering.listLaunches();
      expect(launches.map((l) => [l.slug, l.kind])).to.deep.equal([
        ["curve-model", "curve"],
        ["sale-model", "offering"],
      ]);
      expect((await client.offering.listOfferings()).map((o) => o.slug)).to.deep.equal(["sale-model"]);
    });
  });
});
