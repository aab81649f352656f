import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "chai";
import type { JsonRpcProvider } from "ethers";

import { createClient, readWeightCommits, type Deployment } from "../../sdk/src/index.js";
import { MockStablecoin__factory } from "../../types/typechain/index.js";
import { commandsOn, DEV_ACCOUNTS as ACCOUNT, DEV_KEY_1 as KEY_1, startLocalNode, type LocalNode } from "./harness.js";

// A subnet run from the CLI as its members run it: `npx hardhat subnet ... --network localhost` against a
// `hardhat node`, one process per command. Account #0 owns the subnet and validates (it holds protocol tokens to
// stake); #1 mines, on the remote network with its key. The reward token and the pool's funding come from this
// process over JSON-RPC; so do the blocks mined between epochs.

const USD = 10n ** 6n;
const TEMPO = 3;

interface MetagraphJson {
  epochNumber: string;
  neurons: {
    uid: number;
    hotkey: string;
    incentive: number;
    dividends: number;
    consensus: number;
    validatorTrust: number;
    emission: string;
    unclaimed: string;
    validatorPermit: boolean;
  }[];
}

describe("CLI: a subnet's life against a hardhat node", function () {
  this.timeout(180_000);
  let local: LocalNode;
  let provider: JsonRpcProvider;
  let deployment: Deployment;
  let commits: string;
  let rewardToken: string;
  const { ok, fails } = commandsOn(() => local);

  /** Mines until the subnet's next epoch is due. */
  async function untilDue(): Promise<void> {
    const client = createClient({ runner: provider, deployment });
    const { nextEpochBlock } = await client.subnets.getSubnet(1);
    const now = BigInt(await provider.getBlockNumber());
    for (let block = now + 1n; block < nextEpochBlock; block++) await provider.send("evm_mine", []);
  }

  /** Creates a subnet staked in the protocol token, its hyperparameters written to a file as an owner would. */
  async function createSubnet(file: string, hyperparameters: object, extra: string[] = []): Promise<string> {
    const params = path.join(local.scratch, file);
    await writeFile(params, JSON.stringify(hyperparameters));
    const stakeToken = deployment.contracts.ProtocolToken!.address;
    return ok([
      "subnet",
      "create",
      "--stake-token",
      stakeToken,
      "--reward-token",
      rewardToken,
      "--params",
      params,
      ...extra,
    ]);
  }

  before(async function () {
    local = await startLocalNode("cli-subnet-");
    provider = local.provider;
    commits = path.join(local.scratch, "validator", "commits.json");

    deployment = await local.deploy();
    expect(deployment.contracts.Subnets, "the protocol's deployment records the subnets contract").to.not.equal(
      undefined,
    );
  });

  after(async function () {
    await local?.stop();
  });

  it("creates a subnet, registers a validator and a miner at the quoted price, and stakes", async function () {
    const usd = await new MockStablecoin__factory(await provider.getSigner(ACCOUNT[0])).deploy();
    await usd.waitForDeployment();
    rewardToken = await usd.getAddress();
    for (const who of [ACCOUNT[0], ACCOUNT[1]]) await (await usd.mint(who, 10_000n * USD)).wait();
    const hyperparameters = {
      tempo: TEMPO,
      weightsRateLimit: 0,
      minPrice: "1000000",
      maxPrice: "1000000000",
      priceHalfLife: 100,
      emission: "100000000",
    };
    const created = await createSubnet("params.json", hyperparameters, ["--name", "Face landmarks"]);
    expect(created)
      .to.contain(`Created subnet 1, owned by ${ACCOUNT[0]}.`)
      .and.contain("3 blocks per epoch, 100 mUSD each");

    expect(await ok(["subnet", "register", "1"])).to.match(
      new RegExp(`${ACCOUNT[0]} holds UID 0 on subnet 1, for [\\d.,]+ mUSD paid into the reward pool\\.`),
    );
    expect(await ok(["subnet", "register", "1"], KEY_1)).to.contain(`${ACCOUNT[1]} holds UID 1 on subnet 1`);
    expect(await ok(["subnet", "stake", "1", "1000"])).to.contain("Staked 1,000 OMP on your own hotkey on subnet 1.");
    const shown = await ok(["subnet", "show", "1"]);
    expect(shown)
      .to.match(/UIDs:\s+2 of 256 \(64 validator permits\)/)
      .and.match(/Epochs:\s+0 completed; every 3 blocks, the next from block \d+/);

    // The pool is funded by someone outside the subnet.
    const funder = createClient({ runner: await provider.getSigner(ACCOUNT[0]), deployment });
    await funder.subnets.fundSubnet({ netuid: 1, amount: "1000" });
  });

  it("runs an epoch with a step bar, commits weights with the salt on disk, refuses an early reveal, then reveals", async function () {
    await untilDue();
    const first = await local.hardhat(["subnet", "epoch", "1", "--network", "localhost"]);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/Epoch 0 of subnet 1 is complete: [\d.,]+ mUSD paid to UIDs in \d+ transactions\./);
    expect(first.stderr).to.match(/Epoch \[#+\.*\] step 1\/\d+/);

    const committed = await ok(["subnet", "weights", "commit", "1", "1:1", "--commits-file", commits]);
    expect(committed)
      .to.contain("Committed weights over 1 UIDs on subnet 1 in epoch 1")
      .and.contain(`Salt kept in: ${commits}`);
    const key = { chainId: 31337, contract: deployment.contracts.Subnets!.address, netuid: 1n, hotkey: ACCOUNT[0] };
    expect((await readWeightCommits(commits, key)).map((c) => c.uids)).to.deep.equal([[1]]);

    expect(await fails(["subnet", "weights", "reveal", "1", "--commits-file", commits])).to.match(
      /Error: Too early: the commit of epoch 1 is revealed when 2 epochs are complete, and 1 are/,
    );
    await untilDue();
    await ok(["subnet", "epoch", "1"]);
    expect(await ok(["subnet", "weights", "reveal", "1", "--commits-file", commits])).to.contain(
      "Revealed the weights committed in epoch 1 on subnet 1: 1:65535.",
    );
    expect(await readWeightCommits(commits, key)).to.deep.equal([]);
  });

  it("previews the next epoch, runs it, and shows the same figures in the metagraph; the miner claims its incentive", async function () {
    const preview = JSON.parse(await ok(["subnet", "epoch", "1", "--dry-run", "--json"])) as MetagraphJson;
    // --preview, the former name of --dry-run, predicts the same and sends nothing either.
    expect(JSON.parse(await ok(["subnet", "epoch", "1", "--preview", "--json"]))).to.deep.equal(preview);
    await untilDue();
    await ok(["subnet", "epoch", "1"]);
    const metagraph = JSON.parse(await ok(["subnet", "metagraph", "1", "--json"])) as MetagraphJson;
    expect(metagraph.epochNumber).to.equal("3");
    const pick = (u: MetagraphJson["neurons"][number]) => [
      u.uid,
      u.incentive,
      u.dividends,
      u.consensus,
      u.validatorTrust,
      u.emission,
    ];
    expect(metagraph.neurons.map(pick)).to.deep.equal(preview.neurons.map(pick));
    expect(metagraph.neurons[1].incentive).to.equal(65_535);
    expect(metagraph.neurons[0].dividends).to.equal(65_535);

    const table = await ok(["subnet", "metagraph", "1"]);
    expect(table).to.match(
      /uid\s+hotkey\s+coldkey\s+stake\s+VP\s+trust\s+vtrust\s+consensus\s+incentive\s+dividends\s+emission\s+unclaimed/,
    );
    expect(table).to.match(/\n\s*1\s+0x7099…79C8\s+0x7099…79C8\s+0 OMP\s+\S+\s+\S+\s+\S+\s+1\.0000\s+/);

    // The miner's incentive waits with its UID until it claims.
    expect(BigInt(metagraph.neurons[1].unclaimed) >= BigInt(metagraph.neurons[1].emission)).to.equal(true);
    expect(BigInt(metagraph.neurons[1].emission) > 0n).to.equal(true);
    expect(await ok(["subnet", "claim", "1"], KEY_1)).to.match(
      new RegExp(`Claimed [\\d.,]+ mUSD from subnet 1, sent to ${ACCOUNT[1]}\\.`),
    );
    const after = JSON.parse(await ok(["subnet", "metagraph", "1", "--json"])) as MetagraphJson;
    expect(after.neurons[1].unclaimed).to.equal("0");
  });

  it("unstakes stake that counted by unbonding, refuses an early withdrawal with its epoch, then withdraws", async function () {
    const unstaked = await ok(["subnet", "unstake", "1", "100"]);
    expect(unstaked)
      .to.contain(`Unstaked 100 OMP from ${ACCOUNT[0]} on subnet 1.`)
      .and.contain("once epoch 4 has started");
    expect(await fails(["subnet", "withdraw", "1"])).to.contain(
      `Error: Your 100 OMP unstaked from ${ACCOUNT[0]} is still unbonding: it can be withdrawn once epoch 4 has started.`,
    );
    await untilDue();
    await ok(["subnet", "epoch", "1"]);
    expect(await ok(["subnet", "withdraw", "1"])).to.contain(
      `Withdrew 100 OMP of unbonded stake from ${ACCOUNT[0]} on subnet 1.`,
    );
  });

  it("publishes the miner's candidate to IPFS and pulls it back verified", async function () {
    const weights = path.join(local.scratch, "candidate");
    await mkdir(weights, { recursive: true });
    await writeFile(path.join(weights, "model.bin"), Buffer.alloc(20_000, 9));
    const published = await ok(["subnet", "candidate", "publish", "1", weights], KEY_1);
    expect(published).to.contain(`Published ${weights} as the candidate of ${ACCOUNT[1]} on subnet 1.`);
    const pulled = await ok(["subnet", "candidate", "pull", "1", "1", path.join(local.scratch, "pulled")]);
    expect(pulled)
      .to.contain(`Pulled the candidate of ${ACCOUNT[1]} on subnet 1`)
      .and.contain("verified against the CID on chain");
    expect(await readFile(path.join(local.scratch, "pulled", "model.bin"))).to.deep.equal(Buffer.alloc(20_000, 9));

    const shown = await ok(["subnet", "candidate", "show", "1"]);
    expect(shown).to.match(/uid\s+hotkey\s+cid/);
    expect(shown).to.match(new RegExp(`1\\s+${ACCOUNT[1]}\\s+${published.match(/CID:\s+(\S+)/)![1]}`));
    const byUid = JSON.parse(await ok(["subnet", "candidate", "show", "1", "1", "--json"])) as {
      uid: number;
      hotkey: string;
    }[];
    expect(byUid.map((c) => [c.uid, c.hotkey])).to.deep.equal([[1, ACCOUNT[1]]]);
    expect(await ok(["subnet", "candidate", "show", "1", ACCOUNT[0]])).to.contain(
      `${ACCOUNT[0]} has published no candidate on subnet 1.`,
    );
  });

  it("sets a validator's take, refusing one above the cap", async function () {
    expect(await ok(["subnet", "take", "1", "9"])).to.contain(
      `The take of ${ACCOUNT[0]} on subnet 1 is set to 9.00% of its dividends.`,
    );
    expect(await fails(["subnet", "take", "1", "20"])).to.match(
      /Error: A take of \d+ \(20\.00%\) is above the \d+ \(18\.00%\) allowed\./,
    );
  });

  it("sets weights directly on a subnet without commit and reveal, and refuses it where commits are required", async function () {
    expect(await fails(["subnet", "weights", "set", "1", "1:1"])).to.contain(
      "Error: Subnet 1 takes weights by commit and reveal: commit them first (npx hardhat --network localhost subnet weights commit).",
    );
    const direct = { tempo: TEMPO, commitReveal: false, minPrice: "1000000", maxPrice: "1000000000" };
    const created = await createSubnet("direct.json", direct);
    expect(created).to.contain(`Created subnet 2, owned by ${ACCOUNT[0]}.`);
    expect(await ok(["subnet", "register", "2"])).to.contain(`${ACCOUNT[0]} holds UID 0 on subnet 2`);
    expect(await ok(["subnet", "weights", "set", "2", "0:1"])).to.contain("Set weights on subnet 2: 0:65535.");
  });
});
