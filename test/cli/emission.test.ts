import { writeFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "chai";
import { JsonRpcProvider } from "ethers";

import {
  cidFromBytes,
  createClient,
  ProtocolToken__factory,
  type Client,
  type Deployment,
} from "../../sdk/src/index.js";
import { MockStablecoin__factory } from "../../types/typechain/index.js";
import { cidOf, DAY, TOKENS } from "../fixtures/constants.js";
import { commandsOn, DEV_ACCOUNTS as ACCOUNT, DEV_KEY_1 as KEY_1, startLocalNode, type LocalNode } from "./harness.js";

// The network emission run from the CLI as holders and keepers run it: `npx hardhat emission ... --network
// localhost` against a `hardhat node`, one process per command. Accounts #0 and #1 hold protocol tokens and vote
// (#1 on the remote network with its key); #2 owns three subnets, made from this process over JSON-RPC: subnet 1
// rewards in the protocol token and is active (#3 validates with stake), subnet 2 rewards in it but has run no
// epoch, subnet 3 rewards in a stablecoin. The clock's jumps from period to period are made from here too.

const TEMPO = 3;

describe("CLI: the network emission against a hardhat node", function () {
  this.timeout(300_000);
  let local: LocalNode;
  let provider: JsonRpcProvider;
  let deployment: Deployment;
  let description: string;
  const { ok, fails, travel } = commandsOn(() => local);

  /** The SDK for the account, over the node's JSON-RPC. */
  const as = async (account: string): Promise<Client> =>
    createClient({ runner: await provider.getSigner(account), deployment });

  /** Mines to subnet 1's next epoch and runs it. */
  async function runEpoch(owner: Client): Promise<void> {
    const { nextEpochBlock } = await owner.subnets.getSubnet(1);
    const now = BigInt(await provider.getBlockNumber());
    for (let block = now + 1n; block < nextEpochBlock; block++) await provider.send("evm_mine", []);
    await owner.subnets.advanceEpoch({ netuid: 1 });
  }

  before(async function () {
    local = await startLocalNode("cli-emission-");
    // The SDK reads right after each write here: no cached block number.
    provider = new JsonRpcProvider(local.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
    description = path.join(local.scratch, "settings.md");
    await writeFile(description, "# Emission settings\n\nA slower release, and less grace for late epochs.\n");
    deployment = await local.deploy();
    const omp = deployment.contracts.ProtocolToken!.address;
    for (const holder of [ACCOUNT[0], ACCOUNT[1]]) {
      const token = ProtocolToken__factory.connect(omp, await provider.getSigner(holder));
      await (await token.delegate(holder)).wait();
    }

    const owner = await as(ACCOUNT[2]);
    const hyperparameters = { tempo: TEMPO, weightsRateLimit: 0 };
    for (const label of ["emission-1", "emission-2"])
      await owner.subnets.createSubnet({
        stakeToken: omp,
        rewardToken: omp,
        metadataCid: cidFromBytes(cidOf(label)),
        hyperparameters,
      });
    const usd = await new MockStablecoin__factory(await provider.getSigner(ACCOUNT[2])).deploy();
    await usd.waitForDeployment();
    await owner.subnets.createSubnet({
      stakeToken: omp,
      rewardToken: await usd.getAddress(),
      metadataCid: cidFromBytes(cidOf("emission-3")),
      hyperparameters,
    });
    const validator = await as(ACCOUNT[3]);
    await validator.subnets.registerNeuron({ netuid: 1 });
    await validator.subnets.addStake({ netuid: 1, amount: "1000" });
    // Stake counts from the start of the epoch after the next: then it holds a validator permit.
    for (let i = 0; i < 3; i++) await runEpoch(owner);
  });

  after(async function () {
    provider?.destroy();
    await local?.stop();
  });

  it("shows the period, release, reserve and settings, and each subnet's standing; subnet show says its own", async function () {
    const shown = await ok(["emission", "show"]);
    expect(shown)
      .to.match(/^Network emission, period 1: \d{4}-\d\d-\d\d \d\d:\d\d UTC to \d{4}-\d\d-\d\d \d\d:\d\d UTC\./)
      .and.match(/Release:\s+20,000 OMP this period: 0 OMP distributed, 20,000 OMP still to distribute/)
      .and.match(/Reserve:\s+3,980,000 OMP held for later periods/)
      .and.contain(
        "periods of 7 days, 0.5% of the reserve released in each, at most 50% of a release to one subnet, 7200 blocks of grace for a late epoch, 1 validator with stake besides the owner",
      )
      .and.match(/subnet\s+votes now\s+votes next\s+share\s+distributed\s+next \(est\.\)\s+activity\s+emitted/)
      .and.match(/\n1\s+0\.00%\s+0\.00%\s+0 OMP\s+-\s+0 OMP\s+active\s+0 OMP/)
      .and.match(/\n2\s+.*has completed no epoch/)
      .and.match(/\n3\s+.*not eligible: rewards in mUSD, emission is in OMP/);
    expect(await ok(["subnet", "show", "1"])).to.match(/Network emission:\s+receives \(rewards in OMP\); active now/);
    expect(await ok(["subnet", "show", "3"])).to.match(
      /Network emission:\s+not eligible: rewards in mUSD, emission is in OMP/,
    );
  });

  it("refuses a vote in the period the votes were delegated, and a vote written wrongly, in a sentence", async function () {
    expect(await fails(["emission", "vote", "1:70,2:30"])).to.contain(
      `Error: ${ACCOUNT[0]} had no delegated protocol token votes at the start of this period (or has none now)`,
    );
    expect(await fails(["emission", "vote"])).to.contain("Error: Which subnets? Give netuid:percent pairs.");
    expect(await fails(["emission", "vote", "1:50", "--clear"])).to.contain(
      "Error: --clear withdraws every vote: give no subnets with it.",
    );
  });

  it("votes 70/30 from the next period on, and refuses a subnet that rewards in another token", async function () {
    await travel(7 * DAY);
    expect(await ok(["emission", "vote", "1:70,2:30"])).to.match(
      /You vote with 2,500,000 OMP: 70% to subnet 1, 30% to subnet 2\. It weighs from period 3, starting \d{4}-\d\d-\d\d \d\d:\d\d UTC\./,
    );
    expect(await fails(["emission", "vote", "3:50"])).to.match(
      /Error: Subnet 3 rewards in 0x[0-9a-fA-F]{40}, not the protocol token: it cannot receive the network emission\./,
    );
    expect(await fails(["emission", "vote", "1:70,2:40"])).to.contain(
      "Error: The vote's weights add up to 110% (11000 basis points), more than 100%.",
    );
    expect(await ok(["emission", "vote", "1:100"], KEY_1)).to.contain("You vote with 2,500,000 OMP: 100% to subnet 1.");
  });

  it("refreshes every voter whose power moved, with progress, and says when a refresh would change nothing", async function () {
    const token = ProtocolToken__factory.connect(
      deployment.contracts.ProtocolToken!.address,
      await provider.getSigner(ACCOUNT[1]),
    );
    await (await token.transfer(ACCOUNT[4], TOKENS(1_000_000))).wait();
    const run = await local.hardhat(["emission", "refresh", "--stale", "--network", "localhost"]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout)
      .to.match(/Refreshed 1 voter; the new weights count from period 3, starting/)
      .and.match(new RegExp(`${ACCOUNT[1]}\\s+2,500,000 OMP\\s+1,500,000 OMP`));
    expect(run.stderr).to.match(/Refreshing \[#+\] step 1\/1/);
    expect(await ok(["emission", "refresh", ACCOUNT[0]])).to.contain(
      `${ACCOUNT[0]}'s weight already counts its power now (2,500,000 OMP): nothing to refresh.`,
    );
  });

  it("distributes to every subnet that can receive, says which are skipped and why, and refuses them by name", async function () {
    await travel(7 * DAY);
    // 0.5% of 4,000,000 OMP: subnet 1 weighs 3,250,000 of 4,000,000 votes, cut to the 50% cap; subnet 2, 750,000.
    const distributed = await ok(["emission", "distribute"]);
    expect(distributed)
      .to.contain("Distributed period 3's emission to 1 subnet: 10,000 OMP to subnet 1 (10,000 OMP in all).")
      .and.contain("Skipped: subnet 2 has completed no epoch (3,750 OMP).")
      .and.contain("Subnet 3 has no share of this period.");
    expect(await fails(["emission", "distribute", "1"])).to.contain(
      "Error: Subnet 1's share of period 3 went into its reward pool already.",
    );
    expect(await fails(["emission", "distribute", "2"])).to.contain(
      "Error: Subnet 2 has completed no epoch: it receives no emission while it is not active.",
    );
    expect(await ok(["emission", "show"])).to.match(
      /\n1\s+81\.25%\s+81\.25%\s+10,000 OMP \(capped\)\s+yes\s+[\d,.]+ OMP\s+active\s+10,000 OMP/,
    );
  });

  it("proposes new settings to the protocol DAO, decoded back in words, refused outside the bounds, queued once executed", async function () {
    expect(
      await fails(["gov", "propose", "cli-x", "emission-settings", "rate=1%", "--description", description]),
    ).to.contain("Error: Only the protocol DAO sets the network emission's settings.");
    expect(
      await fails(["gov", "propose", "protocol", "emission-settings", "speed=1", "--description", description]),
    ).to.contain('Error: "speed=1" is not an emission setting.');
    expect(
      await fails(["gov", "propose", "protocol", "emission-settings", "cap=1%", "--description", description]),
    ).to.contain("Error: A cap per subnet of 1% is outside the 5% to 100% the emission allows.");
    const words =
      "Set the network emission's settings from the next period on: periods of 7 days, 0.25% of the reserve released in each, at most 50% of a release to one subnet, 100 blocks of grace for a late epoch, 1 validator with stake besides the owner.";
    const proposed = await ok([
      "gov",
      "propose",
      "protocol",
      "emission-settings",
      "rate=0.25%",
      "grace=100",
      "--description",
      description,
    ]);
    expect(proposed).to.contain(`1. ${words}`).and.contain("Proposal 1 created.");
    const shown = JSON.parse(await ok(["gov", "show", "protocol", "1", "--json"])) as {
      actions: { contract: string; description: string }[];
    };
    expect(shown.actions).to.have.length(1);
    expect(shown.actions[0]).to.include({ contract: "NetworkEmission", description: words });

    // The proposal passes: the settings wait for the period after the one it executes in.
    await travel(DAY + 1);
    await ok(["gov", "vote", "protocol", "1", "for"]);
    await travel(5 * DAY);
    await ok(["gov", "queue", "protocol", "1"]);
    await travel(2 * DAY);
    await ok(["gov", "execute", "protocol", "1"]);
    const queued = await ok(["emission", "show"]);
    const period = Number(/^Network emission, period (\d+):/.exec(queued)![1]);
    expect(queued).to.contain(
      `Queued:       from period ${period + 1}: periods of 7 days, 0.25% of the reserve released in each, at most 50% of a release to one subnet, 100 blocks of grace for a late epoch`,
    );
  });

  it("withdraws the votes with --clear, from the next period on", async function () {
    expect(await ok(["emission", "vote", "--clear"])).to.match(
      /You withdrew your votes: from period \d+, starting \d{4}-\d\d-\d\d \d\d:\d\d UTC, they weigh for no subnet\./,
    );
  });
});
