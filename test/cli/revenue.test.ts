import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import type { Signer } from "ethers";
import hre, { network } from "hardhat";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";

import { deployProtocol } from "../../deploy/protocol.js";
import revenueClaim from "../../scripts/commands/revenue-claim.js";
import revenueDeposit from "../../scripts/commands/revenue-deposit.js";
import revenueExclude from "../../scripts/commands/revenue-exclude.js";
import revenueRedeem from "../../scripts/commands/revenue-redeem.js";
import revenueShow from "../../scripts/commands/revenue-show.js";
import portfolio from "../../scripts/commands/portfolio.js";
import { ModelToken__factory, writeDeployment, type Deployment, type ModelToken } from "../../sdk/src/index.js";
import { MockStablecoin__factory, type MockStablecoin } from "../../types/typechain/index.js";
import { DAY, ONE, TOKENS } from "../fixtures/constants.js";
import { launchParams } from "../fixtures/launch.js";
import { DEV_ACCOUNTS as ACCOUNT, projectRoot, registerAndLaunch, runHardhat } from "./harness.js";

// The revenue commands, run in this process against the in-process chain: each command's action is called as
// Hardhat calls it, with a runtime whose network is that chain seen as "localhost" (so the deployment is read
// from deployments/localhost.json, as on a real node), and its output captured. Account #0 runs the commands;
// #3 is the team, #1 another holder, #4 receives payments.

const USD = 10n ** 6n;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

type Command<A> = (args: A, hre: HardhatRuntimeEnvironment) => Promise<void>;

describe("CLI: revenue commands", function () {
  let connection: NetworkConnection;
  let runtime: HardhatRuntimeEnvironment;
  let deployment: Deployment;
  let scratch: string;
  let savedDeploymentsDir: string | undefined;
  let token: ModelToken;
  let stablecoin: MockStablecoin;
  let signer: (index: number) => Promise<Signer>;

  /** Runs a command's action and returns what it printed and its exit code, as a user would see them. */
  async function run<A>(command: Command<A>, args: A): Promise<Run> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const { log, error } = console;
    console.log = (...parts: unknown[]) => stdout.push(parts.join(" "));
    console.error = (...parts: unknown[]) => stderr.push(parts.join(" "));
    process.exitCode = undefined;
    try {
      await command(args, runtime);
    } finally {
      console.log = log;
      console.error = error;
    }
    const code = Number(process.exitCode ?? 0);
    process.exitCode = undefined;
    return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
  }

  async function ok<A>(command: Command<A>, args: A): Promise<string> {
    const result = await run(command, args);
    expect(result.code, result.stderr).to.equal(0);
    return result.stdout;
  }

  async function fails<A>(command: Command<A>, args: A): Promise<string> {
    const result = await run(command, args);
    expect(result.code, result.stdout).to.equal(1);
    expect(result.stderr).to.match(/^Error: /);
    expect(result.stderr).to.not.match(/^\s+at /m);
    return result.stderr;
  }

  const show = { slug: "cli-revenue", json: false };
  const claim = { slug: "cli-revenue", asset: "", to: "", for: "", json: false };

  before(async function () {
    connection = await network.create();
    deployment = await deployProtocol(connection, { record: false });
    scratch = await mkdtemp(path.join(os.tmpdir(), "cli-revenue-"));
    await writeDeployment(path.join(scratch, "localhost.json"), deployment);
    savedDeploymentsDir = process.env.DEPLOYMENTS_DIR;
    process.env.DEPLOYMENTS_DIR = scratch;
    // The chain as the commands see it: a node called localhost that they must not close.
    const asLocalhost = new Proxy(connection, {
      get(target, key, receiver) {
        if (key === "close") return async () => {};
        if (key === "networkName") return "localhost";
        if (key === "networkConfig") return { ...target.networkConfig, type: "http" };
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    runtime = {
      network: { getOrCreate: async () => asLocalhost },
      config: { paths: { root: projectRoot } },
    } as unknown as HardhatRuntimeEnvironment;
    signer = (index) => connection.ethers.getSigner(ACCOUNT[index]);

    const team = await signer(3);
    stablecoin = await new MockStablecoin__factory(team).deploy();
    await (await stablecoin.mint(ACCOUNT[0], 1_000n * USD)).wait();
    const start = BigInt((await connection.networkHelpers.time.latest()) + 600);
    // 20,000 tokens: 5,000 straight to account #0, the rest to the sale and the treasury. 10% of every deposit
    // goes to the reserve; ETH and the stablecoin are released at once.
    const launch = await registerAndLaunch(
      deployment,
      team,
      "cli-revenue",
      launchParams({
        start,
        name: "CLI Revenue",
        symbol: "CREV",
        treasuryAmount: TOKENS(12_000),
        liquidityAmount: TOKENS(5_000),
        liquidityRecipient: ACCOUNT[0],
        sale: { tokensForSale: TOKENS(3_000), softCap: ONE, hardCap: TOKENS(3), end: start + 3_600n },
        dao: { votingPeriod: BigInt(DAY), proposalThreshold: ONE },
        timelockDelay: BigInt(DAY),
        revenue: { reserveBps: 1_000, assets: [await stablecoin.getAddress()] },
      }),
    );
    token = ModelToken__factory.connect(launch.token, await signer(0));
    // Account #1 holds 1,000 of account #0's tokens before any revenue arrives.
    await (await token.transfer(ACCOUNT[1], 1_000n * ONE)).wait();
  });

  after(async function () {
    if (savedDeploymentsDir === undefined) delete process.env.DEPLOYMENTS_DIR;
    else process.env.DEPLOYMENTS_DIR = savedDeploymentsDir;
    await connection?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it("registers the commands with their arguments", function () {
    const names = (id: string[]) => {
      const task = hre.tasks.getTask(id);
      return [[...task.positionalArguments].map((a) => a.name), [...task.options.keys()].sort()];
    };
    expect(names(["revenue", "deposit"])).to.deep.equal([
      ["slug", "amount"],
      ["approve", "asset", "json"],
    ]);
    expect(names(["revenue", "claim"])).to.deep.equal([["slug"], ["asset", "for", "json", "to"]]);
    expect(names(["revenue", "show"])).to.deep.equal([["slug"], ["json"]]);
    expect(names(["revenue", "redeem"])).to.deep.equal([
      ["slug", "amount"],
      ["json", "to"],
    ]);
    expect(names(["revenue", "exclude"])).to.deep.equal([["slug"], ["include", "json", "undo"]]);
  });

  it("shows a token's revenue before any deposit", async function () {
    const text = await ok(revenueShow, show);
    expect(text).to.match(/Reserve:\s+10% of every deposit, for holders who burn tokens/);
    expect(text).to.match(/Earning:\s+20,000 CREV of 20,000 CREV/);
    expect(text).to.match(/Released:\s+while at least 19\.53125 CREV earn/);
    expect(text).to.match(
      /^asset\s+status\s+stream\s+deposited\s+streamed \(released\)\s+claimed\s+outstanding\s+still streaming\s+reserve\s+held\s+yours to claim$/m,
    );
    expect(text).to.match(/^ETH\s+accepted\s+at once\s+0 ETH\s+0 ETH/m);
    expect(text).to.match(/^mUSD\s+accepted\s+at once\s+0 mUSD/m);
  });

  it("deposits ETH, and an ERC-20 named by its symbol with a permit", async function () {
    const eth = await ok(revenueDeposit, {
      slug: "cli-revenue",
      amount: "2",
      asset: "ETH",
      approve: false,
      json: false,
    });
    expect(eth).to.contain(`Deposited 2 ETH as revenue of cli-revenue's token, from ${ACCOUNT[0]}.`);
    expect(eth).to.match(/Shared:\s+1\.8 ETH, released at once/);
    expect(eth).to.match(/Reserve:\s+0\.2 ETH set aside for burn-to-redeem/);
    expect(eth).to.match(/Paid:\s+sent with the deposit/);
    const usd = JSON.parse(
      await ok(revenueDeposit, { slug: "cli-revenue", amount: "100", asset: "musd", approve: false, json: true }),
    ) as {
      method: string;
      amount: string;
      reserved: string;
    };
    expect(usd).to.include({
      method: "depositWithPermit",
      amount: (100n * USD).toString(),
      reserved: (10n * USD).toString(),
    });
  });

  it("refuses an asset the token does not take, and an amount that is not one, in a sentence", async function () {
    expect(
      await fails(revenueDeposit, { slug: "cli-revenue", amount: "1", asset: "DAI", approve: false, json: false }),
    ).to.contain(`Error: "DAI" is not a revenue asset of cli-revenue's token, which takes ETH, mUSD.`);
    expect(
      await fails(revenueDeposit, { slug: "cli-revenue", amount: "lots", asset: "ETH", approve: false, json: false }),
    ).to.contain('Error: "lots" is not an amount');
  });

  it("shows what was deposited and released, and the caller's share", async function () {
    const text = await ok(revenueShow, show);
    // Account #0 holds 4,000 of 20,000 tokens: a fifth of 1.8 ETH and of 90 mUSD (less a unit of rounding).
    expect(text).to.match(
      /^ETH\s+accepted\s+at once\s+2 ETH\s+1\.8 ETH\s+0 ETH\s+1\.8 ETH\s+0 ETH\s+0\.2 ETH\s+2 ETH\s+0\.3599\d* ETH$/m,
    );
    expect(text).to.match(
      /^mUSD\s+accepted\s+at once\s+100 mUSD\s+90 mUSD\s+0 mUSD\s+90 mUSD\s+0 mUSD\s+10 mUSD\s+100 mUSD\s+17\.99\d* mUSD$/m,
    );
    expect(text).to.contain("Claim yours with: npx hardhat revenue claim cli-revenue");
    const json = JSON.parse(await ok(revenueShow, { ...show, json: true })) as {
      scan: { complete: boolean };
      assets: { deposited: string; released: string }[];
      claimable: { account: string; claimable: { amount: string }[] };
    };
    expect(json.scan.complete).to.equal(true);
    expect(json.assets.map((a) => a.deposited)).to.deep.equal([(2n * ONE).toString(), (100n * USD).toString()]);
    expect(json.claimable.account).to.equal(ACCOUNT[0]);
  });

  it("lists the revenue to claim in the portfolio", async function () {
    const text = await ok(portfolio, { address: "", json: false });
    expect(text).to.match(/cli-revenue\s+4,000 CREV\s+.*\s+0\.3599\d* ETH, 17\.99\d* mUSD$/m);
    expect(text).to.match(/^0\.3599\d* ETH, 17\.99\d* mUSD of revenue to claim: npx hardhat revenue claim <model>$/m);
  });

  it("claims one asset to another address, then the rest, then says there is nothing left", async function () {
    const eth = await ok(revenueClaim, { ...claim, asset: "ETH", to: ACCOUNT[4] });
    expect(eth).to.match(
      new RegExp(`^Your revenue from cli-revenue's token is claimed: 0\\.3599\\d* ETH, sent to ${ACCOUNT[4]}\\.$`, "m"),
    );
    const rest = await ok(revenueClaim, claim);
    expect(rest).to.match(new RegExp(`claimed: 17\\.99\\d* mUSD, sent to ${ACCOUNT[0]}\\.`));
    expect(await fails(revenueClaim, claim)).to.contain(`Error: ${ACCOUNT[0]} has no revenue to claim in any asset.`);
  });

  it("claims for another holder, paid to that holder, and refuses to send it elsewhere", async function () {
    const before = await stablecoin.balanceOf(ACCOUNT[1]);
    const text = await ok(revenueClaim, { ...claim, for: ACCOUNT[1] });
    expect(text).to.match(
      new RegExp(
        `^${ACCOUNT[1]}'s revenue from cli-revenue's token is claimed: 0\\.0899\\d* ETH, 4\\.49\\d* mUSD, sent to ${ACCOUNT[1]}\\.$`,
        "m",
      ),
    );
    expect((await stablecoin.balanceOf(ACCOUNT[1])) - before > 4n * USD).to.equal(true);
    const elsewhere = await run(revenueClaim, { ...claim, for: ACCOUNT[1], to: ACCOUNT[4] });
    expect(elsewhere.code).to.equal(1);
    expect(elsewhere.stderr).to.contain(
      `Error: Revenue claimed for ${ACCOUNT[1]} is paid to ${ACCOUNT[1]}, not to ${ACCOUNT[4]}.`,
    );
    expect(elsewhere.stderr).to.contain("Hint: Leave out --to");
  });

  it("burns tokens for their share of the reserve", async function () {
    const text = await ok(revenueRedeem, { slug: "cli-revenue", amount: "2000", to: ACCOUNT[4], json: false });
    // 2,000 of 20,000 tokens: a tenth of the 0.2 ETH and 10 mUSD reserves.
    expect(text).to.contain(
      `Burned 2,000 CREV for their share of cli-revenue's reserve: 0.02 ETH, 1 mUSD, sent to ${ACCOUNT[4]}.`,
    );
    const json = JSON.parse(await ok(revenueShow, { ...show, json: true })) as {
      totalSupply: string;
      assets: { reserve: string; reservePaid: string }[];
    };
    expect(json.totalSupply).to.equal((18_000n * ONE).toString());
    expect(json.assets.map((a) => [a.reserve, a.reservePaid])).to.deep.equal([
      [(ONE / 5n - ONE / 50n).toString(), (ONE / 50n).toString()],
      [(9n * USD).toString(), USD.toString()],
    ]);
    expect(await fails(revenueRedeem, { slug: "cli-revenue", amount: "1000000", to: "", json: false })).to.match(
      new RegExp(
        `Error: ${ACCOUNT[0]} holds 2000000000000000000000 token units but 1000000000000000000000000 are needed\\.`,
      ),
    );
  });

  it("excludes the caller's tokens, which only it can include again, and says so", async function () {
    const exclude = { slug: "cli-revenue", undo: false, include: false, json: false };
    const text = await ok(revenueExclude, exclude);
    expect(text).to.contain(
      "Your 2,000 CREV no longer earn cli-revenue's revenue: they left the eligible supply, and what they earned stays yours.",
    );
    expect(text).to.match(/Undo:\s+only you can: npx hardhat revenue exclude cli-revenue --undo/);
    expect(await ok(revenueShow, show)).to.match(/Yours:\s+excluded by you: your tokens earn nothing/);
    expect(await fails(revenueExclude, exclude)).to.contain(
      `Error: ${ACCOUNT[0]} is excluded from revenue sharing already.`,
    );
    const back = JSON.parse(await ok(revenueExclude, { ...exclude, undo: true, json: true })) as {
      excluded: boolean;
      balance: string;
    };
    expect(back).to.deep.include({ excluded: false, balance: (2_000n * ONE).toString() });
    expect(await ok(revenueShow, show)).to.not.contain("Yours:");
    // --include, the former name of --undo, still includes them again.
    await ok(revenueExclude, exclude);
    expect(await ok(revenueExclude, { ...exclude, include: true })).to.contain(
      "Your 2,000 CREV earn cli-revenue's revenue again, from now on.",
    );
  });

  it("parses the options of a real command line (one process)", async function () {
    this.timeout(120_000);
    const result = await runHardhat(
      ["revenue", "claim", "no-such-model", "--for", ACCOUNT[1], "--asset", "ETH", "--network", "hardhat"],
      {
        ...process.env,
        FORCE_COLOR: "0",
      },
    );
    expect(result.code, result.stdout).to.equal(1);
    expect(result.stderr).to.match(/^Error: .*no-such-model/m);
    expect(result.stderr).to.not.match(/^\s+at /m);
  });
});
