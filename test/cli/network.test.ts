import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "chai";

import { type LocalNode, startLocalNode } from "./harness.js";

// The network a command runs on, as users meet it: reads on a chain whose key is not configured, and a deployments
// file left from another chain (a restarted node). Each command is a separate process against a `hardhat node`.

describe("CLI: networks and deployments", function () {
  this.timeout(300_000);
  let node: LocalNode;

  before(async function () {
    node = await startLocalNode("cli-network-");
    await node.deploy();
  });

  after(async function () {
    await node?.stop();
  });

  /** A command on the remote network (the same node) with no key configured. */
  const withoutKey = (args: string[]) =>
    node.hardhat([...args, "--network", "remote"], { RPC_URL: node.url, PRIVATE_KEY: undefined });

  it("reads need no key: a network without one is opened to read", async function () {
    const run = await withoutKey(["imo", "list", "--json"]);
    expect(run.code, run.stderr).to.equal(0);
    expect(JSON.parse(run.stdout)).to.deep.equal([]);
    const missing = await withoutKey(["model", "show", "nothing-here"]);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.include('No model is registered under the slug "nothing-here".');
  });

  it("a write without a key says which one to set, in a sentence", async function () {
    const run = await withoutKey(["model", "register", "my-model", "--license", "MIT"]);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include("Error: Registering needs a signer, and the network has no key configured.");
    expect(run.stderr).to.include("npx hardhat keystore set PRIVATE_KEY");
    expect(run.stderr).to.not.match(/^\s+at /m);
  });

  it("without --network, reads work on the in-process chain and a write is refused in a sentence", async function () {
    const read = await node.hardhat(["imo", "list", "--json"]);
    expect(read.code, read.stderr).to.equal(0);
    const write = await node.hardhat(["model", "register", "my-model", "--license", "MIT"]);
    expect(write.code).to.equal(1);
    expect(write.stderr).to.include(
      "Error: Without --network this command would write to a throwaway in-process chain that ends with it.",
    );
    expect(write.stderr).to.include("--network localhost");
    const onPurpose = await node.hardhat(["model", "register", "my-model", "--license", "MIT", "--network", "hardhat"]);
    expect(onPurpose.code, onPurpose.stderr).to.equal(0);
  });

  it("a deployments file from another chain is refused before anything is read or sent", async function () {
    const file = path.join(node.scratch, "deployments", "localhost.json");
    const recorded = await readFile(file, "utf8");
    const deployment = JSON.parse(recorded) as { genesisHash: string };
    expect(deployment.genesisHash).to.match(/^0x[0-9a-f]{64}$/);
    await writeFile(file, JSON.stringify({ ...deployment, genesisHash: `0x${"ab".repeat(32)}` }));
    try {
      const stderr = await node.fails(["model", "register", "my-model", "--license", "MIT"]);
      expect(stderr).to.include(
        `Error: The deployment in ${path.join(node.scratch, "deployments", "localhost.json")} is from another chain: run \`protocol deploy\`.`,
      );
      // Nothing was sent: the deployer's nonce did not move.
      const nonce = await node.provider.getTransactionCount("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
      await node.fails(["model", "register", "my-model", "--license", "MIT"]);
      expect(await node.provider.getTransactionCount("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")).to.equal(nonce);
    } finally {
      await writeFile(file, recorded);
    }
  });
});
