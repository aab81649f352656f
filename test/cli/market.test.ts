import { expect } from "chai";
import type { JsonRpcProvider } from "ethers";

import { ModelLaunchFactory__factory, ModelOffering__factory, type Deployment } from "../../sdk/src/index.js";
import { DAY, ONE, TOKENS } from "../fixtures/constants.js";
import { launchParams } from "../fixtures/launch.js";
import { commandsOn, DEV_ACCOUNTS as ACCOUNT, registerAndLaunch, startLocalNode, type LocalNode } from "./harness.js";

// A model token's market as a user runs it: `npx hardhat market ... --network localhost` against a `hardhat node`,
// one process per command. The team's launch (a sale that opens a pool with 20% of its proceeds) and the deposit are
// made from this process over JSON-RPC; the sale is finalised, shown and traded through the CLI. Account #0 runs
// the CLI, #3 is the team, #1 deposits.

describe("CLI: a model token's pool against a hardhat node", function () {
  this.timeout(240_000);
  let local: LocalNode;
  let provider: JsonRpcProvider;
  let deployment: Deployment;
  const { ok, fails, travel } = commandsOn(() => local);

  before(async function () {
    local = await startLocalNode("cli-market-");
    provider = local.provider;
  });

  after(async function () {
    await local?.stop();
  });

  it("shows a pool that is not open yet, and refuses to swap against it in a sentence", async function () {
    deployment = await local.deploy();
    const start = BigInt((await provider.getBlock("latest"))!.timestamp + 120);
    // 3,000 tokens at 0.001 ETH for an hour (caps 1 and 3 ETH); a reserve of 1,000 tokens with 20% of the proceeds.
    await registerAndLaunch(
      deployment,
      await provider.getSigner(ACCOUNT[3]),
      "pool-model",
      launchParams({
        start,
        name: "Pool Model",
        symbol: "POOL",
        treasuryAmount: TOKENS(6_000),
        liquidityAmount: TOKENS(1_000),
        pool: { proceedsBps: 2_000, lockDuration: 365n * BigInt(DAY) },
        sale: { tokensForSale: TOKENS(3_000), softCap: ONE, hardCap: TOKENS(3), end: start + 3_600n },
        dao: { votingPeriod: BigInt(DAY), proposalThreshold: ONE },
        timelockDelay: BigInt(DAY),
      }),
    );
    const shown = await ok(["market", "show", "pool-model"]);
    expect(shown).to.contain(
      "pool-model's pool is not open yet: the sale opens it at its price of 0.001 ETH when it succeeds (the sale is Upcoming).",
    );
    expect(shown).to.match(/Pool:\s+0x[0-9a-fA-F]{40} \(not created yet\)/);
    expect(shown).to.match(
      /Terms:\s+1,000 POOL reserve with 20% of the proceeds, shares locked 365 days from the finalisation/,
    );
    expect(shown).to.contain("the pool is excluded (its tokens earn none)");
    const sale = await ok(["imo", "show", "pool-model"]);
    expect(sale).to.match(/Pool:\n/);
    expect(sale).to.match(/Outcome:\s+opens when the sale is finalised successfully/);
    expect(await fails(["market", "swap", "pool-model", "buy", "0.1"])).to.contain(
      "Error: pool-model's pool does not exist yet: the sale opens it at",
    );
    expect(await fails(["market", "swap", "pool-model", "hold", "0.1"])).to.contain(
      'Error: A swap is a buy or a sell, not "hold".',
    );
    expect(await fails(["market", "swap", "pool-model", "buy", "0.1", "--max-slippage", "half"])).to.contain(
      "--max-slippage half is not a percentage from 0% to 100%",
    );
  });

  it("opens the pool at the sale's price when the sale is finalised, and shows its lock", async function () {
    await travel(130);
    const launch = await ModelLaunchFactory__factory.connect(
      deployment.contracts.ModelLaunchFactory.address,
      provider,
    ).launchOf(1n);
    const offering = ModelOffering__factory.connect(launch.offering, await provider.getSigner(ACCOUNT[1]));
    await (await offering.depositETH([], { value: 2n * ONE })).wait();
    await travel(3_600);
    await ok(["imo", "finalize", "pool-model"]);
    const shown = await ok(["market", "show", "pool-model"]);
    // 20% of the 1.98 ETH kept after localhost's 1% protocol fee = 0.396 ETH at 0.001 ETH per token = 396 tokens.
    expect(shown).to.contain("pool-model's pool trades POOL at 0.001 ETH per token (the sale sold at 0.001 ETH).");
    expect(shown).to.match(/Reserves:\s+396 POOL and 0\.396 ETH/);
    expect(shown).to.match(new RegExp(`LP lock:\\s+#0: [\\d.,]+ LP for ${launch.timelock}, until \\d{4}-`));
    expect(shown).to.match(/Locked share:\s+99\.99% of [\d.,]+ LP/);
    const json = JSON.parse(await ok(["market", "show", "pool-model", "--json"])) as {
      exists: boolean;
      price: string;
      salePrice: string;
      lock: { beneficiary: string; released: boolean };
    };
    expect(json.exists).to.equal(true);
    expect(json.price).to.equal(json.salePrice);
    expect(json.lock).to.deep.include({ beneficiary: launch.timelock, released: false });
    const sale = await ok(["imo", "show", "pool-model"]);
    expect(sale).to.match(
      /Outcome:\s+opened with 396 POOL and 0\.396 ETH; [\d.,]+ LP \(pool shares\) locked as lock #0 until/,
    );
  });

  it("buys and sells against the pool, printing the quote, the minimum and the result with symbols", async function () {
    const bought = await ok(["market", "swap", "pool-model", "buy", "0.01"]);
    expect(bought).to.match(/^Quote: 0\.01 ETH for [\d.]+ POOL; at least [\d.]+ POOL with 0\.5% slippage\.$/m);
    expect(bought).to.match(/^Bought on pool-model's pool: paid 0\.01 ETH, received [\d.]+ POOL\.$/m);
    expect(bought).to.match(/Minimum out:\s+[\d.]+ POOL/);
    const sold = JSON.parse(
      await ok(["market", "swap", "pool-model", "sell", "5", "--max-slippage", "1%", "--json"]),
    ) as {
      side: string;
      amountIn: string;
      amountOut: string;
      amountOutMin: string;
      maxSlippageBps: number;
      approval?: string;
    };
    expect(sold.side).to.equal("sell");
    expect(sold.amountIn).to.equal((5n * ONE).toString());
    expect(sold.maxSlippageBps).to.equal(100);
    expect(BigInt(sold.amountOut) >= BigInt(sold.amountOutMin)).to.equal(true);
    expect(sold.approval).to.match(/^0x/);
  });

  it("says a model without a pool has no market", async function () {
    const start = BigInt((await provider.getBlock("latest"))!.timestamp + 120);
    await registerAndLaunch(
      deployment,
      await provider.getSigner(ACCOUNT[3]),
      "plain-model",
      launchParams({ start, model: 2n, sale: { end: start + 3_600n } }),
    );
    expect(await fails(["market", "show", "plain-model"])).to.contain("Error: plain-model's sale opens no pool");
  });
});
