// Starts a local IPFS RPC server for the Kubo backend's integration tests. Kubo's own binary cannot be
// installed from npm, so this runs the js-ipfs daemon (`ipfs@0.66.1`, installed apart in
// tools/kubo-daemon by `npm install --prefix tools/kubo-daemon`), which serves the same `/api/v0` RPC.
// It runs offline on 127.0.0.1 only: no swarm addresses, no bootstrap peers, no MDNS, no preload, no
// update check.
//
// One difference with Kubo matters to fixtures: js-ipfs's multipart parser drops a one-character file or
// directory name (its `filename="(.[^"]+)"` needs two), so the test trees use longer names.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import type { ChildProcess } from "node:child_process";

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Where the daemon is installed. */
export const KUBO_DAEMON_DIRECTORY = join(repositoryRoot, "tools", "kubo-daemon");
/** The command that installs it. */
export const KUBO_DAEMON_INSTALL = "npm install --prefix tools/kubo-daemon";

const cli = join(KUBO_DAEMON_DIRECTORY, "node_modules", "ipfs", "src", "cli.js");

/** Whether `npm install --prefix tools/kubo-daemon` has been run. */
export function kuboDaemonInstalled(): boolean {
  return existsSync(cli);
}

/** The pinned Node 22 of the project (the `node` devDependency), else the Node running the tests. */
function nodeBinary(): string {
  const pinned = join(repositoryRoot, "node_modules", ".bin", "node");
  return existsSync(pinned) ? pinned : process.execPath;
}

const CONFIG = {
  Addresses: {
    // Port 0: the daemon picks free ports and writes the API address to `$IPFS_PATH/api`.
    API: "/ip4/127.0.0.1/tcp/0",
    Gateway: "/ip4/127.0.0.1/tcp/0",
    RPC: "/ip4/127.0.0.1/tcp/0",
    Swarm: [],
    Announce: [],
    NoAnnounce: [],
    Delegates: [],
  },
  Bootstrap: [],
  Discovery: { MDNS: { Enabled: false }, webRTCStar: { Enabled: false } },
  Routing: { Type: "none" },
  Pubsub: { Enabled: false },
};

export interface KuboDaemon {
  /** The RPC address, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The repository (`IPFS_PATH`), a fresh temporary directory. */
  repository: string;
  stop(): Promise<void>;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(nodeBinary(), [cli, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (data: Buffer) => (output += data.toString()));
    child.stderr.on("data", (data: Buffer) => (output += data.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`jsipfs ${args[0]} exited with ${code}:\n${output}`)),
    );
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
    child.once("exit", () => resolvePromise());
  });
}

/**
 * Initialises a repository in a new temporary directory and starts `jsipfs daemon --offline` on it;
 * resolves once the API answers.
 */
export async function startKuboDaemon(): Promise<KuboDaemon> {
  if (!kuboDaemonInstalled()) throw new Error(`The test IPFS daemon is not installed: run \`${KUBO_DAEMON_INSTALL}\`.`);
  const base = await mkdtemp(join(tmpdir(), "kubo-daemon-"));
  const repository = join(base, "repo");
  const env: NodeJS.ProcessEnv = { ...process.env, IPFS_PATH: repository, NO_UPDATE_NOTIFIER: "1", DEBUG: "" };
  const configFile = join(base, "config.json");
  await writeFile(configFile, JSON.stringify(CONFIG));
  await run(["init", "--emptyRepo", "--defaultConfig", configFile], env);

  const daemon = spawn(nodeBinary(), [cli, "daemon", "--offline", "--enable-preload=false"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stopDaemon = async () => {
    if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill("SIGTERM");
    await waitForExit(daemon);
  };
  const killOnExit = () => daemon.kill("SIGKILL");
  process.once("exit", killOnExit);

  try {
    let output = "";
    await new Promise<void>((resolvePromise, reject) => {
      const onData = (data: Buffer) => {
        output += data.toString();
        if (output.includes("Daemon is ready")) resolvePromise();
      };
      daemon.stdout.on("data", onData);
      daemon.stderr.on("data", onData);
      daemon.once("error", reject);
      daemon.once("exit", (code) =>
        reject(new Error(`jsipfs daemon exited with ${code} before it was ready:\n${output}`)),
      );
    });
    const api = (await readFile(join(repository, "api"), "utf8")).trim(); // /ip4/127.0.0.1/tcp/<port>/http
    const match = /^\/ip4\/127\.0\.0\.1\/tcp\/(\d+)/.exec(api);
    if (!match) throw new Error(`Unexpected API address ${api}`);
    const url = `http://127.0.0.1:${match[1]}`;
    const answer = await fetch(`${url}/api/v0/version`, { method: "POST" });
    if (!answer.ok) throw new Error(`The daemon's API answered ${answer.status}`);
    await answer.body?.cancel();
    return {
      url,
      repository,
      stop: async () => {
        await stopDaemon();
        process.removeListener("exit", killOnExit);
        await rm(base, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopDaemon();
    process.removeListener("exit", killOnExit);
    await rm(base, { recursive: true, force: true });
    throw error;
  }
}
