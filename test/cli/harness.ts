import { spawn, type ChildProcess } from "node:child_process";
import { copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { JsonRpcProvider, type Signer } from "ethers";

import { ModelLaunchFactory__factory, ModelRegistry__factory, type Deployment } from "../../sdk/src/index.js";
import { cidOf } from "../fixtures/constants.js";
import type { LaunchParams } from "../fixtures/launch.js";

// The CLI as a user runs it: `npx hardhat <command> --network localhost` against a `hardhat node` on
// 127.0.0.1 that the test starts and stops, each command a separate process, one after another.

const require = createRequire(import.meta.url);
export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const hardhatCli = path.join(path.dirname(require.resolve("hardhat/package.json")), "dist/src/cli.js");

/** The node's well-known development accounts and the key of #1: never real keys. */
export const DEV_ACCOUNTS = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
];
export const DEV_KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of a command run: extra environment, or a key to run it on the remote network (the same node). */
export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  key?: string;
}

/** Runs `hardhat <args>` in the project as a separate process, as a user would, and collects what it printed. */
export function runHardhat(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [hardhatCli, ...args], {
      cwd: projectRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The team registers `slug` (MIT, the CID of its name as card), approves the factory and launches `params`, as
 * the CLI tests' teams do outside the CLI; returns the addresses the factory records.
 */
export async function registerAndLaunch(deployment: Deployment, team: Signer, slug: string, params: LaunchParams) {
  const registry = ModelRegistry__factory.connect(deployment.contracts.ModelRegistry.address, team);
  const factory = ModelLaunchFactory__factory.connect(deployment.contracts.ModelLaunchFactory.address, team);
  await (await registry.register(slug, cidOf(slug), "MIT")).wait();
  await (await registry.setApprovalForAll(deployment.contracts.ModelLaunchFactory.address, true)).wait();
  await (await factory.launch(params)).wait();
  return factory.launchOf(params.model);
}

/** A port on 127.0.0.1 that nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A running `hardhat node`, its scratch folders, and ways to run CLI commands against it. */
export interface LocalNode {
  url: string;
  scratch: string;
  env: NodeJS.ProcessEnv;
  /** JSON-RPC to the node, for what the tests do besides the CLI (a team's launch, the clock). */
  provider: JsonRpcProvider;
  /** Moves the node's clock forward by `seconds` and mines a block. */
  travel(seconds: number): Promise<void>;
  /** Runs `hardhat <args>` as given (no network added). */
  hardhat(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<Run>;
  /** Runs a command on the node and expects it to succeed; returns stdout. */
  ok(args: string[], options?: RunOptions): Promise<string>;
  /** Runs a command on the node and expects one sentence on stderr and exit code 1; returns stderr. */
  fails(args: string[], options?: RunOptions): Promise<string>;
  /** Deploys the protocol with the CLI and records it for the remote network too (the same node); returns it. */
  deploy(): Promise<Deployment>;
  stop(): Promise<void>;
}

/**
 * The commands a suite runs on its node, `key` naming the account to sign with on the remote network; `node` gives
 * the node, which the suite starts in its `before`.
 */
export function commandsOn(node: () => LocalNode): {
  ok(args: string[], key?: string): Promise<string>;
  fails(args: string[], key?: string): Promise<string>;
  travel(seconds: number): Promise<void>;
} {
  return {
    ok: (args, key) => node().ok(args, { key }),
    fails: (args, key) => node().fails(args, { key }),
    travel: (seconds) => node().travel(seconds),
  };
}

/** Starts a `hardhat node` on a free port with its own deployments and IPFS folders. */
export async function startLocalNode(prefix: string): Promise<LocalNode> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), prefix));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOCALHOST_URL: url,
    DEPLOYMENTS_DIR: path.join(scratch, "deployments"),
    IPFS_DIR: path.join(scratch, "ipfs"),
    IPFS_API: "",
    FORCE_COLOR: "0",
  };
  const node: ChildProcess = spawn(
    process.execPath,
    [hardhatCli, "node", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      cwd: projectRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    node.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Started HTTP")) resolve();
    });
    node.once("exit", (code) => reject(new Error(`hardhat node exited with ${code}: ${output}`)));
  });
  const journalsBefore = new Set(await journals());
  const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true });

  const hardhat = (args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> =>
    runHardhat(args, { ...env, ...extraEnv });
  const onNode = (args: string[], options: RunOptions = {}) =>
    options.key
      ? hardhat([...args, "--network", "remote"], { RPC_URL: url, PRIVATE_KEY: options.key, ...options.env })
      : hardhat([...args, "--network", "localhost"], options.env);
  const ok = async (args: string[], options?: RunOptions): Promise<string> => {
    const run = await onNode(args, options);
    expect(run.code, `${args.join(" ")} failed:\n${run.stderr}`).to.equal(0);
    return run.stdout;
  };

  return {
    url,
    scratch,
    env,
    provider,
    async travel(seconds) {
      await provider.send("evm_increaseTime", [seconds]);
      await provider.send("evm_mine", []);
    },
    hardhat,
    ok,
    async fails(args, options) {
      const run = await onNode(args, options);
      expect(run.code, `${args.join(" ")} should fail:\n${run.stdout}`).to.equal(1);
      // A sentence, never a stack trace.
      expect(run.stderr).to.match(/^Error: /m);
      expect(run.stderr).to.not.match(/^\s+at /m);
      return run.stderr;
    },
    async deploy() {
      const deployment = JSON.parse(await ok(["protocol", "deploy", "--json"])) as Deployment;
      const deployments = path.join(scratch, "deployments");
      await copyFile(path.join(deployments, "localhost.json"), path.join(deployments, "remote.json"));
      return deployment;
    },
    async stop() {
      provider.destroy();
      node.kill();
      // Ignition's journals of this node's deployments: the node is gone, so are they.
      for (const journal of await journals()) {
        if (!journalsBefore.has(journal)) await rm(journal, { recursive: true, force: true });
      }
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

async function journals(): Promise<string[]> {
  const dir = path.join(projectRoot, "deploy", "deployments");
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => name.startsWith("chain-31337-")).map((name) => path.join(dir, name));
}
