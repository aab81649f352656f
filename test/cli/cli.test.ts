import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "chai";

import { ModelRegistry__factory, type Deployment } from "../../sdk/src/index.js";
import { DEV_ACCOUNTS, DEV_KEY_1, freePort, startLocalNode, type LocalNode } from "./harness.js";

// The registry's commands and the team's launch, as a user runs them against a local node.

describe("CLI against a hardhat node on 127.0.0.1", function () {
  this.timeout(180_000);
  let local: LocalNode;
  let scratch: string;
  const hardhat = (args: string[], extraEnv?: NodeJS.ProcessEnv) => local.hardhat(args, extraEnv);
  const ok = (args: string[]) => local.ok(args);
  const fails = (args: string[], env?: NodeJS.ProcessEnv) => local.fails(args, { env });

  before(async function () {
    local = await startLocalNode("cli-");
    scratch = local.scratch;
    await mkdir(path.join(scratch, "weights-v1", "shards"), { recursive: true });
    await writeFile(path.join(scratch, "weights-v1", "model.json"), '{"format":"demo"}\n');
    await writeFile(path.join(scratch, "weights-v1", "shards", "0.bin"), Buffer.alloc(600_000, 1));
    await mkdir(path.join(scratch, "weights-v2"), { recursive: true });
    await writeFile(path.join(scratch, "weights-v2", "model.json"), '{"format":"demo","tuned":true}\n');
    await writeFile(path.join(scratch, "hello.txt"), "hello\n");
  });

  after(async function () {
    await local?.stop();
  });

  it("prints a CID without storing anything (model hash)", async function () {
    const v1 = await hardhat(["model", "hash", path.join(scratch, "hello.txt")]);
    expect(v1.stdout).to.contain("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am");
    const v0 = await hardhat(["model", "hash", path.join(scratch, "hello.txt"), "--cid-version", "0"]);
    expect(v0.stdout).to.contain("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN");
    const bad = await hardhat(["model", "hash", path.join(scratch, "hello.txt"), "--cid-version", "2"]);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.contain("--cid-version must be 0 or 1");
  });

  it("says to deploy first when the network has no deployment", async function () {
    const stderr = await fails(["model", "show", "anything"]);
    expect(stderr).to.contain("No deployment found");
    expect(stderr).to.contain("protocol deploy");
  });

  it("deploys the protocol and records its address", async function () {
    // Recorded for the remote network (the same node) too, for the commands run there with a key.
    const deployment = await local.deploy();
    expect(deployment.chainId).to.equal(31337);
    const recorded = JSON.parse(await readFile(path.join(scratch, "deployments", "localhost.json"), "utf8"));
    expect(recorded.contracts.ModelRegistry.address).to.equal(deployment.contracts.ModelRegistry.address);
    // A second run resumes from Ignition's journal and keeps the same address.
    const again = JSON.parse(await ok(["protocol", "deploy", "--json"]));
    expect(again.contracts.ModelRegistry.address).to.equal(deployment.contracts.ModelRegistry.address);
  });

  it("registers a model, and refuses a taken slug with a sentence", async function () {
    expect(await ok(["model", "register", "demo-model", "--license", "MIT", "--name", "Demo model"])).to.contain(
      "Registered demo-model as model #1.",
    );
    const stderr = await fails(["model", "register", "demo-model", "--license", "MIT"]);
    expect(stderr).to.contain('Error: The slug "demo-model" is already registered (model #1); choose another slug.');
    expect(await fails(["model", "register", "Bad_Slug", "--license", "MIT"])).to.contain(
      '"Bad_Slug" is not a valid slug',
    );
    expect(await fails(["model", "register", "no-license"])).to.contain("A licence is required.");
  });

  it("L-07 registers by commitment: the slug stays hidden, one-step registration waits, the reveal comes a minute later", async function () {
    const deployment = JSON.parse(
      await readFile(path.join(scratch, "deployments", "localhost.json"), "utf8"),
    ) as Deployment;
    const registry = ModelRegistry__factory.connect(deployment.contracts.ModelRegistry.address, local.provider);
    const commitments = path.join(scratch, "commitments.json");
    const command = [
      "model",
      "register",
      "hidden-model",
      "--license",
      "MIT",
      "--name",
      "Hidden",
      "--commit-reveal",
      "--commitments-file",
      commitments,
    ];
    const registering = hardhat([...command, "--network", "localhost"]);
    // Once the commitment is mined, a copy of the slug in one step is refused; then a minute passes.
    while ((await registry.pendingCommitments()) === 0n) await new Promise((resolve) => setTimeout(resolve, 200));
    const copied = await fails(["model", "register", "hidden-model", "--license", "MIT"]);
    expect(copied)
      .to.contain("registration(s) by commitment are pending")
      .and.contain("model register --commit-reveal");
    await local.travel(61);
    const run = await registering;
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stderr).to.contain('Committed to registering "hidden-model" without showing it');
    expect(run.stdout).to.contain("Registered hidden-model as model #2.");
    expect(JSON.parse(await readFile(commitments, "utf8"))).to.deep.equal({ version: 1, commitments: [] });
  });

  it("publishes versions with lineage and lists them", async function () {
    const hashed = await hardhat(["model", "hash", path.join(scratch, "weights-v1"), "--json"]);
    const expectedCid = (JSON.parse(hashed.stdout) as { cid: string }).cid;
    const first = await ok(["model", "publish", "demo-model", path.join(scratch, "weights-v1"), "--tag", "v1.0.0"]);
    expect(first).to.contain("Published demo-model@v1.0.0 as version 0.");
    expect(first).to.contain(expectedCid);
    // The former spelling, the directory first and the model as an option, still publishes.
    await ok([
      "model",
      "publish",
      path.join(scratch, "weights-v2"),
      "--model",
      "demo-model",
      "--tag",
      "v1.1.0",
      "--parent",
      "demo-model@v1.0.0",
    ]);
    const versions = await ok(["model", "versions", "demo-model"]);
    expect(versions).to.match(/0\s+v1\.0\.0\s+\S+\s+-\s/);
    expect(versions).to.match(/1\s+v1\.1\.0\s+\S+\s+demo-model#0\s/);
    const shown = JSON.parse(await ok(["model", "show", "demo-model", "--json"])) as {
      versionCount: number;
      latest: { tag: string };
      lineage: { tag: string }[];
    };
    expect(shown.versionCount).to.equal(2);
    expect(shown.latest.tag).to.equal("v1.1.0");
    expect(shown.lineage.map((v) => v.tag)).to.deep.equal(["v1.0.0"]);
    expect(
      await fails(["model", "publish", "demo-model", path.join(scratch, "weights-v2"), "--tag", "v1.1.0"]),
    ).to.contain('already has a version tagged "v1.1.0"');
  });

  it("deprecates a version and shows why", async function () {
    expect(await ok(["model", "deprecate", "demo-model@v1.1.0", "--reason", "tuning diverged"])).to.contain(
      "demo-model@v1.1.0 is deprecated: tuning diverged",
    );
    expect(await ok(["model", "versions", "demo-model"])).to.contain("deprecated: tuning diverged");
    expect(await fails(["model", "deprecate", "demo-model@v1.1.0", "--reason", "again"])).to.contain(
      "already deprecated",
    );
    expect(await ok(["model", "show", "demo-model"])).to.match(/Latest:\s+v1\.0\.0/);
  });

  it("pulls a version verified, and refuses to overwrite", async function () {
    const destination = path.join(scratch, "pulled");
    expect(await ok(["model", "pull", "demo-model@v1.0.0", destination])).to.contain("verified against the chain");
    expect(await readFile(path.join(destination, "shards", "0.bin"))).to.deep.equal(Buffer.alloc(600_000, 1));
    expect(await fails(["model", "pull", "demo-model", destination])).to.match(/exists/i);
    expect(await fails(["model", "pull", "demo-model@v9", path.join(scratch, "nowhere")])).to.contain(
      'has no version tagged "v9"',
    );
  });

  it("grants a publisher, who publishes, and revokes it with --undo (--revoke, its former name, revokes too)", async function () {
    const granted = await ok(["model", "publisher", "demo-model", DEV_ACCOUNTS[1]]);
    expect(granted).to.contain(`${DEV_ACCOUNTS[1]} may now publish versions of demo-model.`);
    expect(granted).to.contain(`Publishers besides the owner: ${DEV_ACCOUNTS[1]}`);
    // Account #1 publishes with its own key, on the remote network (the same node).
    const publish = (tag: string) => ["model", "publish", "demo-model", path.join(scratch, "hello.txt"), "--tag", tag];
    expect(await local.ok(publish("v1.2.0-ci"), { key: DEV_KEY_1 })).to.contain(
      "Published demo-model@v1.2.0-ci as version 2.",
    );
    const revoked = await ok(["model", "publisher", "demo-model", DEV_ACCOUNTS[1], "--undo"]);
    expect(revoked).to.contain(`${DEV_ACCOUNTS[1]} may no longer publish versions of demo-model.`);
    expect(revoked).to.contain("Publishers besides the owner: none");
    expect(await local.fails(publish("v1.3.0-ci"), { key: DEV_KEY_1 })).to.contain(
      `${DEV_ACCOUNTS[1]} may not publish or deprecate versions of`,
    );
    expect(await fails(["model", "publisher", "demo-model", DEV_ACCOUNTS[1], "--revoke"])).to.contain(
      `${DEV_ACCOUNTS[1]} is not a publisher of`,
    );
  });

  it("launches the model's IMO from a config file, after showing the plan", async function () {
    const config = {
      model: { slug: "demo-model" },
      token: { name: "Demo Model", symbol: "DEMO", supply: "1000" },
      split: { sale: "500", treasury: "500" },
      sale: { payment: "ETH", price: "0.01", softCap: "1", hardCap: "5", start: "+1h", end: "+2d" },
    };
    const file = path.join(scratch, "launch.json");
    await writeFile(file, JSON.stringify({ ...config, split: { sale: "500", treasury: "400" } }));
    const wrong = await fails(["imo", "launch", "--config-file", file]);
    expect(wrong).to.contain(
      "is invalid: split: sale + treasury + liquidity + team add up to 900, not the supply 1000",
    );

    await writeFile(file, JSON.stringify(config));
    const dryRun = await ok(["imo", "launch", "--config-file", file, "--dry-run"]);
    expect(dryRun).to.contain('- Launch the registered model "demo-model" (#1).');
    // Without a stream duration in the file, revenue streams over a day, and the plan says so.
    expect(dryRun).to.contain("each deposit released over 1 day");
    expect(dryRun).to.not.contain("Launched");
    const launched = await ok(["imo", "launch", "--config-file", file]);
    expect(launched).to.contain("Launched demo-model (model #1).");
    const timelock = /Timelock:\s+(0x[0-9a-fA-F]{40})/.exec(launched)![1];
    const shown = JSON.parse(await ok(["model", "show", "demo-model", "--json"])) as { owner: string };
    expect(shown.owner).to.equal(timelock);
  });

  it("lets the team cancel the sale before it starts, once", async function () {
    expect(await ok(["imo", "cancel", "demo-model"])).to.contain(
      "demo-model's sale is cancelled before its start: the tokens for sale are back in the DAO treasury.",
    );
    expect((JSON.parse(await ok(["imo", "show", "demo-model", "--json"])) as { status: string }).status).to.equal(
      "Cancelled",
    );
    expect(await fails(["imo", "cancel", "demo-model"])).to.match(/^Error: /);
  });

  it("works on any EVM RPC given by URL and key (the remote network)", async function () {
    // The remote network reads RPC_URL and PRIVATE_KEY from the keystore or, as here, the environment.
    const stdout = await local.ok(["model", "register", "remote-model", "--license", "MIT", "--json"], {
      key: DEV_KEY_1,
    });
    expect(JSON.parse(stdout).owner).to.equal(DEV_ACCOUNTS[1]);
  });

  it("says the network is unreachable instead of printing a stack trace", async function () {
    const closed = await freePort();
    const stderr = await fails(["model", "show", "demo-model"], { LOCALHOST_URL: `http://127.0.0.1:${closed}` });
    expect(stderr).to.contain("The network could not be reached.");
  });
});
