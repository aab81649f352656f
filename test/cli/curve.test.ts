import { writeFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "chai";
import type { JsonRpcProvider } from "ethers";

import { ModelRegistry__factory, type Deployment } from "../../sdk/src/index.js";
import { cidOf } from "../fixtures/constants.js";
import { commandsOn, DEV_ACCOUNTS as ACCOUNT, DEV_KEY_1, startLocalNode, type LocalNode } from "./harness.js";

// A bonding-curve launch as a user runs it: `npx hardhat imo launch` of a curve configuration, then `curve ...` and
// `market ...` against a `hardhat node`, one process per command. Account #0 registers the model (over JSON-RPC),
// launches it and trades; #1 (by its key, on the remote network) tries to sell what it never bought.

/** A curve of 3,000 tokens from 0.001 ETH to a 2 ETH target, with a 10% opening fee falling over 2 blocks. */
const CONFIG = {
  type: "curve",
  model: { slug: "curve-cli" },
  token: { name: "Curve CLI", symbol: "CCLI", supply: "10000" },
  split: { treasury: "6500" },
  liquidity: { reserve: "500", lock: "180d" },
  curve: {
    payment: "ETH",
    tokens: "3000",
    openingPrice: "0.001",
    target: "2",
    fee: "1%",
    feesTo: "treasury",
    openingFee: "10%",
    openingBlocks: 2,
    deadline: "+1d",
  },
  dao: { votingDelay: "1d", votingPeriod: "1d", proposalThreshold: "1", quorumPercent: 4, timelockDelay: "1d" },
};

describe("CLI: a bonding-curve launch against a hardhat node", function () {
  this.timeout(300_000);
  let local: LocalNode;
  let provider: JsonRpcProvider;
  let deployment: Deployment;
  let file: string;
  const { ok, fails } = commandsOn(() => local);

  before(async function () {
    local = await startLocalNode("cli-curve-");
    provider = local.provider;
    file = path.join(local.scratch, "curve.json");
    await writeFile(file, JSON.stringify(CONFIG));
  });

  after(async function () {
    await local?.stop();
  });

  it("plans and launches a curve configuration, lists it with its progress, and points imo show to curve show", async function () {
    deployment = await local.deploy();
    const team = await provider.getSigner(ACCOUNT[0]);
    const registry = ModelRegistry__factory.connect(deployment.contracts.ModelRegistry.address, team);
    await (await registry.register("curve-cli", cidOf("curve-cli"), "MIT")).wait();
    const planned = await ok(["imo", "launch", "--config-file", file, "--dry-run"]);
    expect(planned).to.contain("This curve launch will");
    expect(planned).to.contain("from an opening price of 0.001 ETH per CCLI (a virtual reserve of 3 ETH)");
    expect(planned).to.contain("An opening fee of 10% in the launch block falls linearly to 1% over 2 block(s)");
    const dry = JSON.parse(await ok(["imo", "launch", "--config-file", file, "--dry-run", "--json"])) as {
      curve: { targetQuote: string };
    };
    expect(dry.curve.targetQuote).to.equal("2000000000000000000");
    const launched = await ok(["imo", "launch", "--config-file", file]);
    expect(launched).to.contain("Launched curve-cli (model #1) on a bonding curve.");
    expect(launched).to.match(/Pool:\s+0x[0-9a-fA-F]{40} \(opens at graduation, excluded from revenue\)/);

    const list = await ok(["imo", "list"]);
    expect(list).to.match(/^model\s+token\s+status\s+raised/m);
    expect(list).to.match(
      /curve-cli\s+CCLI\s+Trading\s+0 ETH\s+-\s+2 ETH\s+0\.001 ETH\s+-\s+.+UTC\s+curve 0% of 2 ETH/,
    );
    const error = await fails(["imo", "show", "curve-cli"]);
    expect(error).to.contain("Error: curve-cli launched on a bonding curve, not through a sale.");
    expect(error).to.contain("npx hardhat --network localhost curve show curve-cli");
    const shown = await ok(["curve", "show", "curve-cli"]);
    expect(shown).to.contain("curve-cli's curve is Trading: 0% of 2 ETH raised, CCLI at 0.001 ETH.");
    expect(shown).to.match(
      /Fee now:\s+\d+(\.\d+)?% \(trading fee 1%, 10% in the launch block falling over 2 block\(s\)\)/,
    );
    expect(shown).to.match(/Pool:\s+0x[0-9a-fA-F]{40} \(not created yet\), excluded from revenue from launch/);
  });

  it("quotes, buys and sells back on the curve, refusing in sentences what cannot be done", async function () {
    expect(await fails(["curve", "quote", "curve-cli", "hold", "1"])).to.contain(
      'Error: A trade on a curve is a buy or a sell, not "hold".',
    );
    expect(await fails(["curve", "buy", "curve-cli", "1", "--max-slippage", "half"])).to.contain(
      "--max-slippage half is not a percentage from 0% to 100%",
    );
    const quoted = await ok(["curve", "quote", "curve-cli", "buy", "0.5"]);
    expect(quoted).to.match(/^0\.5 ETH would buy [\d,.]+ CCLI now; at least [\d,.]+ CCLI with 1% slippage\.$/m);
    const bought = await ok(["curve", "buy", "curve-cli", "1", "--max-slippage", "0.5%"]);
    expect(bought).to.match(/^Bought [\d,.]+ CCLI from curve-cli's curve for 1 ETH, fee included\.$/m);
    const sold = await ok(["curve", "sell", "curve-cli", "100"]);
    expect(sold).to.match(/^Sold 100 CCLI back to curve-cli's curve for [\d.]+ ETH\.$/m);
    expect(await fails(["curve", "sell", "curve-cli", "1"], DEV_KEY_1)).to.contain(
      `Error: ${ACCOUNT[1]} bought 0 token units from the curve (net of its sales) and cannot sell 1000000000000000000 back`,
    );
    expect(await ok(["imo", "list"])).to.match(/curve \d+(\.\d+)?% of 2 ETH/);
    expect(await fails(["market", "swap", "curve-cli", "buy", "0.1"])).to.contain(
      "Error: curve-cli's pool is not open yet: its bonding curve opens it",
    );
    expect(await fails(["curve", "reclaim", "curve-cli"])).to.contain("Error: The curve cannot do that while trading.");
  });

  it("fills the target, graduates into the pool, and the market shows and swaps it; fees go to the treasury", async function () {
    const filled = await ok(["curve", "buy", "curve-cli", "5"]);
    expect(filled).to.match(/Refunded:\s+[\d.]+ ETH \(above the target\)/);
    expect(filled).to.contain(
      "reached: trading has stopped; anyone may graduate it (npx hardhat --network localhost curve graduate curve-cli)",
    );
    expect(await ok(["imo", "list"])).to.contain("curve 100% of 2 ETH");
    const graduated = await ok(["curve", "graduate", "curve-cli"]);
    expect(graduated).to.match(/^Graduated curve-cli: its pool 0x[0-9a-fA-F]{40} opened at [\d.]+ ETH per CCLI\.$/m);
    expect(graduated).to.match(/LP lock:\s+#\d+: [\d,.]+ LP for 0x[0-9a-fA-F]{40} until .+ UTC/);
    const market = await ok(["market", "show", "curve-cli"]);
    expect(market).to.match(
      /curve-cli's pool trades CCLI at [\d.]+ ETH per token \(the curve graduated at [\d.]+ ETH\)\./,
    );
    expect(market).to.match(/Curve price:\s+[\d.]+ ETH per CCLI \(its final price\)/);
    expect(market).to.contain("the pool is excluded (its tokens earn none)");
    expect(await ok(["market", "swap", "curve-cli", "buy", "0.1"])).to.match(
      /^Bought on curve-cli's pool: paid 0\.1 ETH/m,
    );
    const shown = JSON.parse(await ok(["curve", "show", "curve-cli", "--json"])) as {
      status: string;
      progressBps: number;
      pool: { graduated: { quote: string } };
    };
    expect(shown.status).to.equal("Graduated");
    expect(shown.progressBps).to.equal(10_000);
    expect(shown.pool.graduated.quote).to.equal("2000000000000000000");
    expect(await ok(["curve", "collect-fees", "curve-cli"])).to.match(
      /^Paid [\d.]+ ETH of curve-cli's curve fees to the DAO treasury\.$/m,
    );
    expect(await fails(["curve", "collect-fees", "curve-cli"])).to.contain("Error: The curve has no fees to collect.");
    expect(await fails(["curve", "withdraw", "curve-cli"])).to.contain(
      `Error: ${ACCOUNT[0]} has no refund credited by the curve.`,
    );
    expect(await fails(["curve", "graduate", "curve-cli"])).to.contain(
      "Error: The curve cannot do that while graduated.",
    );
  });
});
