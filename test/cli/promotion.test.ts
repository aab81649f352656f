import { expect } from "chai";
import { JsonRpcProvider } from "ethers";

import {
  cidFromBytes,
  createClient,
  ModelRegistry__factory,
  ProtocolToken__factory,
  type Client,
  type Deployment,
} from "../../sdk/src/index.js";
import { cidN, cidOf, TOKENS } from "../fixtures/constants.js";
import { launchParams } from "../fixtures/launch.js";
import {
  commandsOn,
  DEV_ACCOUNTS as ACCOUNT,
  DEV_KEY_1 as KEY_1,
  registerAndLaunch,
  startLocalNode,
  type LocalNode,
} from "./harness.js";

// Promotion run from the CLI as a model's team, its miners and anyone run it: `npx hardhat subnet ... --network
// localhost` against a `hardhat node`, one process per command. Account #0 is the team that registered cli-promo
// (with a version v1) and runs the CLI by default; #2 owns subnet 1, made for cli-promo; #3 validates with stake;
// #4 and #1 are miners, #1 (on the remote network with its key) the leader. A second model, cli-dao, is launched,
// so that its DAO owns it, with subnet 2 made for it. Subnets, UIDs, candidates and weights are made from this
// process over JSON-RPC, as are the epochs.

const TEMPO = 3;

describe("CLI: promotion against a hardhat node", function () {
  this.timeout(300_000);
  let local: LocalNode;
  let provider: JsonRpcProvider;
  let deployment: Deployment;
  let omp: string;
  const { ok, fails } = commandsOn(() => local);

  /** The SDK for the account, over the node's JSON-RPC. */
  const as = async (account: string): Promise<Client> =>
    createClient({ runner: await provider.getSigner(account), deployment });

  /** Mines to the subnet's next epoch and runs it. */
  async function runEpoch(netuid: number): Promise<void> {
    const client = await as(ACCOUNT[2]);
    const { nextEpochBlock } = await client.subnets.getSubnet(netuid);
    const now = BigInt(await provider.getBlockNumber());
    for (let block = now + 1n; block < nextEpochBlock; block++) await provider.send("evm_mine", []);
    await client.subnets.advanceEpoch({ netuid });
  }

  before(async function () {
    local = await startLocalNode("cli-promotion-");
    provider = new JsonRpcProvider(local.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
    deployment = await local.deploy();
    omp = deployment.contracts.ProtocolToken!.address;
    const team = await provider.getSigner(ACCOUNT[0]);
    const registry = ModelRegistry__factory.connect(deployment.contracts.ModelRegistry.address, team);
    await (await registry.register("cli-promo", cidOf("cli-promo"), "MIT")).wait();
    await (
      await registry.publish(1n, {
        weightsCid: cidN(1),
        configCid: "0x",
        tag: "v1",
        parent: { model: 0n, index: 0n },
        datasetCids: [],
      })
    ).wait();
    const start = BigInt((await provider.getBlock("latest"))!.timestamp) + 1_000n;
    await registerAndLaunch(deployment, team, "cli-dao", launchParams({ model: 2n, start }));

    // #2, #3 and #4 get protocol tokens to register and stake with; the team keeps some for bounties.
    const token = ProtocolToken__factory.connect(omp, team);
    for (const account of ACCOUNT.slice(2)) await (await token.transfer(account, TOKENS(10_000))).wait();
    const owner = await as(ACCOUNT[2]);
    const hyperparameters = { tempo: TEMPO, weightsRateLimit: 0, commitReveal: false };
    for (const [model, label] of [
      [1n, "promo-1"],
      [2n, "promo-2"],
    ] as const)
      await owner.subnets.createSubnet({
        stakeToken: omp,
        rewardToken: omp,
        model,
        metadataCid: cidFromBytes(cidOf(label)),
        hyperparameters,
      });
    for (const account of [ACCOUNT[3], ACCOUNT[4], ACCOUNT[1]])
      await (await as(account)).subnets.registerNeuron({ netuid: 1 });
    await (await as(ACCOUNT[3])).subnets.addStake({ netuid: 1, amount: "1000" });
    // Candidates published before the warm-up count from the first epoch whose tempo began after them; stake counts
    // from the start of the epoch after the next.
    await (await as(ACCOUNT[4])).subnets.publishCandidate({ netuid: 1, cid: cidFromBytes(cidN(10)) });
    await (await as(ACCOUNT[1])).subnets.publishCandidate({ netuid: 1, cid: cidFromBytes(cidN(11)) });
    for (let i = 0; i < 2; i++) await runEpoch(1);
    // UID 2 (#1) gets the larger weight: it leads from the next epoch on.
    await (await as(ACCOUNT[3])).subnets.setWeights({ netuid: 1, uids: [1, 2], weights: [1, 3] });
  });

  after(async function () {
    provider?.destroy();
    await local?.stop();
  });

  it("shows an unbound subnet, and refuses what needs a binding in a sentence", async function () {
    expect(await ok(["subnet", "promotion", "1"])).to.contain("Subnet 1 is not bound to a model.");
    expect(await fails(["subnet", "promote", "1"])).to.contain("Error: Subnet 1 is not bound to a model.");
    expect(await fails(["subnet", "revoke", "1"])).to.contain("Error: Subnet 1 is not bound to a model.");
    expect(await fails(["subnet", "bind", "1"])).to.contain("Error: How many epochs in a row? Give --streak K.");
    expect(await fails(["subnet", "bind", "1", "--streak", "2", "--bounty", "5"])).to.contain(
      "Error: A bounty needs its token.",
    );
  });

  it("sends a DAO-owned model's binding through a proposal, and checks the proposal's arguments", async function () {
    const refused = await fails(["subnet", "bind", "2", "--streak", "3"]);
    expect(refused)
      .to.match(/Error: cli-dao is owned by its DAO \(timelock 0x[0-9a-fA-F]{40}\): bind a subnet through a proposal\./)
      .and.contain(
        "npx hardhat --network localhost gov propose cli-dao promotion 2 streak=3 --description proposal.md",
      );
    expect(await fails(["gov", "propose", "cli-dao", "promotion", "2"])).to.contain(
      "Error: promotion takes 2 to 6 argument(s), 1 given.",
    );
  });

  it("binds the team's model with a bounty in escrow, and shows the rule, the leader and why promote must wait", async function () {
    const bound = await ok([
      "subnet",
      "bind",
      "1",
      "--streak",
      "2",
      "--bounty",
      "100",
      "--bounty-token",
      "OMP",
      "--escrow",
      "150",
    ]);
    expect(bound)
      .to.contain(
        "Subnet 1 is bound to cli-promo: cli-promo (#1): a leader of 2 completed epochs in a row with one candidate is promoted, tagged sn1-e<epoch>; bounty 100 OMP (escrow 150 OMP).",
      )
      .and.match(/Publisher:\s+Promotion may now publish versions of cli-promo/)
      .and.match(/Escrow:\s+150 OMP added/);
    expect(await fails(["subnet", "bind", "1", "--streak", "2"])).to.contain(
      "Error: Subnet 1 is bound to model #1 already: revoke the binding first.",
    );

    await runEpoch(1);
    const shown = await ok(["subnet", "promotion", "1"]);
    expect(shown)
      .to.match(/Leader:\s+UID 2 \(0x70997970C51812dc3A010C7d01b50e0d17dc79C8\), streak 1 of 2/)
      .and.match(/Promote now:\s+no: UID 2 has led 1 of 2 epochs in a row with its candidate: 1 more to go\./)
      .and.match(
        /Next epoch's leader:\s+UID 2 \(0x70997970C51812dc3A010C7d01b50e0d17dc79C8, incentive [\d.]+\), streak 2 of 2/,
      );
    const json = JSON.parse(await ok(["subnet", "promotion", "1", "--json"]));
    expect(json).to.deep.include({ status: "streak-too-short", ready: false, minStreak: "2" });
    expect(json.nextLeader).to.deep.include({ uid: 2, streak: "2", counts: true });
    expect(await fails(["subnet", "promote", "1"])).to.contain(
      "Error: UID 2 of subnet 1 has led 1 of the 2 epochs in a row the binding needs with its candidate.",
    );
    expect(await ok(["subnet", "epoch", "1", "--dry-run"])).to.match(
      /Leader: UID 2 \(0x70997970C51812dc3A010C7d01b50e0d17dc79C8\), incentive [\d.]+, 2 epochs in a row with its candidate\./,
    );
  });

  it("lets the leader declare its parent, promotes it, and names the miner in the model's versions", async function () {
    expect(await fails(["subnet", "declare-parent", "1", "cli-promo"], KEY_1)).to.contain(
      'Error: "cli-promo" is not <slug>@<tag>.',
    );
    expect(await fails(["subnet", "declare-parent", "1", "cli-promo@v1"])).to.contain(
      `Error: ${ACCOUNT[0]} is not a registered hotkey of subnet 1.`,
    );
    expect(await ok(["subnet", "declare-parent", "1", "cli-promo@v1"], KEY_1)).to.contain(
      "UID 2's candidate on subnet 1 derives from cli-promo@v1 (version 0): a promotion names it as the parent.",
    );
    await runEpoch(1);
    const promoted = await ok(["subnet", "promote", "1"]);
    expect(promoted)
      .to.match(/UID 2 of subnet 1 is now cli-promo@sn1-e\d+ \(version 1\), after leading 2 epochs in a row\./)
      .and.contain(`Miner:       hotkey ${ACCOUNT[1]}, coldkey ${ACCOUNT[1]}`)
      .and.contain("100 OMP credited to the coldkey")
      .and.contain("npx hardhat --network localhost subnet bounty claim 1");
    expect(await ok(["subnet", "promotion", "1"])).to.match(
      /Promote now:\s+no: UID 2's candidate is a version of cli-promo already/,
    );

    const versions = await ok(["model", "versions", "cli-promo"]);
    expect(versions)
      .to.match(/from/)
      .and.match(
        /\n1\s+sn1-e\d+\s+\S+\s+cli-promo#0\s+.*live\s+subnet 1 UID 2 \(hotkey 0x70997970C51812dc3A010C7d01b50e0d17dc79C8/,
      );
    const json = JSON.parse(await ok(["model", "versions", "cli-promo", "--json"]));
    expect(json[1].contribution).to.deep.include({ netuid: "1", uid: 2, hotkey: ACCOUNT[1], coldkey: ACCOUNT[1] });
    expect(json[1].parentSlug).to.equal("cli-promo");
    expect(await ok(["model", "show", "cli-promo"]))
      .to.match(/Promoted from:\s+subnet 1, UID 2 at epoch \d+ \(hotkey 0x70997970C51812dc3A010C7d01b50e0d17dc79C8/)
      .and.match(/Parent:\s+cli-promo@v1/);
  });

  it("claims the bounty once, funds the escrow, and revokes the binding with the escrow returned", async function () {
    expect(await ok(["subnet", "bounty", "claim", "1"], KEY_1)).to.contain(
      `You claimed 100 OMP of bounties, paid to ${ACCOUNT[1]}.`,
    );
    expect(await fails(["subnet", "bounty", "claim", "1"], KEY_1)).to.match(
      new RegExp(`Error: ${ACCOUNT[1]} has no bounty in 0x[0-9a-fA-F]{40} to claim\\.`),
    );
    const funded = JSON.parse(await ok(["subnet", "bounty", "fund", "1", "25", "--json"]));
    expect(funded).to.deep.include({ received: TOKENS(25).toString(), escrow: TOKENS(75).toString() });
    expect(await fails(["subnet", "bounty", "fund", "1", "0"])).to.contain(
      "Error: The amount is zero: give more than nothing.",
    );
    expect(await fails(["subnet", "revoke", "1"], KEY_1)).to.contain(
      `Error: cli-promo is owned by ${ACCOUNT[0]}, not by you (${ACCOUNT[1]}): only its owner can revoke the binding.`,
    );
    expect(await ok(["subnet", "revoke", "1"]))
      .to.contain("Subnet 1 is no longer bound to cli-promo: its leaders are not promoted any more.")
      .and.match(/Escrow returned:\s+75 OMP/);
    const json = JSON.parse(await ok(["subnet", "promotion", "1", "--json"]));
    expect(json).to.deep.include({ status: "not-bound", ready: false });
  });
});
